import { createServer } from 'node:http';
import { PORT } from './env';

createServer((_req, res) => res.writeHead(202).end()).listen(PORT);
