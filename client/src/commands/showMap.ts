// "Show Port Map" opens the Port Map view; "Open Port Map as Text" the text map (`port-schema map`)
// as a read-only document whose locations open; "Copy as Markdown" the plan-vs-reality table.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { targetFolder } from '../folders';
import { MapDocuments } from '../mapDocument';
import { VIEW_ID } from '../portMapView';
import { MarkdownMapRequest } from '../../../server/src/lsp/protocol';

export function showMapCommand() {
  return async (): Promise<void> => {
    await vscode.commands.executeCommand(`${VIEW_ID}.focus`);
  };
}

export function openMapTextCommand() {
  return async (folderArg?: vscode.Uri | string): Promise<vscode.TextDocument | undefined> => {
    const folder = await targetFolder(folderArg);
    if (!folder) return undefined;
    const document = await vscode.workspace.openTextDocument(MapDocuments.uriFor(folder));
    await vscode.window.showTextDocument(document, { preview: false });
    return document;
  };
}

export function copyMapMarkdownCommand(client: LanguageClient) {
  return async (): Promise<string> => {
    const { markdown } = await client.sendRequest(MarkdownMapRequest, {});
    await vscode.env.clipboard.writeText(markdown);
    void vscode.window.setStatusBarMessage('Port Schema: the port map is on the clipboard as Markdown', 4000);
    return markdown;
  };
}
