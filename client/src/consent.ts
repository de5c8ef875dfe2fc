// Nothing is written without the user's say: an edit that touches more than one file is shown
// first (a modal summary, or VS Code's Refactor Preview to pick the changes), then applied as one
// undoable step. Applied edits stay unsaved in their editors (opened for it) until the user saves them.
import * as vscode from 'vscode';

export const APPLY = 'Apply';
export const REVIEW = 'Pick Changes in Refactor Preview…';

export interface EditSummary {
  /** "Align code with the plan": the modal's title and the undo label. */
  readonly title: string;
  /** One line per change (`services/billing/main.go:54 → 4102`). */
  readonly changes: readonly string[];
  /** What the edit leaves to the user (collisions neither side settles). */
  readonly unresolved?: readonly string[];
}

/**
 * Applies `edit` once the user agrees. One file: applied at once (it lands in that file's editor,
 * unsaved, undone with Ctrl+Z, as a quick fix does). Several files: a modal lists the changes;
 * "Apply" applies them all, "Pick Changes…" opens the Refactor Preview with each change to tick.
 * Resolves whether anything was applied.
 */
export async function applyWithConsent(edit: vscode.WorkspaceEdit, summary: EditSummary): Promise<boolean> {
  const files = edit.entries().length;
  if (files === 0) return false;
  if (files === 1) return vscode.workspace.applyEdit(edit);
  const count = edit.entries().reduce((n, [, edits]) => n + edits.length, 0);
  const detail = [
    ...summary.changes,
    ...(summary.unresolved?.length ? ['', 'Left for you:', ...summary.unresolved] : []),
    '',
    'The files change in their editors, unsaved; Ctrl+Z undoes the whole change.',
  ].join('\n');
  const answer = await vscode.window.showInformationMessage(
    `${summary.title}: ${count} change${count === 1 ? '' : 's'} in ${files} files`,
    { modal: true, detail },
    APPLY,
    REVIEW,
  );
  const applied = answer === APPLY ? await vscode.workspace.applyEdit(edit) : answer === REVIEW ? await vscode.workspace.applyEdit(needingConfirmation(edit, summary.title)) : false;
  if (applied) await showChanged(edit);
  return applied;
}

/**
 * Opens each changed file in a tab of its own, unsaved, and gives the focus back to the editor the
 * user was in: the changes are there to read and save, and Ctrl+Z in any of them offers to undo
 * the whole change (VS Code undoes a multi-file edit across the files only while they are open).
 */
async function showChanged(edit: vscode.WorkspaceEdit): Promise<void> {
  const before = vscode.window.activeTextEditor;
  for (const [uri] of edit.entries()) {
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (document?.isDirty) await vscode.window.showTextDocument(document, { preview: false, preserveFocus: true });
  }
  if (before) await vscode.window.showTextDocument(before.document, { viewColumn: before.viewColumn, preserveFocus: false });
}

/**
 * The same edit with every change marked "needs confirmation": VS Code then opens it in the
 * Refactor Preview, where the user ticks what to apply (nothing is ticked for them).
 */
function needingConfirmation(edit: vscode.WorkspaceEdit, label: string): vscode.WorkspaceEdit {
  const out = new vscode.WorkspaceEdit();
  for (const [uri, edits] of edit.entries()) {
    for (const e of edits) out.replace(uri, e.range, e.newText, { label, needsConfirmation: true });
  }
  return out;
}
