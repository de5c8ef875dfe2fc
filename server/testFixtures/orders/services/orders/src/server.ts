import express from 'express';
import { collectDefaultMetrics, register } from 'prom-client';

const API_PORT = Number(process.env.PORT ?? 4300);
const METRICS_PORT = Number(process.env.METRICS_PORT ?? 4301);
const PAYMENTS_URL = process.env.PAYMENTS_URL ?? 'http://localhost:4302';
const MAX_ITEMS = 200;

const api = express();
api.use(express.json({ limit: '32kb' }));

api.post('/orders', async (req, res) => {
  const items = Array.isArray(req.body?.items) ? req.body.items.slice(0, MAX_ITEMS) : [];
  const charge = await fetch(`${PAYMENTS_URL}/charges`, { method: 'POST', body: JSON.stringify({ items }) });
  res.status(charge.ok ? 201 : 402).json({ items: items.length });
});

api.listen(API_PORT, () => console.log(`orders API on ${API_PORT}`));

collectDefaultMetrics();
const metrics = express();
metrics.get('/metrics', async (_req, res) => res.type('text/plain').send(await register.metrics()));
metrics.listen(METRICS_PORT);
