import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { noopToken, nulLogger, standaloneFacts } from '../../engine/api';
import { openTreeCache, treeCacheDir } from '../../node/factsCache';
import { NodeWorkspace } from '../../node/nodeWorkspace';
import { REPO_ROOT } from '../helpers/lspClient';

test('the facts of every fixture file survive the cache\'s JSON exactly (no Map, class or undefined in them)', async () => {
  let files = 0;
  for (const tree of ['server/testFixtures', 'examples']) {
    const workspace = new NodeWorkspace(path.join(REPO_ROOT, tree));
    for (const listed of await workspace.list(noopToken)) {
      const file = await workspace.read(listed);
      if (!file) continue;
      const stored = standaloneFacts(file.path, file.text, nulLogger);
      assert.deepStrictEqual(JSON.parse(JSON.stringify(stored)), stored, `${tree}/${file.path}`);
      files++;
    }
  }
  assert.ok(files > 200, `read ${files} files`);
});

test('opening a tree cache removes the trees used longest ago, facts and recorded check alike, until all fit', () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'port-schema-evict-'));
  try {
    const tree = (root: string, ageSeconds: number) => {
      const dir = treeCacheDir(home, root);
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, 'facts.json'), 'x'.repeat(100));
      fs.writeFileSync(path.join(dir, 'check.json'), 'y'.repeat(100));
      const then = new Date(Date.now() - ageSeconds * 1000);
      fs.utimesSync(path.join(dir, 'facts.json'), then, then);
      return dir;
    };
    const oldest = tree('/srv/oldest', 300);
    const older = tree('/srv/older', 200);
    openTreeCache(home, '/srv/current', 'test', nulLogger, 450);
    assert.ok(fs.existsSync(oldest) && fs.existsSync(older), '400 bytes fit in 450: nothing goes');
    openTreeCache(home, '/srv/current', 'test', nulLogger, 250);
    assert.equal(fs.existsSync(oldest), false, 'the tree used longest ago goes, with its recorded check');
    assert.ok(fs.existsSync(path.join(older, 'check.json')), 'the other fits and stays');
    openTreeCache(home, '/srv/older', 'test', nulLogger, 0);
    assert.ok(fs.existsSync(older), 'never the tree being opened');
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
});
