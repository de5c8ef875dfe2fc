// Which workspace folder a command acts on.
import * as vscode from 'vscode';

/**
 * The folder a command targets: the one given (by URI, for key bindings and tests), else the only one,
 * else the active editor's, else the user's pick. Undefined when there is none or the pick was cancelled.
 */
export async function targetFolder(given?: vscode.Uri | string): Promise<vscode.WorkspaceFolder | undefined> {
  if (given) {
    const uri = typeof given === 'string' ? vscode.Uri.parse(given) : given;
    return vscode.workspace.getWorkspaceFolder(uri);
  }
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length <= 1) return folders[0];
  const active = vscode.window.activeTextEditor?.document.uri;
  const activeFolder = active && vscode.workspace.getWorkspaceFolder(active);
  return activeFolder ?? vscode.window.showWorkspaceFolderPick({ placeHolder: 'Port Schema: which workspace folder?' });
}

/** Same as targetFolder, but tells the user when there is no folder to act on. */
export async function requireFolder(given?: vscode.Uri | string): Promise<vscode.WorkspaceFolder | undefined> {
  const folder = await targetFolder(given);
  if (!folder && !vscode.workspace.workspaceFolders?.length) {
    void vscode.window.showWarningMessage('Port Schema works on a workspace folder: open a folder first (File > Open Folder).');
  }
  return folder;
}
