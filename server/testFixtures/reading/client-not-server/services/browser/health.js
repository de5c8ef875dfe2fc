// Answers 200 while Chromium's DevTools endpoint answers.
const http = require('node:http');

const CDP = 'http://127.0.0.1:5556/json/version';

http
  .createServer(async (_req, res) => {
    const ok = await fetch(CDP).then((r) => r.ok, () => false);
    res.writeHead(ok ? 200 : 503).end();
  })
  .listen(5557);
