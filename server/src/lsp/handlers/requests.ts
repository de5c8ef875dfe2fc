import { ErrorCodes, ResponseError, type CodeAction, type Diagnostic } from 'vscode-languageserver/node';
import { diagnosticKey, toCodeAction, toCodeLens, toHover, toWorkspaceEdit } from '../convert';
import type { FolderEngine } from '../folderEngines';
import { MapRequest, NextFreeRequest, RangesRequest, type MapResult, type NextFreeResult, type RangesResult } from '../protocol';
import { answer, targetFolders, type ServerContext } from './context';

/** The requests a client sends about a document or a folder: each routed to its folder's engine, each answer converted. */
export function registerRequests(ctx: ServerContext): void {
  const { connection, logger } = ctx;
  const locate = async (uri: string) => {
    await ctx.ready();
    return ctx.folders.locate(uri);
  };

  connection.onHover((p) => answer(logger, 'hover', null, async () => {
    const at = await locate(p.textDocument.uri);
    const hover = at?.folder.engine.hover(at.path, p.position, (path, line) => `${at.folder.uriOf(path)}#L${line + 1}`);
    return hover ? toHover(hover) : null;
  }));

  connection.onCodeAction((p) => answer(logger, 'codeAction', [], async () => {
    const at = await locate(p.textDocument.uri);
    if (!at) return [];
    const text = ctx.documentText(p.textDocument.uri) ?? (await at.folder.workspace.read(at.path))?.text;
    return codeActions(at.folder, at.path, p.range, p.context.diagnostics, text);
  }));

  connection.onCodeLens((p) => answer(logger, 'codeLens', [], async () => {
    const at = await locate(p.textDocument.uri);
    return at ? at.folder.engine.lenses(at.path).map(toCodeLens) : [];
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

  connection.onRequest(MapRequest, (p) => answer<MapResult>(logger, 'map', { folders: [] }, async () => {
    await ctx.ready();
    return { folders: targetFolders(ctx, p.folderUri).map((f) => ({ uri: f.uri, text: f.engine.mapText(), json: f.engine.map() })) };
  }));

  connection.onRequest(NextFreeRequest, (p) => answer<NextFreeResult>(logger, 'nextFree', { ports: [] }, async () => {
    await ctx.ready();
    const folder = targetFolders(ctx, p.folderUri)[0];
    if (!folder) return { ports: [], error: 'No workspace folder is open.' };
    const free = folder.engine.nextFree(p.range, Math.max(1, p.count ?? 1));
    const range = free.window && { name: free.window.name, start: free.window.start, end: free.window.end };
    return { ports: free.ports, ...(range ? { range } : {}), ...(free.error !== undefined ? { error: free.error } : {}) };
  }));

  connection.onRequest(RangesRequest, (p) => answer<RangesResult>(logger, 'ranges', { ranges: [] }, async () => {
    await ctx.ready();
    const folder = targetFolders(ctx, p.folderUri)[0];
    return { ranges: folder ? [...folder.engine.map().ranges] : [] };
  }));
}

/**
 * The engine's actions for the cursor range, each quick fix tied to the diagnostic it fixes by the
 * diagnostic's `data` (rule and port) and its start.
 */
function codeActions(folder: FolderEngine, path: string, range: Diagnostic['range'], diagnostics: readonly Diagnostic[], text: string | undefined): CodeAction[] {
  const uriOf = (p: string) => folder.uriOf(p);
  const ours = diagnostics.flatMap((d) => {
    const key = diagnosticKey(d);
    return key ? [{ key, diagnostic: d }] : [];
  });
  // The fixes first, then "Ignore this <rule> here": silencing is the last resort.
  const actions = [...folder.engine.codeActions(path, range), ...(text === undefined ? [] : folder.engine.suppressionFixes(path, text, range))];
  return actions.map((action) => {
    const { finding } = action;
    const fixed = finding ? ours.filter(({ key }) => key.rule === finding.rule && key.port === finding.port && key.range.start.line === finding.range.start.line && key.range.start.character === finding.range.start.character) : [];
    return toCodeAction(action, fixed.map((o) => o.diagnostic), uriOf);
  });
}
