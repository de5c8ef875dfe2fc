// "Create ports.yaml from This Workspace": the server writes a plan from the ports the code uses (it
// declines, and says so, when the folder already has a plan); the new file is then opened.
import * as vscode from 'vscode';
import { ExecuteCommandRequest, LanguageClient } from 'vscode-languageclient/node';
import { requireFolder } from '../folders';
import { ServerCommand } from '../protocol';

interface CreateSchemaResult {
  applied: boolean;
  uri?: string;
}

export function createSchemaCommand(client: LanguageClient) {
  return async (folderArg?: vscode.Uri | string): Promise<CreateSchemaResult | undefined> => {
    const folder = await requireFolder(folderArg);
    if (!folder) return undefined;
    const result = (await client.sendRequest(ExecuteCommandRequest.type, {
      command: ServerCommand.createSchema,
      arguments: [folder.uri.toString()],
    })) as CreateSchemaResult | null;
    if (result?.applied && result.uri) {
      await vscode.window.showTextDocument(vscode.Uri.parse(result.uri), { preview: false });
    }
    return result ?? undefined;
  };
}
