import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Extractor } from '../../engine/extract/extractor';
import { nulLogger } from '../../engine/host';
import { WorkspaceIndex } from '../../engine/index/workspaceIndex';

/** Reads `*.proc` files, whose port is the number in the `base.txt` beside them (a stand-in for a Procfile and its `.env`). */
const procExtractor: Extractor = {
  id: 'proc',
  matches: (path) => path.endsWith('.proc'),
  companions: (path) => [path.replace(/[^/]*$/, 'base.txt')],
  isCompanion: (path) => path.endsWith('base.txt'),
  extract(file, out) {
    const base = Number(file.companions?.get(file.path.replace(/[^/]*$/, 'base.txt')) ?? 5000);
    out.addImplied({ start: 0, end: Math.min(3, file.text.length) }, base + file.text.length, 'bind');
  },
};

function portsOf(index: WorkspaceIndex, path: string): number[] {
  return [...index.facts()].find(([p]) => p === path)?.[1].occurrences.map((o) => o.port) ?? [];
}

test('a file is read with its companions, whichever is indexed first, and read again when one changes or goes', () => {
  const index = new WorkspaceIndex([procExtractor], nulLogger);
  index.update('a/web.proc', 1, 'web');
  assert.deepEqual(portsOf(index, 'a/web.proc'), [5003]);
  index.update('a/base.txt', 1, '3000');
  assert.deepEqual(portsOf(index, 'a/web.proc'), [3003], 'read again when its companion arrives');
  index.update('b/base.txt', 1, '4000');
  index.update('b/api.proc', 1, 'api');
  assert.deepEqual(portsOf(index, 'b/api.proc'), [4003], 'a companion indexed first is kept for it');
  const generation = index.generation;
  index.update('a/base.txt', 2, '3100');
  assert.deepEqual(portsOf(index, 'a/web.proc'), [3103]);
  assert.ok(index.generation > generation);
  assert.deepEqual(portsOf(index, 'b/api.proc'), [4003], 'another folder is untouched');
  index.remove('a/base.txt');
  assert.deepEqual(portsOf(index, 'a/web.proc'), [5003], 'read again without it');
  index.remove('a/web.proc');
  index.update('a/base.txt', 3, '3200');
  assert.equal(index.has('a/web.proc'), false, 'a removed dependent is not brought back');
});
