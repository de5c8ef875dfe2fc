// One window, two workspace folders with different kinds of plan: one language server must serve both,
// and each folder's findings must come from its own plan and point only into that folder.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { activateExtension, byRule, describe, fileIn, hoverText, revertAllEditors, waitForDiagnostics } from '../suite/helpers';

const MONOREPO = 'monorepo';
const PORTOS = 'portos-like';

/** Both folders analysed: the drift each plan reveals has been published. */
async function bothFoldersAnalysed(): Promise<{ billing: vscode.Diagnostic; autofixerUi: vscode.Diagnostic }> {
  const [billing, ecosystem] = await Promise.all([
    waitForDiagnostics(fileIn(MONOREPO, 'services/billing/main.go'), (ds) => ds.some(byRule('drift')), 30_000, 'the billing drift'),
    waitForDiagnostics(fileIn(PORTOS, 'ecosystem.config.cjs'), (ds) => ds.some(byRule('drift')), 30_000, 'the autofixer-ui drift'),
  ]);
  return { billing: billing.find(byRule('drift'))!, autofixerUi: ecosystem.find(byRule('drift'))! };
}

/** Processes the extension host started from the bundled server (Linux: read from /proc). */
function languageServerChildren(): string[] | undefined {
  if (!fs.existsSync('/proc/self/stat')) return undefined;
  const children: string[] = [];
  for (const pid of fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      // The command name (field 2) may hold spaces and parentheses: the parent pid follows its last ')'.
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const commandLine = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
      if (parent === process.pid && commandLine.includes('server/out/server.js')) children.push(`${pid}: ${commandLine}`);
    } catch {
      // the process ended while we looked
    }
  }
  return children;
}

suite('multi-root workspace', () => {
  suiteSetup(activateExtension);
  teardown(revertAllEditors);

  test('each folder is read with its own plan: a hover links to that folder\'s plan file', async () => {
    await bothFoldersAnalysed();
    const hoverOn = async (folder: string, path: string, needle: string) => {
      const document = await vscode.workspace.openTextDocument(fileIn(folder, path));
      const position = document.positionAt(document.getText().indexOf(needle) + 1);
      return hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position));
    };
    const billing = await hoverOn(MONOREPO, 'services/billing/main.go', '4105');
    assert.match(billing, /\[ports\.yaml:\d+\]/, billing);
    assert.doesNotMatch(billing, /PORTS\.md/, billing);
    const ui = await hoverOn(PORTOS, 'client/vite.config.js', '5554');
    assert.match(ui, /\[docs\/PORTS\.md:\d+\]/, ui);
    assert.doesNotMatch(ui, /ports\.yaml/, ui);
  });

  test('one language server serves both folders', async () => {
    await bothFoldersAnalysed();
    const servers = languageServerChildren();
    // Elsewhere than Linux the process count is not checked; the map below still is.
    if (servers) assert.equal(servers.length, 1, `expected one language server process, found:\n${servers.join('\n')}`);
    // One request, one answer covering both folders: the map of a multi-root workspace.
    const map = await vscode.commands.executeCommand<string>('portSchema.copyMapMarkdown');
    for (const expected of ['Core Services', 'billing', 'PortOS core services', 'portos-autofixer-ui']) {
      assert.ok(map.includes(expected), `the map should mention ${expected}:\n${map}`);
    }
  });

  test('each folder\'s drift is measured against its own plan', async () => {
    const { billing, autofixerUi } = await bothFoldersAnalysed();
    assert.match(billing.message, /4105.*4102/);
    assert.match(billing.message, /\bports\.yaml\b/, describe(billing));
    assert.doesNotMatch(billing.message, /PORTS\.md/, describe(billing));

    assert.equal(autofixerUi.range.start.line + 1, 78, describe(autofixerUi));
    assert.match(autofixerUi.message, /5565.*5560/);
    assert.match(autofixerUi.message, /\bdocs\/PORTS\.md\b/, describe(autofixerUi));
    assert.doesNotMatch(autofixerUi.message, /ports\.yaml/, describe(autofixerUi));
  });

  test('no finding points into the other folder', async () => {
    await bothFoldersAnalysed();
    await waitForDiagnostics(fileIn(MONOREPO, 'services/search/app/main.py'), (ds) => ds.some(byRule('collision')), 30_000, 'the 4101 collision');
    const folderOf = (uri: vscode.Uri) => vscode.workspace.getWorkspaceFolder(uri)?.name;
    const crossing: string[] = [];
    const relatedByFolder = new Map<string | undefined, number>();
    for (const [uri, diagnostics] of vscode.languages.getDiagnostics()) {
      for (const d of diagnostics.filter((x) => x.source === 'port-schema')) {
        for (const related of d.relatedInformation ?? []) {
          relatedByFolder.set(folderOf(uri), (relatedByFolder.get(folderOf(uri)) ?? 0) + 1);
          if (folderOf(related.location.uri) !== folderOf(uri)) {
            crossing.push(`${vscode.workspace.asRelativePath(uri)} ${describe(d)} -> ${vscode.workspace.asRelativePath(related.location.uri)}`);
          }
        }
      }
    }
    assert.deepEqual(crossing, []);
    // Not vacuous: both folders' findings do carry related locations.
    assert.ok((relatedByFolder.get(MONOREPO) ?? 0) > 0 && (relatedByFolder.get(PORTOS) ?? 0) > 0,
      `expected related locations in both folders, got ${JSON.stringify([...relatedByFolder])}`);
  });
});
