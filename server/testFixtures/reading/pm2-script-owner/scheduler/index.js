// Cron jobs plus a status page.
const cron = require('node-cron');
const http = require('node:http');

cron.schedule('*/15 * * * *', () => console.log('tick'));

http.createServer((_req, res) => res.end('ok')).listen(5660, '127.0.0.1');
