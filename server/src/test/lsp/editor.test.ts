import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:net';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, CodeLens, CompletionItem, DocumentLink, Location, MarkupContent, WorkspaceEdit } from 'vscode-languageserver-protocol';
import type { ForwardedLabelsResult, NextFreeResult, PlanDraftResult, PortInfoResult, ReconcilePreview, StatusParams, TreeResult } from '../../lsp/protocol';
import { LspTestClient, positionOf, serverOnCopy, stopServerOnCopy } from '../helpers/lspClient';

/**
 * The editor features over stdio on a copy of server/testFixtures/orders (orders has two planned
 * ports, payments drifted to 4303 so that three references to its 4302 are stale, a throwaway
 * analytics stack shares postgres' 5432 with the main one): navigation, completion, fix-all,
 * `context.only`, the status counts, the tree, the previews the client shows before it edits.
 */
describe('language server: navigation, completion and fixes on the orders fixture', () => {
  let dir: string;
  let client: LspTestClient;
  const uri = (rel: string) => client.uri(dir, rel);
  const where = (l: { uri: string; range: { start: { line: number } } }) => `${l.uri.slice(pathToFileURL(dir).toString().length + 1)}:${l.range.start.line + 1}`;

  before(async () => ({ dir, client } = await serverOnCopy('server/testFixtures/orders')));
  after(() => stopServerOnCopy(client, dir));

  it('references on a plan row: the row, then every site of that port by context; without the declaration, no row', async () => {
    const doc = await client.open(dir, 'ports.yaml');
    const at = positionOf(doc, 'api: 4300', 6);
    const all = (await client.connection.sendRequest('textDocument/references', { textDocument: { uri: doc.uri }, position: at, context: { includeDeclaration: true } })) as Location[];
    assert.deepEqual(all.map(where), [
      'ports.yaml:15',
      // on its own: the references from the developer's machine
      '.devcontainer/devcontainer.json:5',
      '.env:2',
      'apps/storefront/vite.config.ts:6',
      'services/payments/app/main.py:8',
      // the Compose project that runs orders
      'docker-compose.yml:8',
      'docker-compose.yml:8',
      'services/orders/src/server.ts:4',
      'services/orders/Dockerfile:6',
    ]);
    const refs = (await client.connection.sendRequest('textDocument/references', { textDocument: { uri: doc.uri }, position: at, context: { includeDeclaration: false } })) as Location[];
    assert.equal(refs.length, all.length - 1);
    assert.ok(!refs.some((l) => l.uri === doc.uri));
    // The other port of the same service is not in the list: each row speaks of its own port.
    assert.ok(!all.some((l) => where(l) === 'docker-compose.yml:9'));
  });

  it('references from a URL: the sites of the port of the service it points at', async () => {
    const doc = await client.open(dir, '.env');
    const refs = (await client.connection.sendRequest('textDocument/references', { textDocument: { uri: doc.uri }, position: positionOf(doc, '4301', 1), context: { includeDeclaration: true } })) as Location[];
    assert.deepEqual(refs.map(where), ['ports.yaml:15', '.devcontainer/devcontainer.json:5', '.env:3', 'docker-compose.yml:9', 'docker-compose.yml:9', 'services/orders/src/server.ts:5', 'services/orders/Dockerfile:6']);
    // REQUEST_TIMEOUT_MS=4300 is a timeout, not a port: nothing to list there.
    const timeout = await client.connection.sendRequest('textDocument/references', { textDocument: { uri: doc.uri }, position: positionOf(doc, '=4300', 2), context: { includeDeclaration: true } });
    assert.deepEqual(timeout, []);
  });

  it('go to definition: a literal goes to its plan row, a plan row to where it is bound', async () => {
    const server = await client.open(dir, 'services/orders/src/server.ts');
    const toRow = (await client.connection.sendRequest('textDocument/definition', { textDocument: { uri: server.uri }, position: positionOf(server, '4301', 1) })) as Location[];
    assert.deepEqual(toRow.map(where), ['ports.yaml:15']);
    assert.equal(toRow[0].range.start.character, 33, 'on the digits of metrics: 4301');
    const plan = await client.open(dir, 'ports.yaml');
    const toBinds = (await client.connection.sendRequest('textDocument/definition', { textDocument: { uri: plan.uri }, position: positionOf(plan, 'metrics: 4301', 10) })) as Location[];
    assert.deepEqual(toBinds.map(where), ['docker-compose.yml:9', 'services/orders/src/server.ts:5']);
    // payments is planned at 4302 and binds 4303: its row leads to the bind that drifted.
    const drifted = (await client.connection.sendRequest('textDocument/definition', { textDocument: { uri: plan.uri }, position: positionOf(plan, 'port: 4302', 7) })) as Location[];
    assert.deepEqual(drifted.map(where), ['services/payments/app/main.py:19']);
  });

  it('document links: plan rows to their binds, URLs to the listener they reach; a stale URL gets none', async () => {
    const plan = (await client.connection.sendRequest('textDocument/documentLink', { textDocument: { uri: uri('ports.yaml') } })) as DocumentLink[];
    assert.deepEqual(plan.map((l) => [l.range.start.line + 1, l.target?.replace(pathToFileURL(dir).toString() + '/', ''), l.tooltip]), [
      [15, 'docker-compose.yml#L8,10', 'orders is published at docker-compose.yml:8 (and 1 more)'],
      [15, 'docker-compose.yml#L9,10', 'orders is published at docker-compose.yml:9 (and 1 more)'],
      [19, 'services/payments/app/main.py#L19,66', 'payments binds 4303 instead at services/payments/app/main.py:19'],
      [23, 'apps/storefront/package.json#L7,25', 'storefront binds it at apps/storefront/package.json:7'],
    ]);
    const env = (await client.connection.sendRequest('textDocument/documentLink', { textDocument: { uri: uri('.env') } })) as DocumentLink[];
    assert.deepEqual(env.map((l) => [l.range.start.line + 1, l.tooltip]), [
      [2, 'orders listens on 4300 at docker-compose.yml:8'],
      [3, 'orders listens on 4301 at docker-compose.yml:9'],
    ]);
  });

  it('lenses: each row of a two-port service speaks of its own port, short, and opens its sites', async () => {
    const lenses = (await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri: uri('ports.yaml') } })) as CodeLens[];
    assert.deepEqual(lenses.map((l) => [l.range.start.line + 1, l.command?.title]), [
      [15, '✓ bound: docker-compose.yml:8 +1'],
      [15, '✓ bound: docker-compose.yml:9 +1'],
      [19, '⚠ binds 4303 instead: main.py:19'],
      [23, '✓ bound: package.json:7'],
    ]);
    assert.ok(lenses.every((l) => (l.command?.title.length ?? 0) <= 48), 'short enough to stay inside the editor');
    assert.deepEqual(lenses[1].command?.arguments, [uri('ports.yaml'), { line: 14, character: 33 }], 'the metrics lens opens the sites of 4301');
  });

  it('hover on a two-port service: each row about its own port', async () => {
    const plan = await client.open(dir, 'ports.yaml');
    const text = async (needle: string, delta: number) => ((await client.hover(plan.uri, positionOf(plan, needle, delta)))?.contents as MarkupContent).value.split('\n')[0];
    assert.equal(await text('api: 4300', 6), '**Port 4300** · planned for **orders** (api) · `orders` listens on it (Compose project docker-compose.yml)');
    assert.equal(await text('metrics: 4301', 10), '**Port 4301** · planned for **orders** (metrics) · `orders` listens on it (Compose project docker-compose.yml)');
  });

  it('completion in ports.yaml: the free ports of the service\'s range, each saying its range and why it is free', async () => {
    const plan = await client.open(dir, 'ports.yaml');
    const end = positionOf(plan, '    description: The shop front\n', 32);
    await client.edit(plan.uri, { start: end, end }, '  invoices:\n    range: Order Services\n    port: ');
    const items = (await client.connection.sendRequest('textDocument/completion', { textDocument: { uri: plan.uri }, position: { line: end.line + 2, character: 10 } })) as CompletionItem[];
    assert.deepEqual(items.map((i) => i.label), ['4304', '4305', '4306', '4307', '4308'], '4300-4302 are planned, 4303 is bound by payments');
    assert.equal(items[0].detail, 'free in Order Services (4300–4319)');
    assert.match((items[0].documentation as MarkupContent).value, /no service is planned at it, nothing in this workspace binds, publishes or points at it, outside the reserved 4315–4319/);
    // A range is not a service's port: nothing to complete there.
    const ranges = (await client.connection.sendRequest('textDocument/completion', { textDocument: { uri: plan.uri }, position: positionOf(plan, 'ports: 4300', 7) })) as CompletionItem[];
    assert.deepEqual(ranges, []);
    await client.edit(plan.uri, { start: end, end: { line: end.line + 2, character: 10 } }, '');
  });

  it('completion in a Compose ports: list and an .env *_PORT=, by the service they are for', async () => {
    const compose = await client.open(dir, 'docker-compose.yml');
    const after9 = { line: 8, character: 19 };
    await client.edit(compose.uri, { start: after9, end: after9 }, '\n      - "');
    const composeItems = (await client.connection.sendRequest('textDocument/completion', { textDocument: { uri: compose.uri }, position: { line: 9, character: 9 } })) as CompletionItem[];
    assert.equal(composeItems[0]?.label, '4304');
    assert.equal(composeItems[0]?.detail, 'free in Order Services (4300–4319)');
    await client.edit(compose.uri, { start: after9, end: { line: 9, character: 9 } }, '');
    const env = await client.open(dir, '.env');
    const last = { line: 5, character: 0 };
    await client.edit(env.uri, { start: last, end: last }, 'STOREFRONT_PORT=');
    const envItems = (await client.connection.sendRequest('textDocument/completion', { textDocument: { uri: env.uri }, position: { line: 5, character: 16 } })) as CompletionItem[];
    assert.deepEqual(envItems.map((i) => i.label).slice(0, 2), ['5201', '5202']);
    await client.edit(env.uri, { start: last, end: { line: 5, character: 16 } }, 'REQUEST_RETRIES=');
    const twin = await client.connection.sendRequest('textDocument/completion', { textDocument: { uri: env.uri }, position: { line: 5, character: 16 } });
    assert.deepEqual(twin, [], 'not a port setting');
    await client.edit(env.uri, { start: last, end: { line: 5, character: 16 } }, '');
  });

  it('fix-all (source.fixAll.portSchema): only the references pointed where their service really listens', async () => {
    const env = await client.open(dir, '.env');
    const whole = { start: { line: 0, character: 0 }, end: { line: 5, character: 0 } };
    const actions = (await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: env.uri }, range: whole, context: { diagnostics: [], only: ['source.fixAll.portSchema'] } })) as CodeAction[];
    assert.deepEqual(actions.map((a) => a.kind), ['source.fixAll.portSchema']);
    assert.deepEqual(actions[0].edit?.changes?.[env.uri]?.map((e) => [e.range.start.line + 1, e.newText]), [[4, '4303']]);
    // payments' drift is not safe to fix blindly: main.py gets no fix-all.
    const main = await client.open(dir, 'services/payments/app/main.py');
    const none = await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: main.uri }, range: whole, context: { diagnostics: [], only: ['source.fixAll'] } });
    assert.deepEqual(none, []);
  });

  it('context.only: quick fixes alone, refactors alone; the reconciles are commands, computed when run', async () => {
    const main = await client.open(dir, 'services/payments/app/main.py');
    const drift = client.diagnosticsFor(main.uri).find((d) => d.code === 'drift')!;
    const ask = (only?: string[]) => client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: main.uri }, range: drift.range, context: { diagnostics: [drift], ...(only ? { only } : {}) } }) as Promise<CodeAction[]>;
    const quick = await ask(['quickfix']);
    assert.ok(quick.length >= 2 && quick.every((a) => a.kind === 'quickfix'), JSON.stringify(quick.map((a) => a.kind)));
    const refactors = await ask(['refactor']);
    assert.deepEqual(refactors.map((a) => [a.kind, a.command?.command]), [['refactor.rewrite', 'portSchema.alignCodeWithPlan'], ['refactor.rewrite', 'portSchema.alignPlanWithCode']]);
    assert.equal((await ask()).filter((a) => a.kind === 'source.fixAll.portSchema').length, 0, 'no fix-all in the lightbulb');
  });

  it('"Assign next free port" moves the references that pointed at the old ports too', async () => {
    const main = await client.open(dir, 'services/payments/app/main.py');
    const drift = client.diagnosticsFor(main.uri).find((d) => d.code === 'drift')!;
    const actions = (await client.codeActions(main.uri, drift.range, [drift])) as CodeAction[];
    const assign = actions.find((a) => a.title === 'Assign next free port in Order Services (4304)');
    assert.ok(assign, actions.map((a) => a.title).join(' | '));
    const changes = Object.entries(assign.edit!.changes!).flatMap(([u, edits]) => edits.map((e) => `${u.slice(pathToFileURL(dir).toString().length + 1)}:${e.range.start.line + 1}=${e.newText}`)).sort();
    assert.deepEqual(changes, [
      '.devcontainer/devcontainer.json:5=4304',
      '.env:4=4304',
      'docker-compose.yml:11=4304',
      'ports.yaml:19=4304',
      'services/orders/src/server.ts:6=4304',
      'services/payments/app/main.py:19=4304',
    ]);
  });

  it('the status counts what the Problems panel shows and the hints apart', async () => {
    const status = client.notifications.filter((n) => n.method === 'portSchema/status').at(-1)!.params as StatusParams;
    assert.deepEqual(status.folders[0].counts, { error: 0, warning: 4, info: 2, hint: 2 });
    assert.equal(status.folders[0].enabled, true);
  });

  it('the Port Map tree: ranges, their services and ports with context and state, the free gaps', async () => {
    const { folders } = (await client.connection.sendRequest('portSchema/tree', {})) as TreeResult;
    const [orders] = folders[0].ranges;
    assert.equal(orders.name, 'Order Services');
    assert.deepEqual(orders.gaps, [{ start: 4304, end: 4314 }]);
    assert.deepEqual(orders.reserved, [{ start: 4315, end: 4319 }]);
    assert.deepEqual(orders.services.map((s) => [s.name, s.ports.map((p) => `${p.port} ${p.label ?? '-'} ${p.state} ${p.contexts.join(';')}`)]), [
      ['orders', ['4300 api bound Compose project docker-compose.yml', '4301 metrics bound Compose project docker-compose.yml']],
      ['payments', ['4302 - planned ', '4303 - unplanned on its own']],
    ]);
    assert.deepEqual(folders[0].outside.map((s) => s.name), ['db', 'warehouse']);
    const md = (await client.connection.sendRequest('portSchema/mapMarkdown', {})) as { markdown: string };
    assert.match(md.markdown, /\n\| Order Services \| payments \| {2}\| 4303 \| bound, not planned \| on its own \| services\/payments\/app\/main\.py:19 \|\n/);
    assert.match(md.markdown, /\n\| Order Services \| 4300–4319 \| 4304–4314 \|\n/);
  });

  it('previews before edits: what Align would change, a plan draft only where none exists, dev container labels', async () => {
    const folderUri = pathToFileURL(dir).toString();
    const preview = (await client.connection.sendRequest('portSchema/reconcile', { folderUri, direction: 'align-code' })) as ReconcilePreview;
    assert.equal(preview.title, 'Align code with the plan');
    assert.deepEqual(preview.changes, ['services/payments/app/main.py:19: 4303 → 4302']);
    assert.equal(preview.files, 1);
    assert.equal(client.appliedEdits.length, 0, 'a preview applies nothing');
    const draft = (await client.connection.sendRequest('portSchema/planDraft', { folderUri })) as PlanDraftResult;
    assert.deepEqual(draft, { existing: ['ports.yaml'] });
    const labels = (await client.connection.sendRequest('portSchema/forwardedPortLabels', { folderUri })) as ForwardedLabelsResult;
    assert.deepEqual(labels.labelled, [{ port: 4300, label: 'orders (api)' }, { port: 4301, label: 'orders (metrics)' }, { port: 4302, label: 'payments' }]);
    assert.deepEqual(labels.skipped, [5200], 'its own label stays');
    const edit = labels.edit as WorkspaceEdit;
    const [change, ...more] = edit.changes![uri('.devcontainer/devcontainer.json')];
    assert.deepEqual(more, [], 'one insertion: no comment ends the line');
    assert.equal(change.newText, ',\n    "4300": { "label": "orders (api)" },\n    "4301": { "label": "orders (metrics)" },\n    "4302": { "label": "payments" }');
    assert.deepEqual(change.range, { start: { line: 6, character: 44 }, end: { line: 6, character: 44 } }, 'right after the existing entry, which stays as written');
  });

  it('who owns a bare port (a terminal\'s EADDRINUSE): its listener, its plan row, the next free port', async () => {
    const info = (await client.connection.sendRequest('portSchema/portInfo', { port: 4300 })) as PortInfoResult;
    assert.deepEqual(info.listeners.map((l) => [l.owner, l.context, where(l)]), [['orders', 'Compose project docker-compose.yml', 'docker-compose.yml:8']]);
    assert.deepEqual(info.plannedFor.map((p) => [p.service, where(p)]), [['orders', 'ports.yaml:15']]);
    assert.deepEqual(info.nextFree, { port: 4304, range: 'Order Services' });
  });
});

