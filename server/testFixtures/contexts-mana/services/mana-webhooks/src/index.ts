// mana-webhooks (split out of mana-notify in 0.3): receives Stripe and GitHub webhooks, verifies them,
// and forwards the events to mana-notify.
import { Hono } from 'hono';

const port = Number(process.env.PORT ?? 3040);
const notifyUrl = process.env.MANA_NOTIFY_URL ?? 'http://localhost:3040';
const MAX_BODY_BYTES = 512 * 1024;
const SIGNATURE_TOLERANCE_SECONDS = 300;

const app = new Hono();

app.get('/health', (c) => c.json({ ok: true }));

app.post('/hooks/:provider', async (c) => {
  const body = await c.req.text();
  if (body.length > MAX_BODY_BYTES) return c.json({ error: 'payload too large' }, 413);
  const sentAt = Number(c.req.header('x-timestamp') ?? 0);
  if (Math.abs(Date.now() / 1000 - sentAt) > SIGNATURE_TOLERANCE_SECONDS) return c.json({ error: 'stale' }, 400);
  await fetch(`${notifyUrl}/v1/notify`, { method: 'POST', body });
  return c.body(null, 204);
});

export default { port, fetch: app.fetch };
