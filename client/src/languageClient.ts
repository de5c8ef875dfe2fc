// Starts the bundled language server over stdio and wires VS Code's settings and file events to it.
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';

export const CONFIG_SECTION = 'portSchema';

export function createLanguageClient(context: vscode.ExtensionContext, output: vscode.OutputChannel): LanguageClient {
  const module = context.asAbsolutePath('server/out/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.stdio },
    debug: { module, transport: TransportKind.stdio, options: { execArgv: ['--nolazy', '--inspect=6039'] } },
  };
  const watcher = vscode.workspace.createFileSystemWatcher('**/*');
  context.subscriptions.push(watcher);
  const clientOptions: LanguageClientOptions = {
    // Ports are everywhere: the server decides which files it reads.
    documentSelector: [{ scheme: 'file' }],
    synchronize: { fileEvents: watcher, configurationSection: CONFIG_SECTION },
    initializationOptions: {
      diagnosticDelay: vscode.workspace.getConfiguration(CONFIG_SECTION).get<number>('diagnosticDelay', 200),
    },
    outputChannel: output,
  };
  return new LanguageClient(CONFIG_SECTION, 'Port Schema', serverOptions, clientOptions);
}
