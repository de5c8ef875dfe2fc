import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { sign, verify } from 'hono/jwt';

const port = Number(process.env.PORT ?? 3001);
const secret = process.env.JWT_SECRET ?? 'dev-secret';
const TOKEN_TTL_SECONDS = 60 * 60 * 24 * 7;

const app = new Hono();
app.use('*', cors({ origin: (origin) => origin, credentials: true }));

app.get('/health', (c) => c.json({ status: 'ok', service: 'mana-auth' }));

app.post('/api/v1/auth/login', async (c) => {
  const { email } = await c.req.json<{ email: string; password: string }>();
  const exp = Math.floor(Date.now() / 1000) + TOKEN_TTL_SECONDS;
  return c.json({ token: await sign({ sub: email, exp }, secret) }, 201);
});

app.get('/api/v1/auth/me', async (c) => {
  const token = c.req.header('Authorization')?.slice('Bearer '.length);
  if (!token) return c.json({ error: 'unauthorized' }, 401);
  return c.json(await verify(token, secret));
});

console.log(`mana-auth listening on :${port}`);

export default { port, fetch: app.fetch };
