import {
  CodeActionKind,
  TextDocumentSyncKind,
  TextDocuments,
  type Connection,
  type InitializeParams,
  type InitializeResult,
  type WorkspaceFolder,
} from 'vscode-languageserver/node';
import * as nodePath from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { noopToken, type ILogger } from '../engine/api';
import { LiveWatch, platformListenerSource } from '../node/liveListeners';
import { parseEditorSettings } from './editorSettings';
import { FolderEngine, FolderEngines } from './folderEngines';
import { registerCommands } from './handlers/commands';
import { guard, type ServerContext } from './handlers/context';
import { DocumentSync } from './handlers/documents';
import { registerFolderRequests } from './handlers/folderRequests';
import { registerRequests } from './handlers/requests';
import { FIX_ALL_KIND, ServerCommands, type InitializationOptions } from './protocol';
import { parseSettings, type ClientSettings, type FolderSettings } from './settings';

/** How long the documents must stay unchanged before the facts caches are written. */
const SAVE_WHEN_QUIET_MS = 1000;

/**
 * The language server's lifecycle: capabilities, workspace folders and their settings, indexing
 * with progress. What it answers lives in `handlers/`: documents and publishing, requests, commands.
 */
export class PortSchemaServer {
  readonly #documents = new TextDocuments(TextDocument);
  readonly #folders = new FolderEngines();
  /** Where each folder's facts cache goes: the editor's storage for the workspace, if it gave one. */
  #cacheHome: string | undefined;
  readonly #settings = new Map<string, FolderSettings>();
  readonly #context: ServerContext;
  #sync: DocumentSync | undefined;
  #hasConfiguration = false;
  #ready: Promise<void> = Promise.resolve();
  /** Watches what listens on this machine while a folder has `portSchema.live.enable`. */
  #live: LiveWatch | undefined;
  /** The write of the facts caches that waits for the documents to be quiet (`#saveWhenQuiet`). */
  #saveTimer: NodeJS.Timeout | undefined;

