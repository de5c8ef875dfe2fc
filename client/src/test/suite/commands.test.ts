// Every command the extension contributes, run the way the command palette runs it. The commands that
// ask before they edit several files (Align Code with the Plan) or create one (Create a Plan) are run
// in the e2e workbench walkthroughs instead: the workbench refuses dialogs under test.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AlignResult, NextFreeResult } from '../../../../server/src/lsp/protocol';
import { activateExtension, byRule, EXTENSION_ID, extensionApi, fileUri, revertAllEditors, waitForDiagnostics, waitUntil } from './helpers';

suite('commands', () => {
  suiteSetup(activateExtension);
  teardown(revertAllEditors);

  test('every contributed command is registered, and the palette hides the ones that do not apply', async () => {
    const packageJson = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON;
    const contributed = (packageJson.contributes.commands as { command: string }[]).map((c) => c.command);
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(contributed.filter((c) => !registered.has(c)), []);
    assert.ok(contributed.length >= 10);
    const when = new Map((packageJson.contributes.menus.commandPalette as { command: string; when: string }[]).map((m) => [m.command, m.when]));
    assert.equal(when.get('portSchema.createSchema'), 'portSchema.folderWithoutPlan');
    assert.equal(when.get('portSchema.alignCodeWithPlan'), 'portSchema.hasPlan');
    assert.equal(when.get('portSchema.refreshMap'), 'false');
  });

  test('Show Port Map opens the Port Map view; as text it is a read-only document with clickable places', async () => {
    const api = await extensionApi();
    await vscode.commands.executeCommand('portSchema.showMap');
    await waitUntil({ events: [api.portMapView.onDidChangeVisibility], probe: () => (api.portMapView.visible ? true : undefined), timeoutMs: 10_000, what: 'the Port Map view to show' });
    const document = await vscode.commands.executeCommand<vscode.TextDocument>('portSchema.openMapText');
    assert.equal(document.uri.scheme, 'port-schema-map');
    assert.equal(document.isUntitled, false, 'not an unsaved document: closing it asks nothing');
    for (const expected of ['Core Services', 'Workers', 'search', 'billing', '4101']) {
      assert.ok(document.getText().includes(expected), `the map should mention ${expected}:\n${document.getText()}`);
    }
    const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', document.uri);
    const billing = links.find((l) => l.target?.path.endsWith('services/billing/main.go'));
    assert.ok(billing, `no link to services/billing/main.go among ${links.map((l) => l.target?.toString()).join(', ')}`);
    assert.equal(billing.target?.fragment, 'L54');
  });

  test('Copy Port Map as Markdown gives the plan against reality', async () => {
    const markdown = await vscode.commands.executeCommand<string>('portSchema.copyMapMarkdown');
    assert.match(markdown, /\| Core Services \| search \| {2}\| 4101 \| bound, not planned \| on its own \| services\/search\/app\/main\.py:43 \|/);
    assert.equal(await vscode.env.clipboard.readText(), markdown);
  });

  test('Next Free Port gives a free port of the chosen range', async () => {
    const result = await vscode.commands.executeCommand<NextFreeResult>('portSchema.nextFreePort', 'Workers');
    assert.equal(result.error, undefined);
    assert.equal(result.range?.name, 'Workers');
    assert.equal(result.ports.length, 1);
    assert.ok(result.ports[0] >= 6101 && result.ports[0] <= 6119, `${result.ports[0]} is not a free Workers port`);
  });

  test('Next Free Port explains an unknown range', async () => {
    const result = await vscode.commands.executeCommand<NextFreeResult>('portSchema.nextFreePort', 'No Such Range');
    assert.deepEqual(result.ports, []);
    assert.match(result.error ?? '', /No Such Range/);
  });

  test('Create a Plan leaves an existing plan alone', async () => {
    const result = await vscode.commands.executeCommand<{ applied: boolean }>('portSchema.createSchema');
    assert.equal(result.applied, false);
  });

  test('Align the Plan with the Code writes the code\'s ports into ports.yaml', async () => {
    const result = await vscode.commands.executeCommand<AlignResult>('portSchema.alignPlanWithCode');
    assert.ok(result.applied && result.edits > 0, `nothing applied: ${JSON.stringify(result)}`);
    const plan = await vscode.workspace.openTextDocument(fileUri('ports.yaml'));
    assert.ok(plan.isDirty, 'ports.yaml should carry the unsaved alignment');
    assert.match(plan.getText(), /port: 4105/);
  });

  test('Restart Language Server brings the diagnostics back', async () => {
    await vscode.commands.executeCommand('portSchema.restartServer');
    await waitForDiagnostics(fileUri('services/search/app/main.py'), (ds) => ds.some(byRule('collision')), 30_000, 'the collision after the restart');
  });
});
