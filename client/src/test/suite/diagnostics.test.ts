// Diagnostics as the language server publishes them for examples/monorepo, and how they follow edits
// and settings.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, byRule, fileUri, replaceInFile, revertAllEditors, setUserSetting, waitForDiagnostics } from './helpers';

suite('diagnostics', () => {
  suiteSetup(activateExtension);
  teardown(revertAllEditors);

  test('the collision on 4101 shows in every file that binds it, naming the other owner', async () => {
    const search = await waitForDiagnostics(fileUri('services/search/app/main.py'), (ds) => ds.some(byRule('collision')), 30_000, 'a collision');
    const collision = search.find(byRule('collision'))!;
    assert.match(collision.message, /4101/);
    assert.match(collision.message, /\bauth\b/);
    const auth = await waitForDiagnostics(fileUri('services/auth/src/server.ts'), (ds) => ds.some(byRule('collision')), 10_000, 'a collision');
    assert.match(auth.find(byRule('collision'))!.message, /\bsearch\b/);
  });

  test('drift from the plan is reported on the literal, with the planned port', async () => {
    const billing = await waitForDiagnostics(fileUri('services/billing/main.go'), (ds) => ds.some(byRule('drift')), 20_000, 'a drift');
    const drift = billing.find(byRule('drift'))!;
    assert.match(drift.message, /4105/);
    assert.match(drift.message, /4102/);
    const document = await vscode.workspace.openTextDocument(fileUri('services/billing/main.go'));
    assert.equal(document.getText(drift.range), '4105', 'the diagnostic covers exactly the port digits');
  });

  test('a collision typed into one file appears in the other file at once', async () => {
    const web = fileUri('apps/web/package.json');
    await waitForDiagnostics(web, (ds) => !ds.some(byRule('collision')), 20_000, 'no collision yet');
    await replaceInFile('workers/email/worker.py', '6130', '5100');
    const after = await waitForDiagnostics(web, (ds) => ds.some(byRule('collision')), 20_000, 'the new collision with email-worker');
    assert.match(after.find(byRule('collision'))!.message, /email-worker/);
    await revertAllEditors();
    await waitForDiagnostics(web, (ds) => !ds.some(byRule('collision')), 20_000, 'the collision gone after the revert');
  });

  test('portSchema.rules turns a rule off and back on', async () => {
    const billing = fileUri('services/billing/main.go');
    await waitForDiagnostics(billing, (ds) => ds.some(byRule('drift')), 20_000, 'a drift');
    try {
      await setUserSetting('portSchema.rules', { drift: 'off' });
      await waitForDiagnostics(billing, (ds) => !ds.some(byRule('drift')), 20_000, 'no drift with drift: off');
    } finally {
      await setUserSetting('portSchema.rules', undefined);
    }
    await waitForDiagnostics(billing, (ds) => ds.some(byRule('drift')), 20_000, 'the drift back');
  });

  test('portSchema.rules changes a severity', async () => {
    const billing = fileUri('services/billing/main.go');
    try {
      await setUserSetting('portSchema.rules', { drift: 'error' });
      await waitForDiagnostics(billing, (ds) => ds.some((d) => byRule('drift')(d) && d.severity === vscode.DiagnosticSeverity.Error), 20_000, 'drift as an error');
    } finally {
      await setUserSetting('portSchema.rules', undefined);
    }
  });
});
