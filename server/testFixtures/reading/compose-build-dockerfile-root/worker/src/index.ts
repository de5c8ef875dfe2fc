import { createServer } from 'node:http';
import { sendDigest } from '@relay/mailer';

const POLL_INTERVAL_MS = 5000;

setInterval(() => void sendDigest().catch(console.error), POLL_INTERVAL_MS);

// Health and metrics only; jobs come from Postgres.
createServer((req, res) => {
  res.writeHead(req.url === '/healthz' ? 204 : 404).end();
}).listen(Number(process.env.HEALTH_PORT ?? 7301));
