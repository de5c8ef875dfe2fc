import { TextDocument } from 'vscode-languageserver-textdocument';
import { describeLive, type PortTree, type ServiceNode, type TextEdit } from '../../engine/api';
import { toAnnotatedEdit, toWorkspaceEdit, type UriOf } from '../convert';
import type { FolderEngine } from '../folderEngines';
import {
  ForwardedLabelsRequest,
  MapRequest,
  MarkdownMapRequest,
  NextFreeRequest,
  PlanDraftRequest,
  PortInfoRequest,
  RangesRequest,
  ReconcileRequest,
  TreeRequest,
  type FolderTree,
  type ForwardedLabelsResult,
  type MapResult,
  type MarkdownMapResult,
  type NextFreeResult,
  type PlanDraftResult,
  type PortInfoResult,
  type RangesResult,
  type ReconcilePreview,
  type TreeResult,
  type TreeService,
} from '../protocol';
import { answer, targetFolders, type ServerContext } from './context';

/** Where a dev container config may be, in the order the Dev Containers extension looks. */
const DEVCONTAINER_FILES = ['.devcontainer/devcontainer.json', '.devcontainer.json'];
/** Changes listed one by one in a confirmation before "and N more". */
const CHANGES_LISTED = 12;

/** The custom requests the VS Code client sends about a folder: the map, free ports, the tree, previews of edits. */
export function registerFolderRequests(ctx: ServerContext): void {
  const { connection, logger } = ctx;
  const firstFolder = async (folderUri: string | undefined) => {
    await ctx.ready();
    return targetFolders(ctx, folderUri)[0];
  };

  connection.onRequest(MapRequest, (p) => answer<MapResult>(logger, 'map', { folders: [] }, async () => {
    await ctx.ready();
    return { folders: targetFolders(ctx, p.folderUri).map((f) => ({ uri: f.uri, text: f.engine.mapText(), json: f.engine.map() })) };
  }));

  connection.onRequest(NextFreeRequest, (p) => answer<NextFreeResult>(logger, 'nextFree', { ports: [] }, async () => {
    const folder = await firstFolder(p.folderUri);
    if (!folder) return { ports: [], error: 'No workspace folder is open.' };
    const free = folder.engine.nextFree(p.range, Math.max(1, p.count ?? 1));
    const range = free.window && { name: free.window.name, start: free.window.start, end: free.window.end };
    return { ports: free.ports, ...(range ? { range } : {}), ...(free.error !== undefined ? { error: free.error } : {}) };
  }));

  connection.onRequest(RangesRequest, (p) => answer<RangesResult>(logger, 'ranges', { ranges: [] }, async () => {
    const folder = await firstFolder(p.folderUri);
    return { ranges: folder ? [...folder.engine.map().ranges] : [] };
  }));

  connection.onRequest(TreeRequest, (p) => answer<TreeResult>(logger, 'tree', { folders: [] }, async () => {
    await ctx.ready();
    return { folders: targetFolders(ctx, p.folderUri).map((f) => toFolderTree(f, f.engine.tree())) };
  }));

  connection.onRequest(MarkdownMapRequest, (p) => answer<MarkdownMapResult>(logger, 'mapMarkdown', { markdown: '' }, async () => {
    await ctx.ready();
    const folders = targetFolders(ctx, p.folderUri);
    return { markdown: folders.map((f) => (folders.length > 1 ? `## ${f.uri}\n\n${f.engine.treeMarkdown()}` : f.engine.treeMarkdown())).join('\n') };
  }));

  connection.onRequest(ReconcileRequest, (p) => answer<ReconcilePreview>(logger, 'reconcile', { title: '', changes: [], files: 0, unresolved: [] }, async () => {
    const folder = await firstFolder(p.folderUri);
    if (!folder) return { title: '', changes: [], files: 0, unresolved: ['No workspace folder is open.'] };
    const result = folder.engine.reconcile(p.direction);
    const uriOf = (path: string) => folder.uriOf(path);
    return {
      title: result.title,
      ...(result.edits.length ? { edit: toAnnotatedEdit(result.edits, result.title, uriOf) } : {}),
      changes: await describeChanges(ctx, folder, result.edits),
      files: new Set(result.edits.map((e) => e.path)).size,
      unresolved: result.unresolved,
    };
  }));

  connection.onRequest(PlanDraftRequest, (p) => answer<PlanDraftResult>(logger, 'planDraft', { existing: [] }, async () => {
    const folder = await firstFolder(p.folderUri);
    if (!folder) return { existing: [] };
    const existing = folder.engine.planFiles();
    return existing.length ? { existing } : { existing, uri: folder.uriOf('ports.yaml'), text: folder.engine.createPlan() };
  }));

  connection.onRequest(PortInfoRequest, (p) => answer<PortInfoResult>(logger, 'portInfo', { port: p.port, listeners: [], plannedFor: [], live: [] }, async () => {
    await ctx.ready();
    const result: { -readonly [K in keyof PortInfoResult]: PortInfoResult[K] } = { port: p.port, listeners: [], plannedFor: [], live: [] };
    for (const folder of targetFolders(ctx, undefined)) {
      const info = folder.engine.portInfo(p.port);
      const uriOf = (path: string) => folder.uriOf(path);
      result.listeners = [...result.listeners, ...info.listeners.map((l) => ({ owner: l.owner, context: l.context, uri: uriOf(l.file), range: l.range }))];
      result.plannedFor = [...result.plannedFor, ...info.plannedFor.map((s) => ({ service: s.service, uri: uriOf(s.file), range: s.range }))];
      result.nextFree ??= info.nextFree;
      result.live = [...new Set([...result.live, ...info.live.map(describeLive)])];
    }
    return result;
  }));

  connection.onRequest(ForwardedLabelsRequest, (p) => answer<ForwardedLabelsResult>(logger, 'forwardedPortLabels', { labelled: [], skipped: [] }, async () => {
    const folder = await firstFolder(p.folderUri);
    if (!folder) return { labelled: [], skipped: [], error: 'No workspace folder is open.' };
    const found = await devcontainerOf(ctx, folder);
    if (!found) {
      return { labelled: [], skipped: [], error: `No dev container config in ${folder.root}: add .devcontainer/devcontainer.json first (Dev Containers: Add Dev Container Configuration Files…).` };
    }
    const result = folder.engine.forwardedPortLabels(found.path, found.text);
    const uri = folder.uriOf(found.path);
    return { uri, labelled: result.labelled, skipped: result.skipped, ...(result.edits.length ? { edit: toWorkspaceEdit(result.edits, (path) => folder.uriOf(path)) } : {}) };
  }));
}

