// Fix-all on save (`editor.codeActionsOnSave: { "source.fixAll.portSchema": "explicit" }`): saving .env
// points its stale URLs at where their services listen, and touches nothing else; drift is never
// "fixed" on save. The file is put back afterwards.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, byRule, fileUri, onDisk, openDocument, restoreOnDisk, revertAllEditors, setUserSetting, waitForDiagnostics } from './helpers';

suite('fix-all on save', () => {
  suiteSetup(activateExtension);
  teardown(revertAllEditors);

  test('saving .env applies the safe fixes only: the stale URLs follow their listeners', async () => {
    const env = fileUri('.env');
    const original = (await onDisk(env))!;
    await waitForDiagnostics(env, (ds) => ds.filter(byRule('stale-reference')).length === 2, 30_000, 'the two stale URLs');
    const billing = await vscode.workspace.openTextDocument(fileUri('services/billing/main.go'));
    const billingBefore = billing.getText();
    try {
      await setUserSetting('editor.codeActionsOnSave', { 'source.fixAll.portSchema': 'explicit' });
      const document = await openDocument('.env');
      // An explicit save, as Ctrl+S is: the save participant runs the fix-all first.
      await vscode.commands.executeCommand('workbench.action.files.save');
      const saved = await onDisk(env);
      assert.match(saved ?? '', /^BILLING_URL=http:\/\/localhost:4105$/m, 'billing listens on 4105');
      assert.match(saved ?? '', /^SEARCH_URL=http:\/\/localhost:4101$/m, 'search listens on 4101');
      assert.match(saved ?? '', /^AUTH_URL=http:\/\/localhost:4101$/m, 'a right URL stays');
      assert.equal(saved, original.replace(':4102', ':4105').replace(':4103', ':4101'), 'nothing else in the file changed');
      assert.equal(document.isDirty, false);
      assert.equal(billing.getText(), billingBefore, 'the drifting bind is not touched');
      await waitForDiagnostics(env, (ds) => !ds.some(byRule('stale-reference')), 20_000, 'no stale URL left');
    } finally {
      await setUserSetting('editor.codeActionsOnSave', undefined);
      await restoreOnDisk(env, original);
    }
    assert.equal(await onDisk(env), original);
  });
});
