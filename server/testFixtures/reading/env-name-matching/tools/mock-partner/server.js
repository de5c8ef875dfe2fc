// A fake partner API for local development: `npm run mock`.
// API_PORT is this mock's own port (the real partner API is external).
const http = require('node:http');

const port = process.env.API_PORT || 9911;
http
  .createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ partners: [], rateLimit: 120 }));
  })
  .listen(port);
