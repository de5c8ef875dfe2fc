// Chief of Staff agent runner: spawns agent CLIs in worktrees, isolated from portos-server restarts.
import http from 'node:http';
import { startOAuth } from './oauth.js';

const PORT = Number(process.env.PORT) || 5558;
const HOST = process.env.HOST || '127.0.0.1';
const MAX_CONCURRENT_AGENTS = 3;
const running = new Map();

http
  .createServer((req, res) => {
    if (req.url === '/health') return res.end(JSON.stringify({ ok: true, agents: running.size, max: MAX_CONCURRENT_AGENTS }));
    if (req.url === '/oauth/start') return res.end(JSON.stringify({ url: startOAuth() }));
    res.writeHead(404).end();
  })
  .listen(PORT, HOST, () => console.log(`cos-runner on ${HOST}:${PORT}`));
