import {
  CodeActionKind,
  ResponseError,
  ErrorCodes,
  TextDocumentSyncKind,
  FileChangeType,
  type CodeAction as LspCodeAction,
  type Connection,
  type Diagnostic,
  type InitializeParams,
  type InitializeResult,
  type WorkspaceEdit,
  type WorkspaceFolder,
} from 'vscode-languageserver/node';
import { TextDocuments } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { nextFreePorts, resolveWindow } from '../engine/allocate/nextFree';
import { noopToken, type ILogger } from '../engine/host';
import { containsPosition } from '../engine/text';
import { codeActionsAt } from '../engine/features/codeActions';
import { renameTarget, renumberAt } from '../engine/features/rename';
import { createSchemaText } from '../engine/features/createSchema';
import { hoverAt } from '../engine/features/hover';
import { planLenses } from '../engine/features/planLenses';
import { buildPortMap, formatPortMap } from '../engine/features/portMap';
import { alignCodeWithPlan, alignPlanWithCode, type Reconciliation } from '../engine/features/reconcile';
import { usedPorts } from '../engine/features/usedPorts';
import { isSkippedDirectory } from '../node/skipRules';
import { toDiagnostic, toWorkspaceEdit } from './convert';
import { FolderEngine, FolderEngines } from './folderEngines';
import { MapRequest, NextFreeRequest, RangesRequest, ServerCommands, StatusNotification, type InitializationOptions, type MapParams, type MapResult, type NextFreeParams, type NextFreeResult, type RangesParams, type RangesResult, type StatusParams } from './protocol';
import { parseSettings, type ClientSettings, type FolderSettings } from './settings';

/**
 * Wires LSP to the engine and nothing more: every request is routed to the folder's engine, every
 * answer converted; a failing handler logs and answers empty, so one bad file never stops the server.
 */
export class PortSchemaServer {
  readonly #documents = new TextDocuments(TextDocument);
  readonly #folders = new FolderEngines();
  readonly #settings = new Map<string, FolderSettings>();
  readonly #published = new Map<string, string>();
  #diagnosticDelay = 200;
  #timer: NodeJS.Timeout | undefined;
  #hasConfiguration = false;
  #canRefreshLenses = false;
  #ready: Promise<void> = Promise.resolve();
  #editCounter = 0;

