import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { LspTestClient, positionOf, serverOnCopy, stopServerOnCopy } from '../helpers/lspClient';

/** What a keystroke sends: the edited file's diagnostics first, then only the files whose diagnostics changed. */
describe('language server: publishing after an edit', () => {
  let dir: string;
  let client: LspTestClient;

  before(async () => ({ dir, client } = await serverOnCopy('examples/monorepo')));
  after(() => stopServerOnCopy(client, dir));

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
});

/**
 * A keystroke whose run changes hundreds of files: while the typing goes on only the typed file is
 * published, the others once it pauses (or once it has gone on for two seconds).
 */
describe('language server: a burst of edits that each re-publish hundreds of files', () => {
  const PROBES = 400;
  let dir: string;
  let client: LspTestClient;

  /** Clients of search by name: each is stale while search listens anywhere but 4101. */
  const addProbes = (root: string) => {
    fs.mkdirSync(path.join(root, 'tools/probes'), { recursive: true });
    for (let i = 0; i < PROBES; i++) {
      fs.writeFileSync(path.join(root, `tools/probes/probe${i}.ts`), 'export const SEARCH_URL = process.env.SEARCH_URL ?? "http://localhost:4101";\n');
    }
  };
  before(async () => ({ dir, client } = await serverOnCopy('examples/monorepo', addProbes)));
  after(() => stopServerOnCopy(client, dir));

  it('ends with every file as the last edit leaves it, the runs it overtook included', async () => {
    const search = client.uri(dir, 'services/search/app/main.py');
    const py = await client.open(dir, 'services/search/app/main.py');
    const port = positionOf(py, '4101');
    const type = (typed: string) => client.edit(search, { start: port, end: { line: port.line, character: port.character + 4 } }, typed);
    const stale = () => [...client.diagnostics].filter(([uri, d]) => uri.includes('/probes/') && d.some((x) => x.code === 'stale-reference')).length;
    const everything = () => JSON.stringify([...client.diagnostics].filter(([, d]) => d.length).sort(([a], [b]) => (a < b ? -1 : 1)));
    const auth = client.uri(dir, 'services/auth/src/server.ts');
    await type('4103');
    // Search on 4103: every probe stale, and auth no longer collides with it.
    const moved = () => stale() === PROBES && !client.diagnosticsFor(auth).some((d) => d.code === 'collision');
    await client.waitFor('every probe stale and the collision gone', () => (moved() ? true : undefined));
    const settled = everything();

    const statuses = () => client.notifications.filter((n) => n.method === 'portSchema/status').length;
    const publishedSearch = () => client.published.filter((uri) => uri === search).length;
    const before = { published: client.published.length, statuses: statuses() };
    const toggles = ['4101', '4103', '4101', '4103', '4101', '4103'];
    for (const typed of toggles) {
      // As the next keystroke does: wait for the edited file only.
      const seen = publishedSearch();
      await type(typed);
      await client.waitFor(`main.py published after typing ${typed}`, () => (publishedSearch() > seen ? true : undefined));
    }
    // Each toggle moved every probe, yet none was sent while the typing went on.
    assert.deepEqual(new Set(client.published.slice(before.published)), new Set([search]), 'only the typed file between keystrokes');
    // A run that is overtaken sends no status: one that does has published everything it found.
    await client.waitFor('a run that finished after the burst', () => (statuses() > before.statuses ? true : undefined));
    await client.waitFor('every file where the last edit leaves it', () => (everything() === settled ? true : undefined));
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(everything(), settled, 'and nothing moved them after');
    // The last toggle left the probes as they were before the burst: the pause had nothing of theirs to send.
    assert.equal(client.published.length - before.published, toggles.length, 'the typed file once per keystroke, and nothing else');
  });

  it('publishes the other files during steady typing, once they have waited two seconds', async () => {
    const search = client.uri(dir, 'services/search/app/main.py');
    const stale = () => [...client.diagnostics].filter(([uri, d]) => uri.includes('/probes/') && d.some((x) => x.code === 'stale-reference')).length;
    const py = client.document(search);
    const port = positionOf(py, '4103');
    await client.edit(search, { start: port, end: { line: port.line, character: port.character + 4 } }, '4101');
    // Then a comment typed at the end of the file, a key every 50 ms: never the pause that would publish the probes.
    const started = Date.now();
    let keys = 0;
    while (stale() > 0 && Date.now() - started < 20_000) {
      const doc = client.document(search);
      const end = doc.positionAt(doc.getText().length);
      await client.edit(search, { start: end, end }, keys++ === 0 ? '\n# ' : 'x');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.equal(stale(), 0, `every probe fresh again while typing (${keys} keys in ${Date.now() - started} ms)`);
    // Keys in a comment change no facts: they neither publish the probes nor let the pause come.
    assert.ok(keys >= 10, `the probes waited while the typing went on (published after ${keys} keys)`);
  });
});
