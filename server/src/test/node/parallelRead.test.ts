import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { createPortEngine, noopToken, type PortEngine } from '../../engine/api';
import { FactsCache } from '../../node/factsCache';
import { NodeWorkspace } from '../../node/nodeWorkspace';
import { REPO_ROOT } from '../helpers/lspClient';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'port-schema-parallel-'));
after(() => fs.rmSync(root, { recursive: true, force: true }));

/** Findings and map as the CLI's JSON would carry them. */
function report(engine: PortEngine): string {
  return JSON.stringify({ findings: engine.findings(), map: engine.map(), plan: engine.planFiles() });
}

async function indexed(parallelReadThreshold: number, lines: string[], threadsReadAll = false): Promise<PortEngine> {
  const logger = { log: (_level: string, message: string) => lines.push(message) };
  const cache = FactsCache.inMemory();
  const workspace = new NodeWorkspace(root, { cache, logger, parallelReadThreshold, threadsReadAll });
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
  const actual = report(await indexed(1, parallel, true));

  assert.equal(actual, expected);
  const files = (await new NodeWorkspace(root).list(noopToken)).length;
  assert.ok(parallel.includes(`read ${files} of ${files} files in reading threads`), parallel.join('\n'));
  assert.ok(!single.some((line) => line.includes('reading threads')));
  assert.deepEqual(parallel.filter((line) => line.startsWith('skipped')), single.filter((line) => line.startsWith('skipped')));
  assert.ok(single.includes('skipped blob.sql: binary content'));
});

test('a tree read by threads and the main thread side by side, each file by one of them, indexes as one read on the main thread', async () => {
  const single: string[] = [];
  const shared: string[] = [];
  const expected = report(await indexed(Number.POSITIVE_INFINITY, single));
  const actual = report(await indexed(1, shared));
  assert.equal(actual, expected);
  const files = (await new NodeWorkspace(root).list(noopToken)).length;
  // How many the threads read depends on how fast one starts; every listed file is offered to them.
  assert.ok(shared.some((l) => new RegExp(`^read \\d+ of ${files} files in reading threads$`).test(l)), shared.join('\n'));
  assert.deepEqual(shared.filter((l) => l.startsWith('skipped')), single.filter((l) => l.startsWith('skipped')));
});
