import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { createPortEngine, type PortEngine } from '../../engine/api';
import { FactsCache } from '../../node/factsCache';
import { NodeWorkspace } from '../../node/nodeWorkspace';
import { REPO_ROOT } from '../helpers/lspClient';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'port-schema-parallel-'));
after(() => fs.rmSync(root, { recursive: true, force: true }));

/** Findings and map as the CLI's JSON would carry them. */
function report(engine: PortEngine): string {
  return JSON.stringify({ findings: engine.findings(), map: engine.map(), plan: engine.planFiles() });
}

async function indexed(parallelReadThreshold: number, lines: string[]): Promise<PortEngine> {
  const logger = { log: (_level: string, message: string) => lines.push(message) };
  const cache = FactsCache.inMemory();
  const workspace = new NodeWorkspace(root, { cache, logger, parallelReadThreshold });
  const engine = createPortEngine({ workspace, logger, facts: cache });
  await engine.indexAll();
  return engine;
}

test('a tree read in worker threads indexes exactly as one read on the main thread', async () => {
  fs.cpSync(path.join(REPO_ROOT, 'examples/monorepo'), root, { recursive: true });
  fs.writeFileSync(path.join(root, 'Procfile'), 'web: python -m http.server $PORT\n');
  fs.writeFileSync(path.join(root, 'blob.sql'), Buffer.from([0x2d, 0x00]));
  const single: string[] = [];
  const parallel: string[] = [];

  const expected = report(await indexed(Number.POSITIVE_INFINITY, single));
  const actual = report(await indexed(1, parallel));

  assert.equal(actual, expected);
  assert.ok(parallel.some((line) => /^reading \d+ files in [1-9]\d* threads$/.test(line)), parallel.join('\n'));
  assert.ok(!single.some((line) => line.startsWith('reading ')));
  assert.deepEqual(parallel.filter((line) => line.startsWith('skipped')), single.filter((line) => line.startsWith('skipped')));
  assert.ok(single.includes('skipped blob.sql: binary content'));
});
