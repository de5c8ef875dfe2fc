// Autofixer web UI: a static page that polls the autofixer daemon.
const http = require('node:http');
const { readFileSync } = require('node:fs');

const page = readFileSync(`${__dirname}/ui.html`);
http
  .createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(page);
  })
  .listen(process.env.PORT);
