// "Show Port Map": the same text map as `port-schema map`, in an untitled document.
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/node';
import { targetFolder } from '../folders';
import { MapRequest } from '../../../server/src/lsp/protocol';

export function showMapCommand(client: LanguageClient) {
  return async (folderArg?: vscode.Uri | string): Promise<vscode.TextDocument> => {
    // Without an explicit folder, a multi-root workspace gets every folder's map.
    const folder = folderArg ? await targetFolder(folderArg) : undefined;
    const { folders } = await client.sendRequest(MapRequest, { folderUri: folder?.uri.toString() });
    const content = folders.length === 0
      ? 'No workspace folder to map: open a folder first.\n'
      : folders.map((f) => (folders.length > 1 ? `${folderName(f.uri)}\n${f.text}` : f.text)).join('\n');
    const document = await vscode.workspace.openTextDocument({ language: 'plaintext', content });
    await vscode.window.showTextDocument(document, { preview: false });
    return document;
  };
}

function folderName(uri: string): string {
  return vscode.workspace.getWorkspaceFolder(vscode.Uri.parse(uri))?.name ?? uri;
}
