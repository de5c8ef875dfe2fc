import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { noopToken, nulLogger, standaloneFacts } from '../../engine/api';
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
