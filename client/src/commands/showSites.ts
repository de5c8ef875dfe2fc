// A plan lens's click: the sites of the row's port in the references view (the same answer as
// Shift+F12 there: the plan row, then each run context's binds and references, then the docs).
import * as vscode from 'vscode';

export function showSitesCommand() {
  return async (uri: string | vscode.Uri, position: { line: number; character: number }): Promise<vscode.Location[]> => {
    const target = typeof uri === 'string' ? vscode.Uri.parse(uri) : uri;
    const at = new vscode.Position(position.line, position.character);
    const locations = (await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', target, at)) ?? [];
    await vscode.commands.executeCommand('editor.action.showReferences', target, at, locations);
    return locations;
  };
}
