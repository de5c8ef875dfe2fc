// autofixer UI: a tiny dashboard over the API. Same folder as the API, separate PM2 app.
const http = require('node:http');
const { listRuns } = require('./lib/client');

const server = http.createServer(async (_req, res) => {
  const runs = await listRuns();
  res.writeHead(200, { 'content-type': 'text/html' });
  res.end(`<h1>autofixer</h1><p>${runs.length} runs</p>`);
});

server.listen(process.env.PORT || 5641);
