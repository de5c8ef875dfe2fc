import puppeteer from 'puppeteer-core';

// Renders PDF reports in the shared browser.
const cdpPort = Number(process.env.CDP_PORT ?? 5558);

export async function renderPdf(html: string): Promise<Uint8Array> {
  const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${cdpPort}` });
  const page = await browser.newPage();
  await page.setContent(html, { waitUntil: 'networkidle0', timeout: 20000 });
  return page.pdf({ format: 'A4', margin: { top: '20mm', bottom: '20mm' } });
}
