import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';

const port = Number(process.env.PORT ?? 3030);
const llmUrl = process.env.MANA_LLM_URL ?? 'http://localhost:3025';
const MAX_HISTORY = 40;

const app = new Hono();

app.get('/health', (c) => c.json({ ok: true }));

app.get('/api/spaces', (c) => c.json([{ id: 'general', messages: 0 }]));

app.post('/api/chat', async (c) => {
  const { messages } = await c.req.json<{ messages: unknown[] }>();
  return streamSSE(c, async (stream) => {
    const res = await fetch(`${llmUrl}/v1/chat`, {
      method: 'POST',
      body: JSON.stringify({ messages: messages.slice(-MAX_HISTORY) }),
    });
    await stream.writeSSE({ data: await res.text() });
  });
});

export default { port, fetch: app.fetch };
