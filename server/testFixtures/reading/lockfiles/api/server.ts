import { Hono } from 'hono';
import { serve } from '@hono/node-server';

const app = new Hono();
app.get('/health', (c) => c.text('ok'));
serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 4801) });
