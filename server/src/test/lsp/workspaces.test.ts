import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CodeLens, MarkupContent } from 'vscode-languageserver-protocol';
import type { StatusParams } from '../../lsp/protocol';
import { copyWorkspace, LspTestClient, positionOf, removeDir } from '../helpers/lspClient';

/** Several folders in one window, a folder with no plan, hostile files: one server keeps them apart and stays up. */
describe('language server with several workspace folders', () => {
  let monorepo: string;
  let portos: string;
  let planless: string;
  let client: LspTestClient;

  before(async () => {
    monorepo = copyWorkspace('examples/monorepo');
    portos = copyWorkspace('server/testFixtures/portos-like');
    planless = copyWorkspace('examples/monorepo');
    removeDir(path.join(planless, 'ports.yaml'));
    // Hostile content the server must shrug off: a binary file, a malformed Compose file, an alias bomb.
    writeFileSync(path.join(planless, 'blob.bin'), Buffer.from([0, 1, 2, 3, 0, 255]));
    writeFileSync(path.join(planless, 'docker-compose.override.yml'), 'services:\n  web: [ports: "80\n');
    mkdirSync(path.join(planless, 'k8s'));
    writeFileSync(path.join(planless, 'k8s', 'bomb.yaml'), 'a: &a [x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c]\napiVersion: v1\nkind: Pod\n');
    client = await LspTestClient.start({ folders: [monorepo, portos, planless] });
    await client.waitForReady();
  });
  after(async () => {
    await client.stop();
    for (const d of [monorepo, portos, planless]) removeDir(d);
  });

  it('checks each folder against its own plan and never relates findings across folders', async () => {
    await client.waitFor('portos drift', () => client.diagnosticsFor(client.uri(portos, 'ecosystem.config.cjs')).find((d) => d.code === 'drift'));
    for (const [uri, diagnostics] of client.diagnostics) {
      const folder = [monorepo, portos, planless].find((f) => uri.startsWith(client.uri(f, '')))!;
      for (const d of diagnostics) for (const r of d.relatedInformation ?? []) assert.ok(r.location.uri.startsWith(client.uri(folder, '')), `${uri} relates to ${r.location.uri}`);
    }
    const portosDrift = client.diagnosticsFor(client.uri(portos, 'ecosystem.config.cjs')).find((d) => d.code === 'drift')!;
    assert.match(portosDrift.message, /portos-autofixer-ui binds 5565; the plan assigns 5560 \(docs\/PORTS\.md:\d+\)/);
  });

  it('a folder without a plan still shows collisions, and nothing about a plan', async () => {
    const search = await client.waitFor('collision without a plan', () => client.diagnosticsFor(client.uri(planless, 'services/search/app/main.py')).find((d) => d.code === 'collision'));
    assert.match(search.message, /Port 4101 is bound by search here and by @acme\/auth/, "without a plan a service is named by its package");
    const rules = new Set([...client.diagnostics].filter(([uri]) => uri.startsWith(client.uri(planless, ''))).flatMap(([, ds]) => ds.map((d) => d.code)));
    // Without a plan only what the code says against itself: collisions, a URL to a port its service does not
    // open, and the malformed Compose file planted above, which is said rather than dropped.
    assert.deepEqual([...rules].sort(), ['collision', 'parse-error', 'stale-reference']);
    const stale = client.diagnosticsFor(client.uri(planless, '.env')).find((d) => d.code === 'stale-reference');
    assert.match(stale?.message ?? '', /BILLING_URL points at 4102, but billing listens on 4105 \(services\/billing\/main\.go:54\)/);
    const status = client.notifications.filter((n) => n.method === 'portSchema/status').at(-1)!.params as StatusParams;
    const folder = status.folders.find((f) => f.uri === client.uri(planless, '').replace(/\/$/, ''));
    assert.ok(folder, JSON.stringify(status));
    assert.deepEqual(folder.planFiles, []);
  });

  it('"Create ports.yaml" in a folder without a plan proposes one from what the code binds', async () => {
    const result = (await client.executeCommand('portSchema.server.createSchema', [client.uri(planless, '').replace(/\/$/, '')])) as { applied: boolean; uri: string };
    assert.equal(result.applied, true);
    assert.equal(result.uri, client.uri(planless, 'ports.yaml'));
    const edit = client.appliedEdits.at(-1)!;
    const [create, insert] = edit.documentChanges!;
    assert.deepEqual(create, { kind: 'create', uri: result.uri, options: { ignoreIfExists: true } });
    const text = 'edits' in insert ? insert.edits[0].newText : '';
    assert.match(text, /^version: 1$/m);
    assert.match(text, /^ {2}search:\n {4}port: 4101\n {4}paths: \[services\/search\/\*\*\]$/m);
    assert.match(text, /^ {2}"@acme\/auth":\n {4}port: 4101$/m);
    // A folder that has a plan is left alone.
    const again = (await client.executeCommand('portSchema.server.createSchema', [client.uri(monorepo, '').replace(/\/$/, '')])) as { applied: boolean };
    assert.equal(again.applied, false);
  });

  it('keeps answering after hostile files, and hovers in the right folder', async () => {
    const doc = await client.open(portos, 'client/vite.config.js');
    const hover = await client.hover(doc.uri, positionOf(doc, '5554', 1));
    assert.match((hover?.contents as MarkupContent).value, /^\*\*Port 5554\*\* · `portos-ui` listens here \(on its own\) · as planned\n/);
    const bomb = await client.open(planless, 'k8s/bomb.yaml');
    assert.equal(await client.hover(bomb.uri, { line: 0, character: 1 }), null);
  });

  it('puts a lens on each plan row saying what the code does with its port, which opens its sites', async () => {
    const uri = client.uri(monorepo, 'ports.yaml');
    const lenses = (await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } })) as CodeLens[];
    const titles = lenses.map((l) => l.command?.title ?? '');
    assert.ok(titles.includes('⚠ binds 4105 instead: main.go:54'), titles.join(' | '));
    assert.ok(titles.includes('✓ bound: dev.sh:11 +2 · ⚠ also bound by search'), titles.join(' | '));
    assert.ok(titles.includes('not bound in this workspace'), titles.join(' | '));
    const billing = lenses[titles.indexOf('⚠ binds 4105 instead: main.go:54')];
    assert.equal(billing.command?.command, 'portSchema.showSites');
    assert.deepEqual(billing.command?.arguments, [uri, { line: 33, character: 10 }], 'the lens opens the sites of its row\'s port (ports.yaml:34, billing 4102)');
  });
});
