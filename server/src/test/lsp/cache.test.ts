import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { copyWorkspace, LspTestClient, removeDir } from '../helpers/lspClient';

/** Every published diagnostic once the folder is indexed, by workspace path, in a stable order. */
async function diagnosticsOf(dir: string, storagePath: string): Promise<{ byFile: Record<string, Diagnostic[]>; logs: string[] }> {
  const client = await LspTestClient.start({ folders: [dir], storagePath });
  try {
    await client.waitForReady();
    await client.waitFor('drift in billing', () => client.diagnosticsFor(client.uri(dir, 'services/billing/main.go')).length > 0);
    const byFile: Record<string, Diagnostic[]> = {};
    for (const [uri, diagnostics] of [...client.diagnostics].sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (diagnostics.length) byFile[path.relative(dir, new URL(uri).pathname)] = diagnostics;
    }
    return { byFile, logs: client.logs };
  } finally {
    await client.stop();
  }
}

describe('language server facts cache', () => {
  const dir = copyWorkspace('examples/monorepo');
  const storage = fs.mkdtempSync(path.join(os.tmpdir(), 'port-schema-storage-'));
  after(() => {
    removeDir(dir);
    removeDir(storage);
  });

  it('caches in the storage the editor gives, never in the folder, and publishes the same from the cache', async () => {
    const before = fs.readdirSync(dir, { recursive: true }).sort();
    const cold = await diagnosticsOf(dir, storage);
    const trees = fs.readdirSync(path.join(storage, 'facts'));
    assert.equal(trees.length, 1);
    const cached = JSON.parse(fs.readFileSync(path.join(storage, 'facts', trees[0], 'facts.json'), 'utf8')) as { entries: Record<string, unknown> };
    assert.ok('services/billing/main.go' in cached.entries, 'the facts of the folder\'s files are kept');
    const warm = await diagnosticsOf(dir, storage);
    assert.deepEqual(warm.byFile, cold.byFile);
    assert.ok(Object.keys(cold.byFile).length > 3);
    assert.deepEqual(fs.readdirSync(dir, { recursive: true }).sort(), before);
  });

  it('writes the cache while the editor stays open, once no document has changed for a moment', async () => {
    const quiet = fs.mkdtempSync(path.join(os.tmpdir(), 'port-schema-storage-'));
    const client = await LspTestClient.start({ folders: [dir], storagePath: quiet });
    try {
      await client.waitForReady();
      const doc = await client.open(dir, 'services/billing/main.go');
      await client.edit(doc.uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, '// typed\n');
      const written = () => {
        const facts = path.join(quiet, 'facts');
        return fs.existsSync(facts) && fs.readdirSync(facts).some((tree) => fs.existsSync(path.join(facts, tree, 'facts.json')));
      };
      // Nothing comes from the server when it writes: the folder is looked at until the file is there.
      const deadline = Date.now() + 20_000;
      while (!written() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      assert.ok(written(), `the facts cache is written before shutdown; server log:\n${client.logs.join('\n')}`);
    } finally {
      await client.stop();
      removeDir(quiet);
    }
  });
});
