// Navigation as VS Code asks for it: references (Shift+F12) grouped by where the port runs, go to
// definition between a literal and its plan row, document links, completion of port values, and
// the plan lenses that open a row's sites.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, fileUri, openDocument, rangeOf, replaceInFile, revertAllEditors } from './helpers';

const where = (l: vscode.Location) => `${vscode.workspace.asRelativePath(l.uri)}:${l.range.start.line + 1}`;

suite('navigation', () => {
  suiteSetup(activateExtension);
  teardown(revertAllEditors);

  test('references on auth\'s plan row: the row and every site of auth\'s 4101, on its own and in the Compose project', async () => {
    const plan = await openDocument('ports.yaml');
    const at = rangeOf(plan, '4101').start.translate(0, 1);
    const locations = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', plan.uri, at);
    // The server sends them by context (plan, on its own, the Compose project); VS Code lists references by file.
    assert.deepEqual(locations.map(where).sort(), [
      '.env:5',
      'docker-compose.yml:34',
      'ports.yaml:30',
      'scripts/dev.sh:11',
      'services/auth/package.json:7',
      'services/auth/src/server.ts:4',
    ]);
    // search binds 4101 too, but it is another service's port: not auth's site.
    assert.ok(!locations.some((l) => l.uri.path.endsWith('services/search/app/main.py')));
  });

  test('go to definition: a URL\'s port to its service\'s plan row, and the row to where it is bound', async () => {
    const env = await openDocument('.env');
    const [row] = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', env.uri, rangeOf(env, '4101').start.translate(0, 1));
    const target = 'targetUri' in row ? { uri: row.targetUri, range: row.targetRange } : row;
    assert.equal(where(target as vscode.Location), 'ports.yaml:30');
    const plan = await openDocument('ports.yaml');
    const binds = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', plan.uri, rangeOf(plan, '4102').start.translate(0, 1));
    assert.deepEqual(binds.map((b) => where('targetUri' in b ? { uri: b.targetUri, range: b.targetRange } as vscode.Location : b)), ['services/billing/main.go:54'], 'billing is planned at 4102 and binds 4105 there');
  });

  test('document links: each plan row to its bind site, a URL to the listener it reaches', async () => {
    const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', fileUri('ports.yaml'));
    const auth = links.find((l) => l.range.start.line === 29);
    assert.ok(auth?.target, `no link on auth's row: ${links.map((l) => l.range.start.line + 1).join(', ')}`);
    assert.equal(vscode.workspace.asRelativePath(auth.target), 'scripts/dev.sh');
    assert.match(auth.target.fragment, /^L11,\d+$/);
    const env = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', fileUri('.env'));
    const ours = env.filter((l) => l.target?.scheme === 'file');
    assert.ok(ours.some((l) => l.range.start.line === 4 && vscode.workspace.asRelativePath(l.target!) === 'scripts/dev.sh'), 'AUTH_URL leads to where auth listens');
    assert.ok(!ours.some((l) => l.range.start.line === 5), 'BILLING_URL points where billing does not listen: no link');
  });

  test('completion of a port in ports.yaml: the free ports of the service\'s range, saying why', async () => {
    const plan = await replaceInFile('ports.yaml', '  legacy-reports:', '  inventory:\n    range: Core Services\n    port: \n  legacy-reports:');
    const line = plan.lineAt(rangeOf(plan, '  inventory:').start.line + 2);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', plan.uri, line.range.end);
    const ours = list.items.filter((i) => /^free in /.test(typeof i.detail === 'string' ? i.detail : ''));
    assert.deepEqual(ours.map((i) => (typeof i.label === 'string' ? i.label : i.label.label)).slice(0, 3), ['4104', '4106', '4107'], '4100-4103 planned, 4105 bound by billing');
    assert.equal(ours[0].detail, 'free in Core Services (4100–4119)');
    assert.match(String((ours[0].documentation as vscode.MarkdownString).value), /outside the reserved 4115–4119/);
  });

  test('plan lenses speak of their own row and open its sites', async () => {
    const plan = await openDocument('ports.yaml');
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', plan.uri, 20);
    const billing = lenses.find((l) => l.range.start.line === 33);
    assert.equal(billing?.command?.title, '⚠ binds 4105 instead: main.go:54');
    assert.equal(billing?.command?.command, 'portSchema.showSites');
    const shown = await vscode.commands.executeCommand<vscode.Location[]>(billing.command.command, ...(billing.command.arguments ?? []));
    assert.deepEqual(shown.map(where).sort(), ['.env:6', 'ports.yaml:34'], 'billing\'s 4102: its row and the URL that still points there');
  });
});
