// JSON API used by the Rails app's Stimulus controllers. Started by bin/dev (foreman sets PORT).
const http = require('node:http');

const port = Number(process.env.PORT);
if (!port) throw new Error('PORT is not set: start the API with bin/dev');

http.createServer((_req, res) => res.end('{"ok":true}')).listen(port);
