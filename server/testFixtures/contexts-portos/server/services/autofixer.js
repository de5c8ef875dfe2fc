// Proxies the autofixer daemon's API for the PortOS UI.
import { Router } from 'express';

const AUTOFIXER_API = process.env.PORTOS_AUTOFIXER_URL || 'http://localhost:5560';
const MAX_RUNS = 50;

export const autofixerRouter = Router();

autofixerRouter.get('/runs', async (_req, res) => {
  const upstream = await fetch(`${AUTOFIXER_API}/runs?limit=${MAX_RUNS}`).catch(() => null);
  if (!upstream?.ok) return res.status(502).json({ error: 'autofixer unreachable' });
  res.json(await upstream.json());
});

autofixerRouter.post('/runs/:id/retry', async (req, res) => {
  const upstream = await fetch(`${AUTOFIXER_API}/runs/${req.params.id}/retry`, { method: 'POST' });
  res.status(upstream.status).end();
});
