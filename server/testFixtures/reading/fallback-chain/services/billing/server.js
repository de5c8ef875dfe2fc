const express = require('express');

const env = process.env;
const app = express();

// Events are fetched directly in dev, through the gateway in production.
const EVENTS = env.EVENTS_URL ?? env.GATEWAY_URL ?? 'http://localhost:4061';

app.get('/orders/:id', async (req, res) => {
  const r = await fetch(`${EVENTS}/events?order=${req.params.id}`);
  res.status(r.status).json(await r.json());
});

app.listen(Number(env.PORT ?? 4064));
