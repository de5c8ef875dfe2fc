// "Create a Plan from This Workspace": asks first, then opens a ports.yaml drafted from the ports
// the code binds as an unsaved editor at the folder's root. Nothing is on disk until the user saves.
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/node';
import { requireFolder } from '../folders';
import { PlanDraftRequest, type CreatePlanResult } from '../../../server/src/lsp/protocol';

export const CREATE = 'Create ports.yaml';

export function createPlanCommand(client: LanguageClient) {
  return async (folderArg?: vscode.Uri | string): Promise<CreatePlanResult | undefined> => {
    const folder = await requireFolder(folderArg);
    if (!folder) return undefined;
    const draft = await client.sendRequest(PlanDraftRequest, { folderUri: folder.uri.toString() });
    if (draft.existing.length || !draft.uri || draft.text === undefined) {
      void vscode.window.showInformationMessage(`Port Schema: ${folder.name} already has a plan (${draft.existing.join(', ')}).`);
      return { applied: false };
    }
    const answer = await vscode.window.showInformationMessage(
      `Write a port plan for ${folder.name} from the ports its code binds?`,
      { modal: true, detail: 'It opens as an unsaved ports.yaml at the folder root for you to review; nothing is written until you save it.' },
      CREATE,
    );
    if (answer !== CREATE) return { applied: false };
    const target = vscode.Uri.parse(draft.uri);
    // An untitled document bound to the path: saving writes ports.yaml there, closing without saving leaves no trace.
    const document = await vscode.workspace.openTextDocument(target.with({ scheme: 'untitled' }));
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, new vscode.Range(0, 0, document.lineCount, 0), draft.text);
    await vscode.workspace.applyEdit(edit);
    await vscode.window.showTextDocument(document, { preview: false });
    return { applied: true, uri: document.uri.toString() };
  };
}
