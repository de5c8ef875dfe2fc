import express from 'express';
import http from 'node:http';
import https from 'node:https';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const PORT = process.env.PORT || 5555;
const HTTP_MIRROR_PORT = process.env.PORTOS_HTTP_PORT || 5553;
const CERT_DIR = join(process.cwd(), 'data', 'certs');
const SHUTDOWN_GRACE_MS = 10000;

const app = express();
app.use(express.json({ limit: '2mb' }));

app.get('/api/health', (_req, res) => res.json({ ok: true, uptime: process.uptime() }));
app.get('/api/apps', (_req, res) => res.json([]));

const tls = existsSync(join(CERT_DIR, 'cert.pem'))
  ? { cert: readFileSync(join(CERT_DIR, 'cert.pem')), key: readFileSync(join(CERT_DIR, 'key.pem')) }
  : undefined;

const server = tls ? https.createServer(tls, app) : http.createServer(app);
server.listen(PORT, () => {
  console.log(`🚀 PortOS ${tls ? 'https' : 'http'} on :${PORT}`);
});

// With HTTPS on, local scripts get a plain-HTTP mirror on the loopback interface.
if (tls) {
  http.createServer(app).listen(HTTP_MIRROR_PORT, '127.0.0.1');
}

process.on('SIGTERM', () => {
  server.close();
  setTimeout(() => process.exit(0), SHUTDOWN_GRACE_MS).unref();
});
