// Every command the extension contributes, run the way the command palette runs it.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AlignResult, NextFreeResult } from '../../../../server/src/lsp/protocol';
import { activateExtension, byRule, EXTENSION_ID, fileUri, revertAllEditors, waitForDiagnostics } from './helpers';

suite('commands', () => {
  suiteSetup(activateExtension);
  teardown(revertAllEditors);

  test('every contributed command is registered', async () => {
    const contributed = (vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON.contributes.commands as { command: string }[]).map((c) => c.command);
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(contributed.filter((c) => !registered.has(c)), []);
    assert.ok(contributed.length >= 6);
  });

  test('Show Port Map opens the map with every range and service', async () => {
    const document = await vscode.commands.executeCommand<vscode.TextDocument>('portSchema.showMap');
    assert.equal(document.isUntitled, true);
    for (const expected of ['Core Services', 'Workers', 'search', 'billing', '4101']) {
      assert.ok(document.getText().includes(expected), `the map should mention ${expected}:\n${document.getText()}`);
    }
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

  test('Create ports.yaml leaves an existing plan alone', async () => {
    const result = await vscode.commands.executeCommand<{ applied: boolean }>('portSchema.createSchema');
    assert.equal(result.applied, false);
  });

  test('Align Code with the Plan rewrites drifting ports to the planned ones', async () => {
    const result = await vscode.commands.executeCommand<AlignResult>('portSchema.alignCodeWithPlan');
    assert.ok(result.applied && result.edits > 0, `nothing applied: ${JSON.stringify(result)}`);
    const billing = await vscode.workspace.openTextDocument(fileUri('services/billing/main.go'));
    assert.match(billing.getText(), /"4102"/);
    await waitForDiagnostics(billing.uri, (ds) => !ds.some(byRule('drift')), 20_000, 'no drift after aligning');
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
