import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createPortEngine } from '../../engine/api';
import { nulLogger, type IWorkspace } from '../../engine/host';
import { NodeWorkspace } from '../../node/nodeWorkspace';
import { makeTree } from '../helpers/tempTree';

/** The workspace, recording which files the index asked for in full. */
function recording(workspace: IWorkspace): IWorkspace & { withText: string[] } {
  const withText: string[] = [];
  return {
    root: workspace.root,
    withText,
    list: (token) => workspace.list(token),
    read: async (p, wantsText) => {
      const file = await workspace.read(p, wantsText);
      if (file?.text) withText.push(file.path);
      return file;
    },
  };
}

test('files recognised by their content stay read in full; a file no reader claims is indexed without its text', async () => {
  const root = makeTree({
    '.templates/gitea/service.yml': 'gitea:\n  ports:\n    - "3000:3000"\n',
    'api/config.py': 'PORT = 4101\n',
    '.env.example': 'WEB_PORT=4102\n',
    'ports.md': '| Service | Port |\n| --- | --- |\n| api | 4101 |\n',
    'Procfile': 'web: bin/web\n',
    'db/migrations/001.sql': '-- the old listener was on port 5433\n',
    'LICENSE': 'MIT, http://localhost:9999\n',
    'db/seed.sql': Buffer.from([0x2d, 0x2d, 0x00, 0x01]),
  });
  const workspace = recording(new NodeWorkspace(root));
  const engine = createPortEngine({ workspace, logger: nulLogger });
  await engine.indexAll();

  assert.deepEqual(workspace.withText.sort(), ['.env.example', '.templates/gitea/service.yml', 'Procfile', 'api/config.py', 'ports.md']);
  assert.ok(engine.isIndexed('db/migrations/001.sql'), 'listed and indexed, as a file holding nothing to read');
  assert.ok(engine.isIndexed('LICENSE'));
  assert.ok(!engine.isIndexed('db/seed.sql'), 'binary content is still found on the first bytes');
  assert.deepEqual(engine.planFiles(), ['ports.md']);
});
