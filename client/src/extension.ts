// Port Schema for VS Code: starts the language server (which does all the checking) and adds the
// commands, the status bar item and the offer to create a plan.
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/node';
import { alignCommand } from './commands/align';
import { createPlanCommand } from './commands/createPlan';
import { nextFreePortCommand } from './commands/nextFreePort';
import { showMapCommand } from './commands/showMap';
import { createLanguageClient } from './languageClient';
import { ServerCommands, StatusNotification } from '../../server/src/lsp/protocol';
import { PortStatus } from './status';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('Port Schema');
  const status = new PortStatus(context.workspaceState);
  const languageClient = createLanguageClient(context, output);
  client = languageClient;
  context.subscriptions.push(
    output,
    status,
    languageClient.onNotification(StatusNotification, (params) => status.update(params.folders)),
    vscode.commands.registerCommand('portSchema.alignCodeWithPlan',
      alignCommand(languageClient, ServerCommands.alignCodeWithPlan, 'aligning code with the plan')),
    vscode.commands.registerCommand('portSchema.alignPlanWithCode',
      alignCommand(languageClient, ServerCommands.alignPlanWithCode, 'aligning the plan with the code')),
    vscode.commands.registerCommand('portSchema.createSchema', createPlanCommand(languageClient)),
    vscode.commands.registerCommand('portSchema.nextFreePort', nextFreePortCommand(languageClient)),
    vscode.commands.registerCommand('portSchema.showMap', showMapCommand(languageClient)),
    vscode.commands.registerCommand('portSchema.restartServer', () => languageClient.restart()),
  );
  await languageClient.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
