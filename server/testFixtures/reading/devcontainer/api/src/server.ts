import { createServer } from 'node:http';

createServer((_req, res) => res.end('ok')).listen(Number(process.env.PORT ?? 4700));
