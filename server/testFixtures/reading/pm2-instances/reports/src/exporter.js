const http = require('node:http');

http.createServer((_req, res) => res.end('# HELP reports_generated_total\n')).listen(process.env.PORT || 4653);
