// Shared steps of the in-VS Code suites: find files of the example workspace, wait for what the
// language server publishes (events, never fixed sleeps), and undo every edit a test makes.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PortSchemaApi } from '../../extension';

export const EXTENSION_ID = 'port-schema.port-schema';

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests need examples/monorepo opened as the workspace folder');
  return folder.uri;
}

export function fileUri(relativePath: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), relativePath);
}

/** A file of the workspace folder called `folderName` (multi-root workspaces). */
export function fileIn(folderName: string, relativePath: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.find((f) => f.name === folderName);
  assert.ok(folder, `no workspace folder named ${folderName}; open: ${vscode.workspace.workspaceFolders?.map((f) => f.name).join(', ')}`);
  return vscode.Uri.joinPath(folder.uri, relativePath);
}

export async function activateExtension(): Promise<void> {
  await extensionApi();
}

/** The extension's test surface (what `activate` returns): its view, status items and terminal links. */
export async function extensionApi(): Promise<PortSchemaApi> {
  const extension = vscode.extensions.getExtension<PortSchemaApi>(EXTENSION_ID);
  assert.ok(extension, `extension ${EXTENSION_ID} is not installed in this VS Code`);
  return extension.activate();
}

/** Puts a file's text back on disk, after a test that had to save it (fix-all on save). */
export async function restoreOnDisk(uri: vscode.Uri, text: string): Promise<void> {
  const document = await vscode.workspace.openTextDocument(uri);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(uri, new vscode.Range(0, 0, document.lineCount, 0), text);
  assert.ok(await vscode.workspace.applyEdit(edit), `could not put ${vscode.workspace.asRelativePath(uri)} back`);
  assert.ok(await document.save(), `could not save ${vscode.workspace.asRelativePath(uri)} back`);
}

/** Reads a file of the workspace from disk (undefined when it is not there). */
export async function onDisk(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
  } catch {
    return undefined;
  }
}

export async function openDocument(relativePath: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(fileUri(relativePath));
  await vscode.window.showTextDocument(document, { preview: false });
  return document;
}

/**
 * Resolves with the diagnostics of `uri` once `predicate` holds for them (now or after a change);
 * rejects after `timeoutMs` with what was there instead.
 */
export function waitForDiagnostics(
  uri: vscode.Uri,
  predicate: (diagnostics: readonly vscode.Diagnostic[]) => boolean,
  timeoutMs = 20_000,
  what = 'the expected diagnostics',
): Promise<readonly vscode.Diagnostic[]> {
  return waitUntil({
    events: [vscode.languages.onDidChangeDiagnostics],
    probe: () => {
      const current = vscode.languages.getDiagnostics(uri);
      return predicate(current) ? current : undefined;
    },
    timeoutMs,
    what: `${what} on ${vscode.workspace.asRelativePath(uri)}`,
    seen: () => vscode.languages.getDiagnostics(uri).map(describe).join('\n  ') || '(none)',
  });
}

/**
 * Resolves with what `probe` returns once it returns something (checked now and after each of
 * `events`); rejects after `timeoutMs` naming `what` and, if given, what was `seen` instead.
 */
export function waitUntil<T>(options: {
  events: vscode.Event<unknown>[];
  probe: () => T | undefined | Promise<T | undefined>;
  timeoutMs: number;
  what: string;
  seen?: () => string;
}): Promise<T> {
  const { events, probe, timeoutMs, what, seen } = options;
  return new Promise((resolve, reject) => {
    let done = false;
    const check = async (): Promise<void> => {
      try {
        const value = await probe();
        if (done || value === undefined) return;
        finish();
        resolve(value);
      } catch (err) {
        if (done) return;
        finish();
        reject(err);
      }
    };
    const subscriptions = events.map((event) => event(() => void check()));
    const timer = setTimeout(() => {
      finish();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}${seen ? `; it has:\n  ${seen()}` : ''}`));
    }, timeoutMs);
    function finish(): void {
      done = true;
      clearTimeout(timer);
      for (const s of subscriptions) s.dispose();
    }
    void check();
  });
}

export function byRule(rule: string): (d: vscode.Diagnostic) => boolean {
  return (d) => d.source === 'port-schema' && ruleOf(d) === rule;
}

export function ruleOf(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  return typeof code === 'object' ? String(code.value) : code === undefined ? undefined : String(code);
}

export function describe(diagnostic: vscode.Diagnostic): string {
  const { line, character } = diagnostic.range.start;
  return `${line + 1}:${character + 1} [${ruleOf(diagnostic)}] ${diagnostic.message}`;
}

/** The range of the `nth` occurrence of `text` in the document (the digits of a port literal, say). */
export function rangeOf(document: vscode.TextDocument, text: string, nth = 0): vscode.Range {
  let offset = -1;
  for (let i = 0; i <= nth; i++) {
    offset = document.getText().indexOf(text, offset + 1);
    assert.notEqual(offset, -1, `${vscode.workspace.asRelativePath(document.uri)} has no occurrence #${nth + 1} of ${text}`);
  }
  return new vscode.Range(document.positionAt(offset), document.positionAt(offset + text.length));
}

/** Replaces the first `from` in the file with `to`, unsaved (as typing would). */
export async function replaceInFile(relativePath: string, from: string, to: string): Promise<vscode.TextDocument> {
  const document = await openDocument(relativePath);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, rangeOf(document, from), to);
  assert.ok(await vscode.workspace.applyEdit(edit), `could not edit ${relativePath}`);
  return document;
}

/**
 * Reverts every document with unsaved changes (files and untitled ones such as the port map) and closes
 * the editors, so the next test starts clean and no "Save changes?" dialog can block the run.
 */
export async function revertAllEditors(): Promise<void> {
  for (const document of vscode.workspace.textDocuments.filter((d) => d.isDirty)) {
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** Every file of the workspace as it is on disk, to prove afterwards that the tests saved nothing. */
export async function snapshotWorkspace(): Promise<Map<string, Uint8Array>> {
  const files = await vscode.workspace.findFiles('**/*');
  const snapshot = new Map<string, Uint8Array>();
  for (const uri of files) snapshot.set(uri.toString(), await vscode.workspace.fs.readFile(uri));
  return snapshot;
}

/** Fails (after putting the files back) when a test left a file saved, created or deleted. */
export async function assertWorkspaceUnchanged(before: Map<string, Uint8Array>): Promise<void> {
  const after = await snapshotWorkspace();
  const changed: string[] = [];
  for (const [uri, content] of before) {
    const now = after.get(uri);
    if (now && Buffer.from(now).equals(Buffer.from(content))) continue;
    changed.push(vscode.workspace.asRelativePath(vscode.Uri.parse(uri)));
    await vscode.workspace.fs.writeFile(vscode.Uri.parse(uri), content);
  }
  for (const uri of after.keys()) {
    if (before.has(uri)) continue;
    changed.push(vscode.workspace.asRelativePath(vscode.Uri.parse(uri)));
    await vscode.workspace.fs.delete(vscode.Uri.parse(uri));
  }
  assert.deepEqual(changed, [], `the tests changed files of the example workspace on disk (now restored): ${changed.join(', ')}`);
}

/** Sets a user-level setting (never the workspace's: that would write .vscode/settings.json into the example). */
export async function setUserSetting(key: string, value: unknown): Promise<void> {
  const [section, ...rest] = key.split('.');
  await vscode.workspace.getConfiguration(section).update(rest.join('.'), value, vscode.ConfigurationTarget.Global);
}

/** Text of a hover's contents, whatever shape VS Code returned them in. */
export function hoverText(hovers: readonly vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
}
