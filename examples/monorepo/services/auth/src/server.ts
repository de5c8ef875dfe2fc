import express, { type NextFunction, type Request, type Response } from 'express';
import { randomBytes, timingSafeEqual } from 'node:crypto';

const PORT = Number(process.env.PORT ?? 4101);
const SESSION_TTL_MS = 60 * 60 * 1000; // one hour
const MAX_LOGIN_ATTEMPTS = 5;

interface Session {
  userId: string;
  expiresAt: number;
}

const sessions = new Map<string, Session>();
const failedLogins = new Map<string, number>();

const app = express();
app.use(express.json({ limit: '16kb' }));

app.get('/health', (_req, res) => {
  res.json({ status: 'ok', sessions: sessions.size });
});

app.post('/login', (req: Request, res: Response) => {
  const { email, password } = req.body as { email?: string; password?: string };
  if (!email || !password) return res.status(400).json({ error: 'email and password are required' });
  if ((failedLogins.get(email) ?? 0) >= MAX_LOGIN_ATTEMPTS) return res.status(429).json({ error: 'too many attempts' });
  if (!checkPassword(email, password)) {
    failedLogins.set(email, (failedLogins.get(email) ?? 0) + 1);
    return res.status(401).json({ error: 'wrong email or password' });
  }
  const token = randomBytes(32).toString('hex');
  sessions.set(token, { userId: email, expiresAt: Date.now() + SESSION_TTL_MS });
  res.status(201).json({ token });
});

app.get('/session', requireSession, (req, res) => {
  res.json({ userId: res.locals.userId });
});

function requireSession(req: Request, res: Response, next: NextFunction) {
  const token = req.header('authorization')?.replace(/^Bearer /, '') ?? '';
  const session = sessions.get(token);
  if (!session || session.expiresAt < Date.now()) return res.status(401).end();
  res.locals.userId = session.userId;
  next();
}

/** Demo only: a single hard-wired account. */
function checkPassword(email: string, password: string): boolean {
  const expected = Buffer.from(process.env.DEMO_PASSWORD ?? 'shop');
  const given = Buffer.from(password);
  return email === 'demo@acme.test' && given.length === expected.length && timingSafeEqual(given, expected);
}

app.listen(PORT, () => {
  console.log(`auth listening on http://localhost:${PORT}`);
});
