const http = require('node:http');

http.createServer((_req, res) => res.end('realtime')).listen(process.env.PORT || 4610);