  constructor(readonly connection: Connection, readonly logger: ILogger) {
    connection.onInitialize((p) => this.#initialize(p));
    connection.onInitialized(() => this.#guard('initialized', () => this.#start()));
    this.#documents.onDidChangeContent((e) => this.#guard('change', () => this.#updateFromDocument(e.document)));
    this.#documents.onDidClose((e) => this.#guard('close', () => this.#reloadFromDisk(e.document.uri)));
    connection.onDidChangeWatchedFiles((p) => this.#guard('watched files', () => this.#onWatchedFiles(p.changes)));
    connection.onDidChangeConfiguration(() => this.#guard('configuration', () => this.#reloadSettings()));
    connection.onHover((p) => this.#request('hover', null, async () => {
      await this.#ready;
      const at = this.#folders.locate(p.textDocument.uri);
      if (!at) return null;
      const hover = hoverAt(at.folder.engine, at.path, p.position, (path, line) => `${at.folder.uriOf(path)}#L${line + 1}`);
      return hover ? { range: hover.range, contents: { kind: 'markdown', value: hover.markdown } } : null;
    }));
    connection.onCodeAction((p) => this.#request('codeAction', [], async () => {
      await this.#ready;
      const at = this.#folders.locate(p.textDocument.uri);
      if (!at) return [];
      return this.#codeActions(at.folder, at.path, p.range, p.context.diagnostics);
    }));
    connection.onCodeLens((p) => this.#request('codeLens', [], async () => {
      await this.#ready;
      const at = this.#folders.locate(p.textDocument.uri);
      if (!at) return [];
      // A title-only command: the lens informs, it has nothing to run.
      return planLenses(at.folder.engine.analysis(), at.path).map((l) => ({ range: l.range, command: { title: l.title, command: '' } }));
    }));
    connection.onPrepareRename((p) => this.#request('prepareRename', null, async () => {
      await this.#ready;
      const at = this.#folders.locate(p.textDocument.uri);
      const target = at && renameTarget(at.folder.engine, at.path, p.position);
      return target ? { range: target.range, placeholder: String(target.port) } : null;
    }));
    connection.onRenameRequest((p) => this.#request('rename', null, async () => {
      await this.#ready;
      const port = Number(p.newName.trim());
      if (!/^\d{1,5}$/.test(p.newName.trim()) || port < 1 || port > 65535) {
        throw new ResponseError(ErrorCodes.InvalidParams, `'${p.newName}' is not a port: give a whole number from 1 to 65535.`);
      }
      const at = this.#folders.locate(p.textDocument.uri);
      if (!at) return null;
      const edit = renumberAt(at.folder.engine, at.path, p.position, port);
      return edit ? toWorkspaceEdit(edit.edits, (path) => at.folder.uriOf(path)) : null;
    }));
    connection.onExecuteCommand((p) => this.#request('executeCommand', null, () => this.#executeCommand(p.command, p.arguments ?? [])));
    connection.onRequest(MapRequest, (p: MapParams) => this.#request<MapResult>('map', { folders: [] }, async () => {
      await this.#ready;
      return {
        folders: this.#targetFolders(p.folderUri).map((f) => {
          const map = buildPortMap(f.engine.analysis());
          return { uri: f.uri, text: formatPortMap(map, f.engine.index.selectedSchemaFiles()), json: map };
        }),
      };
    }));
    connection.onRequest(NextFreeRequest, (p: NextFreeParams) => this.#request<NextFreeResult>('nextFree', { ports: [] }, async () => {
      await this.#ready;
      const folder = this.#targetFolders(p.folderUri)[0];
      if (!folder) return { ports: [], error: 'No workspace folder is open.' };
      const analysis = folder.engine.analysis();
      const window = resolveWindow(analysis.schema, p.range);
      if (typeof window === 'string') return { ports: [], error: window };
      const ports = nextFreePorts(window, analysis.schema, usedPorts(analysis), Math.max(1, p.count ?? 1));
      return { ports, range: { name: window.name, start: window.start, end: window.end }, ...(ports.length ? {} : { error: `No ${p.count ?? 1} free contiguous port(s) left in ${window.name}.` }) };
    }));
    connection.onRequest(RangesRequest, (p: RangesParams) => this.#request<RangesResult>('ranges', { ranges: [] }, async () => {
      await this.#ready;
      const folder = this.#targetFolders(p.folderUri)[0];
      return { ranges: folder ? [...buildPortMap(folder.engine.analysis()).ranges] : [] };
    }));
    this.#documents.listen(connection);
  }

  #initialize(params: InitializeParams): InitializeResult {
    const options = (params.initializationOptions ?? {}) as InitializationOptions;
    if (typeof options.diagnosticDelay === 'number' && options.diagnosticDelay >= 0) this.#diagnosticDelay = options.diagnosticDelay;
    this.#hasConfiguration = Boolean(params.capabilities.workspace?.configuration);
    this.#canRefreshLenses = Boolean(params.capabilities.workspace?.codeLens?.refreshSupport);
    const folders: WorkspaceFolder[] = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: 'root' }] : []);
    for (const f of folders) this.#folders.add(new FolderEngine(f.uri, parseSettings(undefined), this.logger));
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite] },
        renameProvider: { prepareProvider: true },
        codeLensProvider: { resolveProvider: false },
        executeCommandProvider: { commands: Object.values(ServerCommands) },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'port-schema' },
    };
  }

  async #start(): Promise<void> {
    if (this.#hasConfiguration) {
      this.connection.workspace.onDidChangeWorkspaceFolders((e) => this.#guard('folders', async () => {
        for (const f of e.removed) {
          const gone = this.#folders.remove(f.uri);
          if (gone) this.#clearDiagnostics(gone);
        }
        for (const f of e.added) this.#folders.add(new FolderEngine(f.uri, parseSettings(undefined), this.logger));
        await this.#reloadSettings();
      }));
    }
    await this.#reloadSettings();
  }

  /** Pulls each folder's settings, re-indexes what needs it (with progress), then re-checks. */
  async #reloadSettings(): Promise<void> {
    const run = async () => {
      const stale: FolderEngine[] = [];
      for (const folder of this.#folders.all) {
        const raw = this.#hasConfiguration ? ((await this.connection.workspace.getConfiguration({ scopeUri: folder.uri, section: 'portSchema' })) as ClientSettings) : undefined;
        const settings = parseSettings(raw);
        const previous = this.#settings.get(folder.uri);
        this.#settings.set(folder.uri, settings);
        if (folder.applySettings(settings, previous) || !previous) stale.push(folder);
      }
      if (stale.length) await this.#indexFolders(stale);
      for (const doc of this.#documents.all()) this.#updateFromDocument(doc, false);
      this.#publishNow();
    };
    this.#ready = this.#ready.then(run, run);
    await this.#ready;
  }

  async #indexFolders(folders: FolderEngine[]): Promise<void> {
    const progress = await this.connection.window.createWorkDoneProgress().catch(() => undefined);
    progress?.begin('Port Schema', 0, 'indexing ports', false);
    const started = Date.now();
    for (const folder of folders) {
      await folder.index(noopToken, (done, total) => progress?.report(Math.round((done / Math.max(1, total)) * 100), `${done}/${total} files`));
      this.logger.log('info', `indexed ${folder.root}: ${folder.engine.index.paths.length} files, plan: ${folder.engine.index.selectedSchemaFiles().join(', ') || 'none'} (${Date.now() - started} ms)`);
    }
    progress?.done();
  }

  #updateFromDocument(doc: TextDocument, schedule = true): void {
    const at = this.#folders.locate(doc.uri);
    if (!at || !this.#wanted(at.folder, at.path)) return;
    at.folder.engine.updateFile(at.path, ++this.#editCounter, doc.getText());
    if (schedule) this.#schedulePublish();
  }

  /** An open editor may show a file the walk skipped (ignored, too big); index it only where the walk would. */
  #wanted(folder: FolderEngine, path: string): boolean {
    return folder.engine.index.has(path) || !path.split('/').slice(0, -1).some(isSkippedDirectory);
  }

  async #reloadFromDisk(uri: string): Promise<void> {
    const at = this.#folders.locate(uri);
    if (!at) return;
    const file = await at.folder.engine.workspace.read(at.path);
    if (file) at.folder.engine.updateFile(at.path, ++this.#editCounter, file.text);
    else at.folder.engine.removeFile(at.path);
    this.#schedulePublish();
  }

  async #onWatchedFiles(changes: readonly { uri: string; type: number }[]): Promise<void> {
    await this.#ready;
    for (const change of changes) {
      const at = this.#folders.locate(change.uri);
      if (!at || this.#documents.get(change.uri)) continue; // the open buffer is the truth
      if (change.type === FileChangeType.Deleted) {
        at.folder.engine.removeFile(at.path);
        continue;
      }
      if (!this.#wanted(at.folder, at.path)) continue;
      const file = await at.folder.engine.workspace.read(at.path);
      if (file) at.folder.engine.updateFile(at.path, ++this.#editCounter, file.text);
    }
    this.#schedulePublish();
  }

  #schedulePublish(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#guard('publish', () => this.#publishNow()), this.#diagnosticDelay);
  }

  /** Publishes every file whose diagnostics changed, including files that no longer have any. */
  #publishNow(): void {
    this.#timer = undefined;
    const status: StatusParams['folders'] = [];
    const fresh = new Map<string, Diagnostic[]>();
    for (const folder of this.#folders.all) {
      const uriOf = (path: string) => folder.uriOf(path);
      const findings = folder.engine.findings();
      for (const f of findings) {
        const uri = uriOf(f.file);
        const list = fresh.get(uri);
        if (list) list.push(toDiagnostic(f, uriOf));
        else fresh.set(uri, [toDiagnostic(f, uriOf)]);
      }
      status.push({ uri: folder.uri, schemaFiles: folder.engine.index.selectedSchemaFiles(), findings: findings.length, services: folder.engine.index.schema?.services.length ?? 0 });
    }
    for (const uri of this.#published.keys()) if (!fresh.has(uri)) fresh.set(uri, []);
    let changed = false;
    for (const [uri, diagnostics] of fresh) {
      const key = JSON.stringify(diagnostics);
      if (this.#published.get(uri) === key) continue;
      changed = true;
      if (diagnostics.length) this.#published.set(uri, key);
      else this.#published.delete(uri);
      void this.connection.sendDiagnostics({ uri, diagnostics });
    }
    // Plan lenses say what the code binds: when findings move, so do they.
    if (changed && this.#canRefreshLenses) void this.connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
    void this.connection.sendNotification(StatusNotification, { folders: status } satisfies StatusParams);
  }

  #clearDiagnostics(folder: FolderEngine): void {
    for (const uri of [...this.#published.keys()]) {
      if (folder.pathOf(uri) === undefined) continue;
      this.#published.delete(uri);
      void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    }
  }

  #codeActions(folder: FolderEngine, path: string, range: { start: { line: number; character: number }; end: { line: number; character: number } }, diagnostics: readonly Diagnostic[]): LspCodeAction[] {
    const uriOf = (p: string) => folder.uriOf(p);
    const actions: LspCodeAction[] = codeActionsAt(folder.engine, path, range).map((a) => ({
      title: a.title,
      kind: CodeActionKind.QuickFix,
      isPreferred: a.preferred,
      diagnostics: a.finding ? diagnostics.filter((d) => d.code === a.finding!.rule && d.range.start.line === a.finding!.range.start.line && d.range.start.character === a.finding!.range.start.character) : undefined,
      edit: toWorkspaceEdit(a.edits, uriOf),
    }));
    const drifting = folder.engine.findingsIn(path).some((f) => f.rule === 'drift' && containsPosition(f.range, range.start));
    if (drifting) {
      // The edit travels with the action, so the editor's lightbulb menu can preview it before applying.
      for (const reconcile of [alignCodeWithPlan, alignPlanWithCode]) {
        const result = reconcile(folder.engine);
        if (result.edits.length) actions.push({ title: `${result.title} (all services)`, kind: CodeActionKind.RefactorRewrite, edit: annotated(toWorkspaceEdit(result.edits, uriOf), result.title) });
      }
    }
    return actions;
  }

  async #executeCommand(command: string, args: unknown[]): Promise<unknown> {
    await this.#ready;
    const folderUri = typeof args[0] === 'string' ? args[0] : undefined;
    switch (command) {
      case ServerCommands.alignCodeWithPlan:
        return this.#applyReconciliation(folderUri, alignCodeWithPlan);
      case ServerCommands.alignPlanWithCode:
        return this.#applyReconciliation(folderUri, alignPlanWithCode);
      case ServerCommands.createSchema:
        return this.#createSchema(folderUri);
      default:
        throw new ResponseError(ErrorCodes.InvalidParams, `Unknown command ${command}`);
    }
  }

  async #applyReconciliation(folderUri: string | undefined, reconcile: (engine: FolderEngine['engine']) => Reconciliation): Promise<{ applied: boolean; edits: number; unresolved: string[] }> {
    let applied = true;
    let count = 0;
    const unresolved: string[] = [];
    for (const folder of this.#targetFolders(folderUri)) {
      const result = reconcile(folder.engine);
      unresolved.push(...result.unresolved);
      if (result.edits.length === 0) continue;
      count += result.edits.length;
      const edit = annotated(toWorkspaceEdit(result.edits, (p) => folder.uriOf(p)), result.title);
      const response = await this.connection.workspace.applyEdit({ label: result.title, edit });
      applied &&= response.applied;
    }
    if (unresolved.length) void this.connection.window.showWarningMessage(`Port Schema: ${unresolved.length} item(s) left for you: ${unresolved.join(' ')}`);
    return { applied: applied && count > 0, edits: count, unresolved };
  }

  async #createSchema(folderUri: string | undefined): Promise<{ applied: boolean; uri?: string }> {
    const folder = this.#targetFolders(folderUri)[0];
    if (!folder) return { applied: false };
    if (folder.engine.index.selectedSchemaFiles().length) {
      void this.connection.window.showInformationMessage(`Port Schema: this folder already has a plan (${folder.engine.index.selectedSchemaFiles().join(', ')}).`);
      return { applied: false };
    }
    const uri = folder.uriOf('ports.yaml');
    const edit: WorkspaceEdit = {
      documentChanges: [
        { kind: 'create', uri, options: { ignoreIfExists: true } },
        { textDocument: { uri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: createSchemaText(folder.engine) }] },
      ],
    };
    const response = await this.connection.workspace.applyEdit({ label: 'Create ports.yaml', edit });
    return { applied: response.applied, uri };
  }

  #targetFolders(folderUri: string | undefined): FolderEngine[] {
    if (!folderUri) return this.#folders.all;
    const folder = this.#folders.get(folderUri) ?? this.#folders.locate(folderUri)?.folder;
    return folder ? [folder] : [];
  }

  #guard(what: string, fn: () => unknown): void {
    try {
      const result = fn();
      if (result instanceof Promise) result.catch((err: unknown) => this.logger.log('error', `${what} failed: ${describeError(err)}`));
    } catch (err) {
      this.logger.log('error', `${what} failed: ${describeError(err)}`);
    }
  }

  async #request<T>(what: string, fallback: T, fn: () => T | Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof ResponseError) throw err;
      this.logger.log('error', `${what} failed: ${describeError(err)}`);
      return fallback;
    }
  }
}

/**
 * A reconcile touches many files: one labelled change group, undone in one step. No
 * `needsConfirmation`: VS Code's preview would list every edit unchecked, and Apply would do nothing.
 */
function annotated(edit: WorkspaceEdit, label: string): WorkspaceEdit {
  const documentChanges = Object.entries(edit.changes ?? {}).map(([uri, edits]) => ({
    textDocument: { uri, version: null },
    edits: edits.map((e) => ({ ...e, annotationId: 'port-schema' })),
  }));
  return { documentChanges, changeAnnotations: { 'port-schema': { label, needsConfirmation: false } } };
}


function describeError(err: unknown): string {
  return err instanceof Error ? `${err.message}${err.stack ? `\n${err.stack}` : ''}` : String(err);
}
