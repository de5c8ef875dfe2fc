import { createServer } from 'node:http';
import { renderPdf } from './cdp';

createServer(async (_req, res) => {
  const pdf = await renderPdf('<h1>Weekly crawl report</h1>');
  res.writeHead(200, { 'content-type': 'application/pdf' }).end(pdf);
}).listen(Number(process.env.PORT ?? 5561));
