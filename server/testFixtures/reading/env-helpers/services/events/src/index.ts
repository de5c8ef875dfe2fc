import Fastify from 'fastify';
import { config } from './config';

const app = Fastify({ connectionTimeout: 10_000 });
app.get('/events', async () => fetch(`http://localhost:${config.ledgerPort}/balances`).then((r) => r.json()));
await app.listen({ port: config.port, host: '0.0.0.0' });
