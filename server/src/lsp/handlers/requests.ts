import { ErrorCodes, ResponseError, type CodeAction, type CodeActionContext, type Diagnostic, type Location } from 'vscode-languageserver/node';
import type { CodeActionKind } from '../../engine/api';
import { ACTION_KINDS, diagnosticKey, toCodeAction, toCodeLens, toCompletionItem, toDocumentLink, toHover, toLocation, toWorkspaceEdit } from '../convert';
import type { FolderEngine } from '../folderEngines';
import { answer, locateEnabled, type ServerContext } from './context';

/** The standard LSP requests about a document: each routed to its folder's engine, each answer converted. */
export function registerRequests(ctx: ServerContext): void {
  const { connection, logger } = ctx;
  const locate = (uri: string) => locateEnabled(ctx, uri);

  connection.onHover((p) => answer(logger, 'hover', null, async () => {
    const at = await locate(p.textDocument.uri);
    const hover = at?.folder.engine.hover(at.path, p.position, (path, line) => `${at.folder.uriOf(path)}#L${line + 1}`);
    return hover ? toHover(hover) : null;
  }));

  connection.onCodeAction((p) => answer(logger, 'codeAction', [], async () => {
    const at = await locate(p.textDocument.uri);
    if (!at) return [];
    const text = ctx.textOf(p.textDocument.uri) ?? (await at.folder.workspace.read(at.path))?.text;
    return codeActions(at.folder, at.path, p.range, p.context, text);
  }));

  connection.onCodeLens((p) => answer(logger, 'codeLens', [], async () => {
    const at = await locate(p.textDocument.uri);
    return at ? at.folder.engine.lenses(at.path).map((lens) => toCodeLens(lens, p.textDocument.uri)) : [];
  }));

  connection.onReferences((p) => answer<Location[]>(logger, 'references', [], async () => {
    const at = await locate(p.textDocument.uri);
    const sites = at?.folder.engine.sites(at.path, p.position);
    if (!at || !sites) return [];
    // The plan row is the port's declaration; the groups come in context order (plan, each run context, docs).
    const all = sites.groups.flatMap((g) => g.sites).filter((s) => p.context.includeDeclaration || s.kind !== 'plan');
    return all.map((s) => toLocation(s, (path) => at.folder.uriOf(path)));
  }));

  connection.onDefinition((p) => answer<Location[]>(logger, 'definition', [], async () => {
    const at = await locate(p.textDocument.uri);
    return at ? at.folder.engine.definition(at.path, p.position).map((s) => toLocation(s, (path) => at.folder.uriOf(path))) : [];
  }));

  connection.onDocumentLinks((p) => answer(logger, 'documentLinks', [], async () => {
    const at = await locate(p.textDocument.uri);
    return at ? at.folder.engine.links(at.path).map((l) => toDocumentLink(l, (path) => at.folder.uriOf(path))) : [];
  }));

  connection.onCompletion((p) => answer(logger, 'completion', [], async () => {
    const at = await locate(p.textDocument.uri);
    const text = ctx.textOf(p.textDocument.uri);
    return at && text !== undefined ? at.folder.engine.completions(at.path, text, p.position).map(toCompletionItem) : [];
  }));

  connection.onPrepareRename((p) => answer(logger, 'prepareRename', null, async () => {
    const at = await locate(p.textDocument.uri);
    const spot = at?.folder.engine.renameSpot(at.path, p.position);
    return spot ? { range: spot.range, placeholder: String(spot.port) } : null;
  }));

  connection.onRenameRequest((p) => answer(logger, 'rename', null, async () => {
    const port = Number(p.newName.trim());
    if (!/^\d{1,5}$/.test(p.newName.trim()) || port < 1 || port > 65535) {
      throw new ResponseError(ErrorCodes.InvalidParams, `'${p.newName}' is not a port: give a whole number from 1 to 65535.`);
    }
    const at = await locate(p.textDocument.uri);
    const edit = at?.folder.engine.rename(at.path, p.position, port);
    return at && edit ? toWorkspaceEdit(edit.edits, (path) => at.folder.uriOf(path)) : null;
  }));
}

/**
 * The engine's actions for the cursor range, of the kinds the editor asked for (`context.only`:
 * quick fixes for the lightbulb, `source.fixAll.portSchema` on save), each quick fix tied to the
 * diagnostic it fixes by the diagnostic's `data` (rule and port) and its start.
 */
function codeActions(folder: FolderEngine, path: string, range: Diagnostic['range'], context: CodeActionContext, text: string | undefined): CodeAction[] {
  const uriOf = (p: string) => folder.uriOf(p);
  const ours = context.diagnostics.flatMap((d) => {
    const key = diagnosticKey(d);
    return key ? [{ key, diagnostic: d }] : [];
  });
  const kinds = requestedKinds(context.only);
  // The fixes first, then "Ignore this <rule> here": silencing is the last resort, and only a quick fix.
  const suppressions = text === undefined || (kinds && !kinds.has('quickfix')) ? [] : folder.engine.suppressionFixes(path, text, range);
  return [...folder.engine.codeActions(path, range, kinds), ...suppressions].map((action) => {
    const { finding } = action;
    const fixed = finding ? ours.filter(({ key }) => key.rule === finding.rule && key.port === finding.port && key.range.start.line === finding.range.start.line && key.range.start.character === finding.range.start.character) : [];
    return toCodeAction(action, fixed.map((o) => o.diagnostic), uriOf, folder.uri);
  });
}

/** The engine kinds an `only` list asks for: a requested kind covers the kinds below it (`source` covers `source.fixAll.portSchema`). */
function requestedKinds(only: readonly string[] | undefined): ReadonlySet<CodeActionKind> | undefined {
  if (!only) return undefined;
  const kinds = Object.entries(ACTION_KINDS) as [CodeActionKind, string][];
  return new Set(kinds.filter(([, lsp]) => only.some((k) => k === '' || lsp === k || lsp.startsWith(`${k}.`))).map(([kind]) => kind));
}
