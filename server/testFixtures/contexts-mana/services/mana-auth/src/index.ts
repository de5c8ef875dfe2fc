import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { sign, verify } from 'hono/jwt';

const port = Number(process.env.PORT ?? 3001);
const secret = process.env.JWT_SECRET ?? 'dev-secret';
const corsOrigins = (process.env.CORS_ORIGINS ?? 'http://localhost:5000,http://localhost:5173').split(',');
const webauthnOrigin = process.env.WEBAUTHN_ORIGIN ?? 'http://localhost:5000';
const googleRedirect = process.env.GOOGLE_REDIRECT_URI ?? 'http://localhost:5173/auth/callback/google';
// Discard port: audit events go nowhere unless AUDIT_SINK_URL is configured.
const auditSink = process.env.AUDIT_SINK_URL ?? 'http://127.0.0.1:9';
const TOKEN_TTL_SECONDS = 60 * 60 * 24 * 7;
const PASSWORD_MIN_LENGTH = 12;

const app = new Hono();
app.use('*', cors({ origin: corsOrigins, credentials: true, maxAge: 600 }));

app.get('/health', (c) => c.json({ status: 'ok', service: 'mana-auth', webauthnOrigin }));

app.post('/api/v1/auth/login', async (c) => {
  const { email, password } = await c.req.json<{ email: string; password: string }>();
  if (password.length < PASSWORD_MIN_LENGTH) return c.json({ error: 'weak password' }, 422);
  const exp = Math.floor(Date.now() / 1000) + TOKEN_TTL_SECONDS;
  void fetch(auditSink, { method: 'POST', body: JSON.stringify({ event: 'login', email }) }).catch(() => {});
  return c.json({ token: await sign({ sub: email, exp }, secret) }, 201);
});

app.get('/api/v1/auth/google', (c) => c.redirect(`https://accounts.google.com/o/oauth2/v2/auth?redirect_uri=${encodeURIComponent(googleRedirect)}`));

app.get('/api/v1/auth/me', async (c) => {
  const token = c.req.header('Authorization')?.slice('Bearer '.length);
  if (!token) return c.json({ error: 'unauthorized' }, 401);
  return c.json(await verify(token, secret));
});

console.log(`mana-auth listening on :${port}`);

export default { port, fetch: app.fetch };
