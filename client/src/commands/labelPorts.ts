// "Label Forwarded Ports from the Plan": `portsAttributes` labels in .devcontainer/devcontainer.json,
// so VS Code's Ports view names each forwarded port after its service. One undoable edit of that
// file, left unsaved in its editor.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { requireFolder } from '../folders';
import { ForwardedLabelsRequest, type ForwardedLabelsResult } from '../../../server/src/lsp/protocol';

export function labelForwardedPortsCommand(client: LanguageClient) {
  return async (folderArg?: vscode.Uri | string): Promise<ForwardedLabelsResult | undefined> => {
    const folder = await requireFolder(folderArg);
    if (!folder) return undefined;
    const result = await client.sendRequest(ForwardedLabelsRequest, { folderUri: folder.uri.toString() });
    if (result.error || !result.uri) {
      void vscode.window.showWarningMessage(`Port Schema: ${result.error ?? 'no dev container config found.'}`);
      return result;
    }
    if (!result.edit) {
      void vscode.window.showInformationMessage(`Port Schema: every forwarded port the plan knows has a label already${result.skipped.length ? ` (left as they are: ${result.skipped.join(', ')})` : ''}.`);
      return result;
    }
    const edit = await client.protocol2CodeConverter.asWorkspaceEdit(result.edit);
    if (!(await vscode.workspace.applyEdit(edit))) return result;
    await vscode.window.showTextDocument(vscode.Uri.parse(result.uri), { preview: false });
    const labels = result.labelled.map((l) => `${l.port} → ${l.label}`).join(', ');
    void vscode.window.showInformationMessage(`Port Schema: labelled ${labels} in ${vscode.workspace.asRelativePath(vscode.Uri.parse(result.uri))} (unsaved: review, then save).`);
    return result;
  };
}
