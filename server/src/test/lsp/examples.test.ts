import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, Diagnostic, MarkupContent, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { LspTestClient, positionOf, serverOnCopy, stopServerOnCopy } from '../helpers/lspClient';

/** Drives the bundled server over stdio on a copy of examples/monorepo, as an editor would. */
describe('language server on examples/monorepo', () => {
  let dir: string;
  let client: LspTestClient;
  const uri = (rel: string) => client.uri(dir, rel);
  const byRule = (rel: string, rule: string) => client.diagnosticsFor(uri(rel)).filter((d) => d.code === rule);

  before(async () => ({ dir, client } = await serverOnCopy('examples/monorepo')));
  after(() => stopServerOnCopy(client, dir));

  it('publishes the collision at both binding sites, with related information', async () => {
    const search = await client.waitFor('collision in search', () => byRule('services/search/app/main.py', 'collision')[0]);
    assert.match(search.message, /Port 4101 is bound by search here and by auth/);
    assert.ok(search.relatedInformation?.some((r) => r.location.uri === uri('services/auth/src/server.ts')));
    const auth = byRule('services/auth/src/server.ts', 'collision');
    assert.equal(auth.length, 1);
    assert.match(auth[0].message, /bound by auth here and by search/);
  });

  it('reports drift, out-of-range, unassigned, stale references and plan problems where they are written', () => {
    assert.match(byRule('services/billing/main.go', 'drift')[0]?.message ?? '', /billing binds 4105; the plan assigns 4102/);
    assert.ok(byRule('workers/email/worker.py', 'out-of-range').length >= 1);
    assert.match(byRule('services/notifier/index.js', 'unassigned')[0]?.message ?? '', /notifier binds 4110/);
    assert.match(byRule('.env', 'stale-reference').map((d) => d.message).join('\n'), /BILLING_URL points at 4102, but billing listens on 4105/);
    assert.ok(byRule('ports.yaml', 'reserved').some((d) => /legacy-reports/.test(d.message)));
  });

  it('hovers a port: one line (who listens here, where, and whom the plan gives it to), then a short list', async () => {
    const doc = await client.open(dir, 'services/search/app/main.py');
    const hover = await client.hover(doc.uri, positionOf(doc, '4101', 1));
    const text = (hover?.contents as MarkupContent).value;
    const [lead, blank, ...items] = text.split('\n');
    assert.equal(lead, '**Port 4101** · `search` listens here (on its own) · the plan gives it to **auth**');
    assert.equal(blank, '');
    assert.match(items[0], /^- also on 4101: `auth` \(on its own\) — \[scripts\/dev\.sh:11\]\(.*#L11\) \(\+2\)$/);
    assert.match(items[1], /^- `search` is planned at \*\*4103\*\* — \[ports\.yaml:38\]/);
    assert.match(items[2], /^- \*\*auth\*\*: Node · Sign-in, sessions and API tokens — \[ports\.yaml:30\]/);
    assert.match(items[3], /^- range \*\*Core Services\*\* 4100–4119/);
    assert.ok(items.length <= 6, text);
  });

  it('says what an unplanned port is and where the next free port is', async () => {
    const doc = await client.open(dir, 'services/notifier/index.js');
    const hover = await client.hover(doc.uri, positionOf(doc, '4110', 1));
    assert.match((hover?.contents as MarkupContent).value, /- in \*\*Core Services\*\* 4100–4119.*; the next free port there is \*\*4104\*\*/);
  });

  it('"Use the planned port" fixes the literal and clears the collision in the other file', async () => {
    const doc = await client.open(dir, 'services/search/app/main.py');
    const diagnostic = byRule('services/search/app/main.py', 'collision')[0];
    const actions = (await client.codeActions(doc.uri, diagnostic.range, [diagnostic])) as CodeAction[];
    const titles = actions.map((a) => a.title);
    assert.ok(titles.includes('Use the planned port 4103'), titles.join(' | '));
    assert.ok(titles.includes('Assign next free port in Core Services (4104)'), titles.join(' | '));
    const use = actions.find((a) => a.title === 'Use the planned port 4103')!;
    assert.deepEqual(use.diagnostics?.map((d) => d.code), ['collision']);
    await client.applyToOpenDocuments(use.edit!);
    assert.match(client.document(doc.uri).getText(), /os\.getenv\("PORT", "4103"\)/);
    await client.waitFor('auth collision to clear', () => (byRule('services/auth/src/server.ts', 'collision').length === 0 ? true : undefined));
    await client.waitFor('search drift to clear', () => (byRule('services/search/app/main.py', 'drift').length === 0 ? true : undefined));
  });

  it('an edit in one file raises a collision in another', async () => {
    const doc = await client.open(dir, 'services/notifier/index.js');
    const at = positionOf(doc, '4110');
    await client.edit(doc.uri, { start: at, end: { line: at.line, character: at.character + 4 } }, '4102');
    const planned = await client.waitFor('notifier unassigned on 4102', () => byRule('services/notifier/index.js', 'unassigned').find((d) => /4102/.test(d.message)));
    assert.match(planned.message, /The plan gives 4102 to billing/);
    await client.edit(doc.uri, { start: at, end: { line: at.line, character: at.character + 4 } }, '4101');
    const collision = await client.waitFor('auth collision with notifier', () => byRule('services/auth/src/server.ts', 'collision').find((d) => /notifier/.test(d.message)));
    assert.match(collision.message, /bound by auth here and by notifier/);
    await client.edit(doc.uri, { start: at, end: { line: at.line, character: at.character + 4 } }, '4110');
    await client.waitFor('collision with notifier to clear', () => (byRule('services/auth/src/server.ts', 'collision').length === 0 ? true : undefined));
  });

  it('"Add to the plan" writes the service into ports.yaml, keeping its comments', async () => {
    const doc = await client.open(dir, 'services/notifier/index.js');
    const diagnostic = await client.waitFor('notifier unassigned', () => byRule('services/notifier/index.js', 'unassigned')[0]);
    const actions = (await client.codeActions(doc.uri, diagnostic.range, [diagnostic])) as CodeAction[];
    const add = actions.find((a) => a.title === 'Add notifier to the plan at 4110');
    assert.ok(add, actions.map((a) => a.title).join(' | '));
    const edits = add.edit!.changes![uri('ports.yaml')];
    assert.equal(edits.length, 1);
    assert.match(edits[0].newText, /notifier:[\s\S]*4110/);
  });

  it('rename renumbers a service in its code and in the plan', async () => {
    const doc = await client.open(dir, 'services/billing/main.go');
    const at = positionOf(doc, '4105', 1);
    const prepared = (await client.connection.sendRequest('textDocument/prepareRename', { textDocument: { uri: doc.uri }, position: at })) as { placeholder: string };
    assert.equal(prepared.placeholder, '4105');
    const edit = (await client.connection.sendRequest('textDocument/rename', { textDocument: { uri: doc.uri }, position: at, newName: '4104' })) as WorkspaceEdit;
    assert.ok(edit.changes![doc.uri].some((e) => e.newText === '4104'));
    await assert.rejects(client.connection.sendRequest('textDocument/rename', { textDocument: { uri: doc.uri }, position: at, newName: 'http' }), /not a port/);
  });

  it('rename on a plan entry renumbers the service from the plan outwards', async () => {
    const plan = await client.open(dir, 'ports.yaml');
    const at = positionOf(plan, '4102', 1);
    const prepared = (await client.connection.sendRequest('textDocument/prepareRename', { textDocument: { uri: plan.uri }, position: at })) as { placeholder: string };
    assert.equal(prepared.placeholder, '4102');
    const edit = (await client.connection.sendRequest('textDocument/rename', { textDocument: { uri: plan.uri }, position: at, newName: '4104' })) as WorkspaceEdit;
    assert.deepEqual(edit.changes![plan.uri].map((e) => e.newText), ['4104']);
    assert.deepEqual(edit.changes![uri('.env')].map((e) => e.newText), ['4104'], 'BILLING_URL follows billing');
  });

  it('"Align code with the plan" moves every drifting service in one edit', async () => {
    const result = (await client.executeCommand('portSchema.server.alignCodeWithPlan', [])) as { applied: boolean; edits: number };
    assert.equal(result.applied, true);
    const edit = client.appliedEdits.at(-1)!;
    const touched = (edit.documentChanges ?? []).map((c) => ('textDocument' in c ? path.relative(dir, new URL(c.textDocument.uri).pathname) : ''));
    assert.ok(touched.includes(path.join('services', 'billing', 'main.go')), touched.join(', '));
    assert.equal(edit.changeAnnotations?.['port-schema']?.label, 'Align code with the plan', 'one labelled, undoable change group');
  });

  it('drift offers both reconciles as refactors that run the align commands (their edits are made when run)', async () => {
    const doc = await client.open(dir, 'services/billing/main.go');
    const drift = byRule('services/billing/main.go', 'drift')[0];
    const actions = (await client.codeActions(doc.uri, drift.range, [drift])) as CodeAction[];
    const refactors = actions.filter((a) => a.kind === 'refactor.rewrite');
    assert.deepEqual(refactors.map((a) => [a.title, a.command?.command, a.edit]), [
      ['Align code with the plan (all services)', 'portSchema.alignCodeWithPlan', undefined],
      ['Align the plan with the code (all services)', 'portSchema.alignPlanWithCode', undefined],
    ]);
    assert.deepEqual(refactors[0].command?.arguments, [pathToFileURL(dir).toString()]);
  });

  it('keeps the last good plan when ports.yaml breaks, and says where', async () => {
    const doc = await client.open(dir, 'ports.yaml');
    await client.edit(doc.uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, 'services: [\n');
    const parse = await client.waitFor('schema-parse diagnostic', () => byRule('ports.yaml', 'schema-parse')[0]);
    assert.equal(parse.severity, 1);
    assert.ok(byRule('services/billing/main.go', 'drift').length > 0, 'drift still reported against the last good plan');
    await client.edit(doc.uri, { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } }, '');
    await client.waitFor('schema-parse to clear', () => (byRule('ports.yaml', 'schema-parse').length === 0 ? true : undefined));
  });

  it('a changed setting re-checks: drift off removes drift diagnostics', async () => {
    client.settings = { rules: { drift: 'off' } };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await client.waitFor('drift to disappear', () => (byRule('services/billing/main.go', 'drift').length === 0 ? true : undefined));
    client.settings = {};
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await client.waitFor('drift to return', () => byRule('services/billing/main.go', 'drift')[0]);
  });

  it('a file created on disk is indexed through the file watcher', async () => {
    const rel = 'services/auth/src/metrics.ts';
    writeFileSync(path.join(dir, rel), "import http from 'node:http';\nhttp.createServer().listen(4100);\n");
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(rel), type: 1 }] });
    const d: Diagnostic = await client.waitFor('collision for the new file', () => byRule(rel, 'collision')[0] ?? byRule(rel, 'drift')[0]);
    assert.match(d.message, /4100/);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(rel), type: 3 }] });
    await client.waitFor('diagnostics of the deleted file to clear', () => (client.diagnosticsFor(uri(rel)).length === 0 ? true : undefined));
  });
});
