import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { MarkupContent } from 'vscode-languageserver-protocol';
import { MAX_RELATED } from '../../engine/checks/related';
import { MAX_DIAGNOSTICS_PER_FILE } from '../../lsp/handlers/documents';
import { repeatedBinds } from '../helpers/generate';
import { LspTestClient, removeDir } from '../helpers/lspClient';

/** A 1 MB paste of one port into two services' open files: the server checks it, keeps answering, and stays up. */
describe('language server under a 1 MB paste of one port', () => {
  let dir: string;
  let client: LspTestClient;

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'port-schema-paste-'));
    for (const [name, port] of [['alpha', 3000], ['beta', 3001]] as const) {
      mkdirSync(path.join(dir, 'services', name), { recursive: true });
      writeFileSync(path.join(dir, 'services', name, 'package.json'), JSON.stringify({ name }) + '\n');
      writeFileSync(path.join(dir, 'services', name, 'server.js'), `const port = ${port};\nrequire('node:http').createServer().listen(port);\n`);
    }
    writeFileSync(path.join(dir, 'ports.yaml'), 'version: 1\nranges:\n  - { name: Core, ports: 3000-3099 }\nservices:\n  alpha: { port: 3000 }\n  beta: { port: 3001 }\n');
    client = await LspTestClient.start({ folders: [dir] });
    await client.waitForReady();
  });

  after(async () => {
    await client.stop();
    removeDir(dir);
  });

  it('publishes the collision with capped related information, and hover and code actions answer', async () => {
    const paste = repeatedBinds(3000, Math.ceil(2 ** 20 / 'const port = 3000;\n'.length));
    const docs = [];
    for (const name of ['alpha', 'beta']) {
      const doc = await client.open(dir, `services/${name}/server.js`);
      await client.edit(doc.uri, { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, paste);
      docs.push(doc.uri);
    }
    const [alpha, beta] = docs;
    // Asked right after the paste, before the debounced check has run: both still answer.
    const hover = await client.hover(beta, { line: 3, character: 14 });
    assert.match((hover?.contents as MarkupContent).value, /\*\*Port 3000\*\*/);
    const collision = await client.waitFor('the collision in alpha', () => client.diagnosticsFor(alpha).find((d) => d.code === 'collision'), 60_000);
    assert.ok((collision.relatedInformation ?? []).length <= MAX_RELATED, `${collision.relatedInformation?.length} related entries`);
    assert.match(collision.message, /bound by alpha here and by beta/);
    const published = client.diagnosticsFor(alpha);
    assert.equal(published.length, MAX_DIAGNOSTICS_PER_FILE + 1, 'as many as an editor shows, and one that says how many more');
    assert.match(published.at(-1)!.message, /more Port Schema findings are not shown in this file/);
    const actions = await client.codeActions(alpha, collision.range, [collision]);
    assert.ok(actions.some((a) => /^Assign next free port in Core \(30\d\d\)$/.test(a.title)), JSON.stringify(actions.map((a) => a.title)));
    // Still alive, and the hover stays short: one line per other listener, however many sites it has.
    const again = await client.hover(alpha, collision.range.start);
    const text = (again?.contents as MarkupContent).value;
    assert.match(text, /^\*\*Port 3000\*\* · `alpha` listens here \(on its own\) · as planned\n/);
    assert.match(text, /\n- also on 3000: `beta` \(on its own\) — \[services\/beta\/server\.js:\d+\]\(.*\) \(\+\d+\)\n/);
    assert.ok(text.split('\n').length <= 8, text);
  });
});
