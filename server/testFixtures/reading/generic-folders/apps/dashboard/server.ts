import { createServer } from 'node:http';

const REFRESH_SECONDS = 30;

createServer((_req, res) => {
  res.setHeader('refresh', String(REFRESH_SECONDS));
  res.end('<h1>atlas dashboard</h1>');
}).listen(Number(process.env.PORT ?? 4311));
