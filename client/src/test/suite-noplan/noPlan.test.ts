// A folder with no port plan (no ports.yaml, PORT_SCHEMA.md or ecosystem file): collisions are still
// reported and the language status item offers to create a plan. That nothing pops up, and creating
// the plan from the status item (it asks first, then opens an unsaved draft), are shown in the e2e
// workbench walkthrough of the same folder (scripts/e2e/run.mjs, createPlanFromStatus): the workbench
// refuses dialogs under test.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, byRule, describe, extensionApi, fileUri, onDisk, revertAllEditors, waitForDiagnostics, waitUntil } from '../suite/helpers';

const SEARCH = 'services/search/app/main.py';
const PLAN = 'ports.yaml';

suite('a folder without a plan', () => {
  suiteSetup(activateExtension);
  suiteTeardown(revertAllEditors);

  test('collisions are reported without a plan, and drift is not', async () => {
    const search = await waitForDiagnostics(fileUri(SEARCH), (ds) => ds.some(byRule('collision')), 30_000, 'the 4101 collision');
    const collision = search.find(byRule('collision'))!;
    assert.match(collision.message, /\b4101\b/);
    assert.match(collision.message, /\bauth\b/);
    const document = await vscode.workspace.openTextDocument(fileUri(SEARCH));
    assert.equal(document.getText(collision.range), '4101', describe(collision));
    assert.deepEqual(search.filter(byRule('drift')).map(describe), [], 'without a plan there is nothing to drift from');
  });

  test('the language status says there is no plan and offers to create one', async () => {
    const { status } = await extensionApi();
    const snapshot = await waitUntil({
      events: [vscode.languages.onDidChangeDiagnostics],
      probe: () => (status.snapshot().plan.text.includes('No port plan') ? status.snapshot() : undefined),
      timeoutMs: 20_000,
      what: 'the plan item to say there is none',
      seen: () => JSON.stringify(status.snapshot()),
    });
    assert.equal(snapshot.plan.command, 'portSchema.createSchema');
    assert.equal(snapshot.plan.detail, 'collisions are checked; drift needs a plan');
    assert.equal(await onDisk(fileUri(PLAN)), undefined, 'nothing was written');
  });
});
