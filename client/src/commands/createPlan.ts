// "Create ports.yaml from This Workspace": the server writes a plan from the ports the code uses (it
// declines, and says so, when the folder already has a plan); the new file is then opened.
import * as vscode from 'vscode';
import { ExecuteCommandRequest, LanguageClient } from 'vscode-languageclient/node';
import { requireFolder } from '../folders';
import { ServerCommands, type CreatePlanResult } from '../../../server/src/lsp/protocol';

export function createPlanCommand(client: LanguageClient) {
  return async (folderArg?: vscode.Uri | string): Promise<CreatePlanResult | undefined> => {
    const folder = await requireFolder(folderArg);
    if (!folder) return undefined;
    const result = (await client.sendRequest(ExecuteCommandRequest.type, {
      command: ServerCommands.createPlan,
      arguments: [folder.uri.toString()],
    })) as CreatePlanResult | null;
    if (result?.applied && result.uri) {
      await vscode.window.showTextDocument(vscode.Uri.parse(result.uri), { preview: false });
    }
    return result ?? undefined;
  };
}
