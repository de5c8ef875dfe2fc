import express from 'express';
import http from 'node:http';
import https from 'node:https';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { browserRouter } from './services/browser.js';
import { autofixerRouter } from './services/autofixer.js';
import { memoryRouter } from './services/memory.js';
import { voiceRouter } from './services/voice.js';
import { pool } from './lib/db.js';

const PORT = process.env.PORT || 5555;
const HTTP_MIRROR_PORT = process.env.PORTOS_HTTP_PORT || 5553;
const HOST = process.env.HOST || '0.0.0.0';
const CERT_DIR = join(process.cwd(), 'data', 'certs');
const GRACEFUL_SHUTDOWN_TIMEOUT_MS = 10000;

const app = express();
app.use(express.json({ limit: '2mb' }));
app.use('/api/browser', browserRouter);
app.use('/api/autofixer', autofixerRouter);
app.use('/api/memory', memoryRouter);
app.use('/api/voice', voiceRouter);
app.get('/api/health', async (_req, res) => {
  const { rows } = await pool.query('select 1 as ok');
  res.json({ ok: rows[0].ok === 1, uptime: process.uptime() });
});

const tls = existsSync(join(CERT_DIR, 'cert.pem'))
  ? { cert: readFileSync(join(CERT_DIR, 'cert.pem')), key: readFileSync(join(CERT_DIR, 'key.pem')) }
  : undefined;

const server = tls ? https.createServer(tls, app) : http.createServer(app);
server.listen(PORT, HOST, () => console.log(`PortOS ${tls ? 'https' : 'http'} on ${HOST}:${PORT}`));

// With HTTPS on, local scripts get a plain-HTTP mirror on the loopback interface.
if (tls) http.createServer(app).listen(HTTP_MIRROR_PORT, '127.0.0.1');

process.on('SIGTERM', () => {
  server.close();
  setTimeout(() => process.exit(0), GRACEFUL_SHUTDOWN_TIMEOUT_MS).unref();
});
