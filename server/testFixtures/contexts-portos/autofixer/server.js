// Autofixer daemon: watches PM2 logs for crashes and opens fix runs.
const http = require('node:http');

const PORT = Number(process.env.PORT) || 5559;
const runs = [];
const MAX_KEPT_RUNS = 200;

http
  .createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    if (url.pathname === '/runs') {
      const limit = Math.min(Number(url.searchParams.get('limit')) || 20, MAX_KEPT_RUNS);
      return res.end(JSON.stringify(runs.slice(-limit)));
    }
    res.writeHead(404).end();
  })
  .listen(PORT);