  constructor(readonly connection: Connection, readonly logger: ILogger) {
    // Requests wait for indexing, then see the latest text of every open document.
    this.#context = {
      connection,
      folders: this.#folders,
      logger,
      // Handing the engines the pending edits may make the committed config ask for a new walk: wait for that one too,
      // so that nothing answers (or publishes) from a folder whose engine is being rebuilt.
      ready: () =>
        this.#ready.then(() => {
          this.#sync?.flushPending();
          return this.#ready;
        }),
      textOf: (uri) => this.#documents.get(uri)?.getText(),
    };
    connection.onInitialize((p) => this.#initialize(p));
    connection.onInitialized(() => guard(logger, 'initialized', () => this.#start()));
    connection.onDidChangeConfiguration(() => guard(logger, 'configuration', () => this.#reloadSettings()));
    registerRequests(this.#context);
    registerFolderRequests(this.#context);
    registerCommands(this.#context);
    connection.onShutdown(() => {
      this.#live?.stop();
      this.#saveCaches();
    });
    // A pending write of the caches waits for the typing to pause.
    this.#documents.onDidChangeContent(() => {
      if (this.#saveTimer) this.#saveWhenQuiet();
    });
    this.#documents.listen(connection);
  }

  #initialize(params: InitializeParams): InitializeResult {
    const options = (params.initializationOptions ?? {}) as InitializationOptions;
    const delay = typeof options.diagnosticDelay === 'number' && options.diagnosticDelay >= 0 ? options.diagnosticDelay : 200;
    this.#cacheHome = typeof options.storagePath === 'string' ? nodePath.join(options.storagePath, 'facts') : undefined;
    this.#hasConfiguration = Boolean(params.capabilities.workspace?.configuration);
    this.#sync = new DocumentSync(this.#context, this.#documents, {
      delay,
      canRefreshLenses: Boolean(params.capabilities.workspace?.codeLens?.refreshSupport),
      onWalkChanged: (folder) => guard(this.logger, 'committed config', () => this.#rewalk(folder)),
    });
    const folders: WorkspaceFolder[] = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: 'root' }] : []);
    for (const f of folders) this.#folders.add(new FolderEngine(f.uri, parseSettings(undefined), this.logger, this.#cacheHome));
    return {
      capabilities: {
        // Saves are what `portSchema.run: onSave` checks on.
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite, FIX_ALL_KIND] },
        renameProvider: { prepareProvider: true },
        codeLensProvider: { resolveProvider: false },
        referencesProvider: true,
        definitionProvider: true,
        documentLinkProvider: { resolveProvider: false },
        // Digits complete a port once one is being typed; `:` `=` and `|` are where a port value starts.
        completionProvider: { triggerCharacters: [':', '=', '|', ' ', '"'] },
        executeCommandProvider: { commands: Object.values(ServerCommands) },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'port-schema' },
    };
  }

  async #start(): Promise<void> {
    if (this.#hasConfiguration) {
      this.connection.workspace.onDidChangeWorkspaceFolders((e) => guard(this.logger, 'folders', async () => {
        for (const f of e.removed) {
          const gone = this.#folders.remove(f.uri);
          if (gone) this.#sync?.clearFolder(gone);
        }
        for (const f of e.added) this.#folders.add(new FolderEngine(f.uri, parseSettings(undefined), this.logger, this.#cacheHome));
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
        folder.editor = parseEditorSettings(raw);
      }
      if (stale.length) await this.#indexFolders(stale);
      this.#watchLive();
      this.#sync?.refreshOpenDocuments();
      // The committed config just read may add globs to the walk: walk those folders again before publishing.
      const rewalk = this.#folders.all.filter((f) => f.adoptCommittedWalk());
      if (rewalk.length) {
        await this.#indexFolders(rewalk);
        this.#sync?.refreshOpenDocuments();
      }
      this.#publishThenSave();
    };
    this.#ready = this.#ready.then(run, run);
    await this.#ready;
  }

  /** The committed config changed its include or exclude: the folder is walked and indexed again, then re-checked. */
  async #rewalk(folder: FolderEngine): Promise<void> {
    const run = async () => {
      if (!folder.adoptCommittedWalk()) return;
      await this.#indexFolders([folder]);
      this.#sync?.refreshOpenDocuments();
      this.#publishThenSave();
    };
    this.#ready = this.#ready.then(run, run);
    await this.#ready;
  }

  /**
   * Publishes every folder's diagnostics after an index, then writes the facts caches it left once
   * the documents are quiet (`#saveWhenQuiet`): the diagnostics need not wait for the write. Not
   * awaited: requests need the index, not the diagnostics going out.
   */
  #publishThenSave(): void {
    const published = this.#sync?.publishNow() ?? Promise.resolve();
    void published.catch((err: unknown) => this.logger.log('error', `publish failed: ${String(err)}`)).then(() => this.#saveWhenQuiet());
  }

  /**
   * Writes the caches once no document has changed for a moment: the write blocks the server (a
   * fifth of a second on 52k files), and the first keystrokes after a folder opens must not wait
   * behind it. A user who never pauses gets it written at shutdown.
   */
  #saveWhenQuiet(): void {
    clearTimeout(this.#saveTimer);
    this.#saveTimer = setTimeout(() => this.#saveCaches(), SAVE_WHEN_QUIET_MS);
  }

  #saveCaches(): void {
    clearTimeout(this.#saveTimer);
    this.#saveTimer = undefined;
    for (const folder of this.#folders.all) folder.saveCache();
  }

  /** Starts or stops watching live listeners as the folders' `portSchema.live.enable` says; each folder gets them or not. */
  #watchLive(): void {
    const wanted = this.#folders.all.filter((f) => f.editor.live && f.editor.enable);
    for (const folder of this.#folders.all) if (!wanted.includes(folder)) folder.engine.setLiveListeners(undefined);
    if (!wanted.length) {
      this.#live?.stop();
      return;
    }
    const source = platformListenerSource();
    if (!source) {
      this.logger.log('warn', `portSchema.live.enable is on, but live listeners cannot be read on ${process.platform} (Linux /proc and macOS lsof are supported).`);
      return;
    }
    this.#live ??= new LiveWatch(source, (listeners) => {
      for (const folder of this.#folders.all) if (folder.editor.live && folder.editor.enable) folder.engine.setLiveListeners(listeners);
    });
    this.#live.stop();
    this.#live.start();
  }

  async #indexFolders(folders: FolderEngine[]): Promise<void> {
    const progress = await this.connection.window.createWorkDoneProgress().catch(() => undefined);
    progress?.begin('Port Schema', 0, 'indexing ports', false);
    const started = Date.now();
    for (const folder of folders) {
      await folder.index((done, total) => progress?.report(Math.round((done / Math.max(1, total)) * 100), `${done}/${total} files`), noopToken);
      const status = folder.engine.status();
      this.logger.log('info', `indexed ${folder.root}: ${status.files} files, plan: ${status.planFiles.join(', ') || 'none'} (${Date.now() - started} ms)`);
    }
    progress?.done();
  }
}
