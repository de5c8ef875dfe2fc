// Talks to the managed Chrome (portos-browser) over CDP and its health endpoint.
import { Router } from 'express';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const CONFIG_FILE = join(process.cwd(), 'data', 'browser-config.json');

const DEFAULT_CONFIG = {
  cdpPort: 5556,
  cdpHost: process.env.CDP_HOST || '127.0.0.1',
  healthPort: 5557,
  autoConnect: true,
  headless: false
};

export async function loadConfig() {
  const raw = await readFile(CONFIG_FILE, 'utf8').catch(() => '{}');
  return { ...DEFAULT_CONFIG, ...JSON.parse(raw) };
}

export async function getHealthStatus() {
  const { cdpHost, cdpPort, healthPort } = await loadConfig();
  const res = await fetch(`http://${cdpHost}:${healthPort}/health`, { signal: AbortSignal.timeout(2000) }).catch(() => null);
  return { connected: Boolean(res?.ok), cdpHost, cdpPort };
}

export const browserRouter = Router();
browserRouter.get('/status', async (_req, res) => res.json(await getHealthStatus()));
browserRouter.put('/config', async (req, res) => {
  await writeFile(CONFIG_FILE, JSON.stringify({ ...(await loadConfig()), ...req.body }, null, 2));
  res.status(204).end();
});
