// Port Schema for VS Code: starts the language server (which does all the checking) and adds the
// commands, the language status items, the Port Map view, terminal links for "port in use", and a
// walkthrough. Quiet by default: nothing pops up, nothing is written without the user's say.
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/node';
import { alignCommand } from './commands/align';
import { createPlanCommand } from './commands/createPlan';
import { labelForwardedPortsCommand } from './commands/labelPorts';
import { nextFreePortCommand } from './commands/nextFreePort';
import { copyMapMarkdownCommand, openMapTextCommand, showMapCommand } from './commands/showMap';
import { showSitesCommand } from './commands/showSites';
import { applyWithConsent } from './consent';
import { createLanguageClient, REVIEWED_FIX_COMMAND } from './languageClient';
import { MAP_SCHEME, MapDocuments } from './mapDocument';
import { PortMapView, VIEW_ID } from './portMapView';
import { PortStatus } from './status';
import { portLinksIn, PortTerminalLinks } from './terminalLinks';
import { ClientCommands, StatusNotification } from '../../server/src/lsp/protocol';

let client: LanguageClient | undefined;

/** What the extension hands to its tests (`extension.exports`): the view, the status items and the terminal links as the user gets them. */
export interface PortSchemaApi {
  readonly portMap: PortMapView;
  readonly portMapView: vscode.TreeView<unknown>;
  readonly status: PortStatus;
  readonly terminalLinks: typeof portLinksIn;
}

export async function activate(context: vscode.ExtensionContext): Promise<PortSchemaApi> {
  const output = vscode.window.createOutputChannel('Port Schema');
  const status = new PortStatus();
  const languageClient = createLanguageClient(context, output);
  client = languageClient;
  const portMap = new PortMapView(languageClient);
  const maps = new MapDocuments(languageClient);
  const portMapView = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: portMap, showCollapseAll: true });
  context.subscriptions.push(
    output,
    status,
    portMap,
    maps,
    portMapView,
    vscode.workspace.registerTextDocumentContentProvider(MAP_SCHEME, maps),
    vscode.languages.registerDocumentLinkProvider({ scheme: MAP_SCHEME }, maps),
    vscode.window.registerTerminalLinkProvider(new PortTerminalLinks(languageClient)),
    languageClient.onNotification(StatusNotification, (params) => {
      status.update(params.folders);
      portMap.refresh();
      maps.refresh();
    }),
    vscode.commands.registerCommand(ClientCommands.alignCodeWithPlan, alignCommand(languageClient, 'align-code')),
    vscode.commands.registerCommand(ClientCommands.alignPlanWithCode, alignCommand(languageClient, 'align-plan')),
    vscode.commands.registerCommand(ClientCommands.showSites, showSitesCommand()),
    vscode.commands.registerCommand(REVIEWED_FIX_COMMAND, (edit: vscode.WorkspaceEdit, title: string) =>
      applyWithConsent(edit, { title, changes: describeEdit(edit) })),
    vscode.commands.registerCommand('portSchema.createSchema', createPlanCommand(languageClient)),
    vscode.commands.registerCommand('portSchema.nextFreePort', nextFreePortCommand(languageClient)),
    vscode.commands.registerCommand('portSchema.showMap', showMapCommand()),
    vscode.commands.registerCommand('portSchema.openMapText', openMapTextCommand()),
    vscode.commands.registerCommand('portSchema.copyMapMarkdown', copyMapMarkdownCommand(languageClient)),
    vscode.commands.registerCommand('portSchema.refreshMap', () => portMap.refresh()),
    vscode.commands.registerCommand('portSchema.labelForwardedPorts', labelForwardedPortsCommand(languageClient)),
    vscode.commands.registerCommand('portSchema.restartServer', () => languageClient.restart()),
  );
  await languageClient.start();
  return { portMap, portMapView: portMapView as vscode.TreeView<unknown>, status, terminalLinks: portLinksIn };
}

/** `services/search/app/main.py:43 → 4104` for each change of a quick fix's edit. */
function describeEdit(edit: vscode.WorkspaceEdit): string[] {
  return edit.entries().flatMap(([uri, edits]) => edits.map((e) => `${vscode.workspace.asRelativePath(uri)}:${e.range.start.line + 1} → ${e.newText.trim().slice(0, 48)}`));
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
