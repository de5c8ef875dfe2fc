// Notifier: turns domain events posted by other services into emails and webhooks.
'use strict';

const express = require('express');

const app = express();
const RETRY_DELAYS_MS = [1000, 5000, 30000];
const queue = [];

app.use(express.json());

app.get('/health', (_req, res) => res.json({ status: 'ok', queued: queue.length }));

app.post('/events', (req, res) => {
  const { type, payload } = req.body || {};
  if (!type) return res.status(400).json({ error: 'type is required' });
  queue.push({ type, payload, attempts: 0 });
  res.status(202).end();
});

function drain() {
  const event = queue.shift();
  if (!event) return;
  deliver(event).catch(() => {
    const delay = RETRY_DELAYS_MS[event.attempts];
    if (delay === undefined) return console.error('giving up on event', event.type);
    event.attempts += 1;
    setTimeout(() => queue.push(event), delay);
  });
}

async function deliver(event) {
  console.log('delivering', event.type);
}

setInterval(drain, 250);

app.listen(process.env.PORT || 4110, () => {
  console.log('notifier up');
});
