// Memory search for agents. Until 1.9 the CoS runner served /memory itself; installs whose .env
// still sets PORTOS_COS_URL keep working through the second name.
import { Router } from 'express';

const MEMORY_URL = process.env.PORTOS_MEMORY_URL || process.env.PORTOS_COS_URL || 'http://localhost:4061';
const DEFAULT_TOP_K = 8;

export const memoryRouter = Router();

memoryRouter.get('/search', async (req, res) => {
  const q = encodeURIComponent(String(req.query.q ?? ''));
  const upstream = await fetch(`${MEMORY_URL}/memory/search?q=${q}&k=${DEFAULT_TOP_K}`);
  res.status(upstream.status).json(await upstream.json());
});