/** The folder's dev container config and its current text (the open editor's, else the disk's). */
async function devcontainerOf(ctx: ServerContext, folder: FolderEngine): Promise<{ path: string; text: string } | undefined> {
  for (const path of DEVCONTAINER_FILES) {
    const open = ctx.textOf(folder.uriOf(path));
    if (open !== undefined) return { path, text: open };
    const file = await folder.workspace.read(path);
    if (file) return { path, text: file.text };
  }
  return undefined;
}

/**
 * `services/billing/main.go:54: 4105 → 4102`, one line per edit, for a confirmation the user reads
 * before applying: what is written there now (the open editor's text, else the disk's) and what comes.
 */
async function describeChanges(ctx: ServerContext, folder: FolderEngine, edits: readonly TextEdit[]): Promise<string[]> {
  const texts = new Map<string, TextDocument | undefined>();
  const lines: string[] = [];
  for (const e of edits.slice(0, CHANGES_LISTED)) {
    if (!texts.has(e.path)) {
      const uri = folder.uriOf(e.path);
      const text = ctx.textOf(uri) ?? (await folder.workspace.read(e.path))?.text;
      texts.set(e.path, text === undefined ? undefined : TextDocument.create(uri, '', 0, text));
    }
    const before = shorten(texts.get(e.path)?.getText(e.range) ?? '');
    lines.push(`${e.path}:${e.range.start.line + 1}: ${before ? `${before} → ` : ''}${shorten(e.newText)}`);
  }
  if (edits.length > CHANGES_LISTED) lines.push(`… and ${edits.length - CHANGES_LISTED} more`);
  return lines;
}

function shorten(text: string): string {
  const flat = text.trim().replace(/\s+/g, ' ');
  return flat.length > 48 ? `${flat.slice(0, 47)}…` : flat;
}

function toFolderTree(folder: FolderEngine, tree: PortTree): FolderTree {
  const uriOf: UriOf = (path) => folder.uriOf(path);
  return {
    uri: folder.uri,
    planFiles: tree.planFiles,
    ranges: tree.ranges.map((r) => ({ ...r, location: { uri: uriOf(r.location.file), range: r.location.range }, services: r.services.map((s) => toTreeService(s, uriOf)) })),
    outside: tree.outside.map((s) => toTreeService(s, uriOf)),
  };
}

function toTreeService(service: ServiceNode, uriOf: UriOf): TreeService {
  return { ...service, ports: service.ports.map((p) => ({ ...p, sites: p.sites.map((s) => ({ uri: uriOf(s.file), range: s.range, kind: s.kind, context: s.context })) })) };
}
