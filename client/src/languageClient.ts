// Starts the bundled language server over stdio and wires VS Code's settings and file events to it.
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';

export const CONFIG_SECTION = 'portSchema';
/** Runs a quick fix whose edit spans files only once the user has seen it (`consent.ts`). */
export const REVIEWED_FIX_COMMAND = 'portSchema.applyReviewedFix';

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
      // Undefined without a workspace: then nothing is cached.
      storagePath: context.storageUri?.fsPath,
    },
    outputChannel: output,
    middleware: {
      // VS Code saves every file a multi-file quick fix touches (files.refactoring.autoSave): such a fix
      // asks first instead, and its edit lands unsaved. A fix within one file applies as it is.
      async provideCodeActions(document, range, ctx, token, next) {
        const actions = await next(document, range, ctx, token);
        return actions?.map((action) => (action instanceof vscode.CodeAction ? reviewedIfMultiFile(action) : action));
      },
    },
  };
  return new LanguageClient(CONFIG_SECTION, 'Port Schema', serverOptions, clientOptions);
}

function reviewedIfMultiFile(action: vscode.CodeAction): vscode.CodeAction {
  if (!action.edit || action.edit.entries().length <= 1) return action;
  action.command = { title: action.title, command: REVIEWED_FIX_COMMAND, arguments: [action.edit, action.title] };
  action.edit = undefined;
  return action;
}
