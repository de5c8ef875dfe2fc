import express from 'express';
import { connect } from './browser';

const app = express();

app.post('/scrape', async (req, res) => {
  const browser = await connect();
  const page = await browser.newPage();
  await page.goto(String(req.query.url));
  res.status(200).send(await page.content());
});

app.listen(Number(process.env.PORT ?? 5560));
