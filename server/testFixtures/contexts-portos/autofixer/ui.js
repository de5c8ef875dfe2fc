// Autofixer web UI: a static page plus a pass-through to the autofixer daemon.
const http = require('node:http');
const { readFileSync } = require('node:fs');

const PORT = Number(process.env.PORT) || 5560;
const API = process.env.AUTOFIXER_API_URL || 'http://localhost:5559';
const page = readFileSync(`${__dirname}/ui.html`);

http
  .createServer(async (req, res) => {
    if (req.url.startsWith('/runs')) {
      const upstream = await fetch(`${API}${req.url}`);
      res.writeHead(upstream.status, { 'content-type': 'application/json' });
      return res.end(await upstream.text());
    }
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(page);
  })
  .listen(PORT);
