// A folder with no port plan (no ports.yaml, PORT_SCHEMA.md or ecosystem file): collisions are still
// reported, the extension offers to write a plan, and accepting the offer creates ports.yaml through the
// server's workspace/applyEdit, whose findings then appear. The e2e harness is the user here: it checks
// the status bar and the notification, clicks "Create ports.yaml from this workspace" and saves the file.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, byRule, describe, fileUri, revertAllEditors, waitForDiagnostics, waitUntil, workspaceRoot } from '../suite/helpers';

const SEARCH = 'services/search/app/main.py';
const PLAN = 'ports.yaml';
const OFFER_TIMEOUT_MS = 90_000;

async function onDisk(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
  } catch {
    return undefined;
  }
}

suite('a folder without a plan', () => {
  suiteSetup(activateExtension);
  suiteTeardown(async () => {
    await revertAllEditors();
    // The plan the offer wrote is this run's own: the folder goes back to having none.
    await vscode.workspace.fs.delete(fileUri(PLAN)).then(undefined, () => undefined);
  });

  test('collisions are reported without a plan, and drift is not', async () => {
    const search = await waitForDiagnostics(fileUri(SEARCH), (ds) => ds.some(byRule('collision')), 30_000, 'the 4101 collision');
    const collision = search.find(byRule('collision'))!;
    assert.match(collision.message, /\b4101\b/);
    assert.match(collision.message, /\bauth\b/);
    const document = await vscode.workspace.openTextDocument(fileUri(SEARCH));
    assert.equal(document.getText(collision.range), '4101', describe(collision));
    assert.deepEqual(search.filter(byRule('drift')).map(describe), [], 'without a plan there is nothing to drift from');
  });

  test('accepting the offer writes ports.yaml from the ports the code binds', async () => {
    const plan = fileUri(PLAN);
    const saved = await waitUntil({
      events: [vscode.workspace.onDidCreateFiles, vscode.workspace.onDidSaveTextDocument],
      probe: async () => {
        const text = await onDisk(plan);
        return text && /^services:/m.test(text) ? text : undefined;
      },
      timeoutMs: OFFER_TIMEOUT_MS,
      what: `${PLAN} to be created and saved (scripts/e2e/run.mjs accepts the offer and saves the file)`,
      seen: () => vscode.workspace.textDocuments.map((d) => `${vscode.workspace.asRelativePath(d.uri)}${d.isDirty ? ' (unsaved)' : ''}`).join(', '),
    });
    assert.match(saved, /^ {2}search:\n {4}port: 4101$/m);
    assert.match(saved, /^ {2}"@acme\/auth":\n {4}port: 4101$/m);
  });

  test('the new plan\'s findings appear: it gives 4101 to two services', async () => {
    const plan = await waitForDiagnostics(fileUri(PLAN), (ds) => ds.some((d) => byRule('schema-duplicate')(d) && /\b4101\b/.test(d.message)), 30_000, 'the duplicate 4101 in the new plan');
    const duplicate = plan.find(byRule('schema-duplicate'))!;
    assert.match(duplicate.message, /\bsearch\b|\bauth\b/, describe(duplicate));
    await waitForDiagnostics(fileUri(SEARCH), (ds) => ds.some(byRule('collision')), 10_000, 'the collision, still there with a plan');
  });

  test('running the command again leaves the new plan alone', async () => {
    const result = await vscode.commands.executeCommand<{ applied: boolean }>('portSchema.createSchema', workspaceRoot());
    assert.equal(result?.applied, false);
  });
});
