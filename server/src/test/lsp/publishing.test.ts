import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { copyWorkspace, LspTestClient, positionOf, removeDir } from '../helpers/lspClient';

/** What a keystroke sends: the edited file's diagnostics first, then only the files whose diagnostics changed. */
describe('language server: publishing after an edit', () => {
  let dir: string;
  let client: LspTestClient;

  before(async () => {
    dir = copyWorkspace('examples/monorepo');
    client = await LspTestClient.start({ folders: [dir] });
    await client.waitForReady();
  });
  after(async () => {
    await client.stop();
    removeDir(dir);
  });

  it('a port typed into one file republishes that file and the files it settles, nothing else', async () => {
    const admin = client.uri(dir, 'apps/admin/vite.config.ts');
    const search = client.uri(dir, 'services/search/app/main.py');
    const auth = client.uri(dir, 'services/auth/src/server.ts');
    await client.waitFor('the collision of search and auth', () => client.diagnosticsFor(auth).find((d) => d.code === 'collision'));
    assert.ok(client.diagnosticsFor(admin).some((d) => d.code === 'drift'), 'admin drifts from its plan row before the edit');

    const doc = await client.open(dir, 'apps/admin/vite.config.ts');
    const from = client.published.length;
    const at = positionOf(doc, '5107');
    await client.edit(admin, { start: at, end: { line: at.line, character: at.character + 4 } }, '5101');
    await client.waitFor('admin on its planned port', () => (client.diagnosticsFor(admin).length === 0 ? true : undefined));
    assert.deepEqual(client.published.slice(from), [admin], 'only the edited file changed');

    // Moving search to its planned 4103 settles the collision at each of auth's three sites, and SEARCH_URL in .env
    // now points where search listens: those files change too, the edited one goes out first.
    const py = await client.open(dir, 'services/search/app/main.py');
    const next = client.published.length;
    const port = positionOf(py, '4101');
    await client.edit(search, { start: port, end: { line: port.line, character: port.character + 4 } }, '4103');
    await client.waitFor('the collision to clear in auth', () => (client.diagnosticsFor(auth).some((d) => d.code === 'collision') ? undefined : true));
    const settled = ['.env', 'scripts/dev.sh', 'services/auth/package.json', 'services/auth/src/server.ts', 'services/search/app/main.py'];
    assert.deepEqual(client.published.slice(next).sort(), settled.map((p) => client.uri(dir, p)).sort());
    assert.equal(client.published[next], search);
  });

  it('a burst of edits that each re-publish several files ends with every file as one edit leaves it', async () => {
    const search = client.uri(dir, 'services/search/app/main.py');
    const everything = () => JSON.stringify([...client.diagnostics].filter(([, d]) => d.length).sort(([a], [b]) => (a < b ? -1 : 1)));
    const settled = everything();
    const py = client.document(search);
    const port = positionOf(py, '4103');
    // Each edit moves the collision with auth in or out (five files each time); none waits for the publish before.
    for (const typed of ['4101', '4103', '4101', '4103', '4101', '4103']) {
      await client.edit(search, { start: port, end: { line: port.line, character: port.character + 4 } }, typed);
    }
    await client.waitFor('every file back where the last edit leaves it', () => (everything() === settled ? true : undefined));
  });
});