describe('language server: portSchema.enable, portSchema.run and live listeners', () => {
  let dir: string;
  let client: LspTestClient;
  let listener: Server | undefined;

  before(async () => ({ dir, client } = await serverOnCopy('server/testFixtures/orders')));
  after(async () => {
    listener?.close();
    await stopServerOnCopy(client, dir);
  });

  const configure = (settings: Record<string, unknown>) => client.configure(settings);

  it('enable: false clears the folder and answers nothing for it; true brings it back', async () => {
    const env = client.uri(dir, '.env');
    await client.waitFor('the stale reference', () => client.diagnosticsFor(env).find((d) => d.code === 'stale-reference'));
    await configure({ enable: false });
    await client.waitFor('diagnostics cleared', () => (client.diagnosticsFor(env).length === 0 ? true : undefined));
    const doc = await client.open(dir, '.env');
    assert.equal(await client.hover(doc.uri, positionOf(doc, '4302', 1)), null);
    const status = client.notifications.at(-1)!.params as StatusParams;
    assert.equal(status.folders[0].enabled, false);
    await configure({});
    await client.waitFor('the stale reference back', () => client.diagnosticsFor(env).find((d) => d.code === 'stale-reference'));
  });

  it('run: onSave checks when a file is saved, not as it is typed', async () => {
    await configure({ run: 'onSave' });
    const doc = await client.open(dir, 'services/payments/app/main.py');
    const at = positionOf(doc, '"4303"', 1);
    await client.edit(doc.uri, { start: at, end: { line: at.line, character: at.character + 4 } }, '4302');
    await new Promise((r) => setTimeout(r, 300));
    assert.ok(client.diagnosticsFor(doc.uri).some((d) => d.code === 'drift'), 'typing alone does not re-check');
    await client.connection.sendNotification('textDocument/didSave', { textDocument: { uri: doc.uri } });
    await client.waitFor('the drift gone after the save', () => (client.diagnosticsFor(doc.uri).some((d) => d.code === 'drift') ? undefined : true));
    await client.edit(doc.uri, { start: at, end: { line: at.line, character: at.character + 4 } }, '4303');
    await client.connection.sendNotification('textDocument/didSave', { textDocument: { uri: doc.uri } });
    await client.waitFor('the drift back', () => client.diagnosticsFor(doc.uri).find((d) => d.code === 'drift'));
    await configure({});
  });

  it('live.enable: a real listener this test opens shows in the port\'s info, and next free skips it', { skip: process.platform !== 'linux' && process.platform !== 'darwin' ? 'live listeners are read on Linux and macOS' : false }, async () => {
    const free = (await client.connection.sendRequest('portSchema/nextFree', { range: 'Order Services' })) as NextFreeResult;
    const port = free.ports[0];
    listener = createServer();
    const listening = await new Promise<boolean>((resolve) => {
      listener!.once('error', () => resolve(false));
      listener!.listen(port, '127.0.0.1', () => resolve(true));
    });
    if (!listening) return; // something else on this machine holds it: nothing to learn here
    await configure({ live: { enable: true } });
    const deadline = Date.now() + 15_000;
    let seen: PortInfoResult | undefined;
    while (Date.now() < deadline) {
      seen = (await client.connection.sendRequest('portSchema/portInfo', { port })) as PortInfoResult;
      if (seen.live.length) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    assert.deepEqual(seen?.live, [`node (pid ${process.pid})`]);
    const next = (await client.connection.sendRequest('portSchema/nextFree', { range: 'Order Services' })) as NextFreeResult;
    assert.equal(next.ports[0], port + 1, `${port} is in use now`);
    await configure({});
    const off = (await client.connection.sendRequest('portSchema/nextFree', { range: 'Order Services' })) as NextFreeResult;
    assert.equal(off.ports[0], port, 'live listeners off: the plan and the code decide again');
  });
});
