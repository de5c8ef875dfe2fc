// Serves rendered map previews for the web app's share links.
const http = require('node:http');

http.createServer((_req, res) => res.end('preview')).listen(process.env.PORT || 4340);
