import { chromium, type Browser } from 'playwright-core';
import { config } from './config';

const cdpPort = Number(process.env.CDP_PORT ?? config.cdpPort);

export async function connect(): Promise<Browser> {
  return chromium.connectOverCDP(`http://127.0.0.1:${cdpPort}`, { timeout: config.navigationTimeoutMs });
}
