// "Align Code with the Plan" / "Align the Plan with the Code": the server computes the edits for the
// folder and applies them itself through workspace/applyEdit (VS Code previews them first), so they
// land as one undoable change.
import * as vscode from 'vscode';
import { ExecuteCommandRequest, LanguageClient } from 'vscode-languageclient/node';
import { requireFolder } from '../folders';
import type { AlignResult } from '../../../server/src/lsp/protocol';

export function alignCommand(client: LanguageClient, serverCommand: string, what: string) {
  return async (folderArg?: vscode.Uri | string): Promise<AlignResult | undefined> => {
    const folder = await requireFolder(folderArg);
    if (!folder) return undefined;
    const result = (await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: `Port Schema: ${what}` }, () =>
      client.sendRequest(ExecuteCommandRequest.type, { command: serverCommand, arguments: [folder.uri.toString()] }),
    )) as AlignResult | null;
    if (result && result.edits === 0 && result.unresolved.length === 0) {
      void vscode.window.showInformationMessage(`Port Schema: nothing to change in ${folder.name}; the code and the plan agree.`);
    }
    return result ?? undefined;
  };
}
