import { ErrorCodes, ResponseError } from 'vscode-languageserver/node';
import type { ReconcileDirection } from '../../engine/api';
import { toAnnotatedEdit, toCreateFileEdit } from '../convert';
import { ClientCommands, ServerCommands, type AlignResult, type CreatePlanResult } from '../protocol';
import { answer, targetFolders, type ServerContext } from './context';

/**
 * `workspace/executeCommand`: the align commands and "Create ports.yaml", each applied through
 * `workspace/applyEdit`. The align code actions name the VS Code client's commands (which ask
 * first); an editor without them sends them here, where they run as the server's own.
 */
export function registerCommands(ctx: ServerContext): void {
  ctx.connection.onExecuteCommand((p) => answer<unknown>(ctx.logger, 'executeCommand', null, async () => {
    await ctx.ready();
    const args = p.arguments ?? [];
    const folderUri = typeof args[0] === 'string' ? args[0] : undefined;
    switch (p.command) {
      case ServerCommands.alignCodeWithPlan:
      case ClientCommands.alignCodeWithPlan:
        return applyReconciliation(ctx, folderUri, 'align-code');
      case ServerCommands.alignPlanWithCode:
      case ClientCommands.alignPlanWithCode:
        return applyReconciliation(ctx, folderUri, 'align-plan');
      case ServerCommands.createPlan:
        return createPlan(ctx, folderUri);
      default:
        throw new ResponseError(ErrorCodes.InvalidParams, `Unknown command ${p.command}`);
    }
  }));
}

async function applyReconciliation(ctx: ServerContext, folderUri: string | undefined, direction: ReconcileDirection): Promise<AlignResult> {
  let applied = true;
  let count = 0;
  const unresolved: string[] = [];
  for (const folder of targetFolders(ctx, folderUri)) {
    const result = folder.engine.reconcile(direction);
    unresolved.push(...result.unresolved);
    if (result.edits.length === 0) continue;
    count += result.edits.length;
    const edit = toAnnotatedEdit(result.edits, result.title, (p) => folder.uriOf(p));
    const response = await ctx.connection.workspace.applyEdit({ label: result.title, edit });
    applied &&= response.applied;
  }
  if (unresolved.length) void ctx.connection.window.showWarningMessage(`Port Schema: ${unresolved.length} item(s) left for you: ${unresolved.join(' ')}`);
  return { applied: applied && count > 0, edits: count, unresolved };
}

async function createPlan(ctx: ServerContext, folderUri: string | undefined): Promise<CreatePlanResult> {
  const folder = targetFolders(ctx, folderUri)[0];
  if (!folder) return { applied: false };
  const planFiles = folder.engine.planFiles();
  if (planFiles.length) {
    void ctx.connection.window.showInformationMessage(`Port Schema: this folder already has a plan (${planFiles.join(', ')}).`);
    return { applied: false };
  }
  const uri = folder.uriOf('ports.yaml');
  const response = await ctx.connection.workspace.applyEdit({ label: 'Create ports.yaml', edit: toCreateFileEdit(uri, folder.engine.createPlan()) });
  return { applied: response.applied, uri };
}
