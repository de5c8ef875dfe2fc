// Scraper extension: HTTP API for jobs plus a WebSocket feed of results.
const http = require('node:http');
const { WebSocketServer } = require('ws');

const port = Number(process.env.PORT);
const wsPort = Number(process.env.WS_PORT);
const MAX_PAGES = 200;

const server = http.createServer((req, res) => {
  if (req.url === '/health') return res.end('ok');
  res.writeHead(404).end();
});
server.listen(port);

const feed = new WebSocketServer({ port: wsPort });
feed.on('connection', (socket) => socket.send(JSON.stringify({ hello: true, maxPages: MAX_PAGES })));
