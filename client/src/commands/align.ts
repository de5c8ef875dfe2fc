// "Align Code with the Plan" / "Align the Plan with the Code": the server says what would change;
// the user sees it (a modal summary, or the Refactor Preview) before anything is applied, as one
// undoable change that stays unsaved until saved.
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/node';
import { applyWithConsent } from '../consent';
import { requireFolder } from '../folders';
import { ReconcileRequest, type AlignResult, type ReconcileParams } from '../../../server/src/lsp/protocol';

export function alignCommand(client: LanguageClient, direction: ReconcileParams['direction']) {
  return async (folderArg?: vscode.Uri | string): Promise<AlignResult | undefined> => {
    const folder = await requireFolder(folderArg);
    if (!folder) return undefined;
    const preview = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Port Schema: working out the changes' }, () =>
      client.sendRequest(ReconcileRequest, { folderUri: folder.uri.toString(), direction }),
    );
    if (!preview.edit) {
      const left = preview.unresolved.length ? ` Left for you: ${preview.unresolved.join(' ')}` : '';
      void vscode.window.showInformationMessage(`Port Schema: nothing to change in ${folder.name}; the code and the plan agree.${left}`);
      return { applied: false, edits: 0, unresolved: preview.unresolved };
    }
    const edit = await client.protocol2CodeConverter.asWorkspaceEdit(preview.edit);
    const applied = await applyWithConsent(edit, { title: preview.title, changes: preview.changes, unresolved: preview.unresolved });
    return { applied, edits: applied ? edit.entries().reduce((n, [, edits]) => n + edits.length, 0) : 0, unresolved: preview.unresolved };
  };
}
