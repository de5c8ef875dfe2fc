import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type CodeAction,
  type Command,
  type Diagnostic,
  type Hover,
  type ProtocolConnection,
  type Range,
  type WorkspaceEdit,
  type Position,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';

export const REPO_ROOT = path.resolve(__dirname, '../../../..');
export const SERVER_JS = path.join(REPO_ROOT, 'server/out/server.js');

/** Copies a fixture workspace to a temp folder, so tests that write files never touch the repository. */
export function copyWorkspace(relative: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'port-schema-lsp-'));
  cpSync(path.join(REPO_ROOT, relative), dir, { recursive: true });
  return dir;
}

export interface StartOptions {
  readonly folders: readonly string[];
  readonly settings?: Record<string, unknown>;
  /** The editor's storage folder for the workspace (where the server caches facts); none by default. */
  readonly storagePath?: string;
}

/**
 * A real LSP client: spawns the bundled server with `--stdio` and speaks JSON-RPC to it, as an
 * editor does. It applies `workspace/applyEdit` to its own in-memory copies and records them.
 */
export class LspTestClient {
  readonly diagnostics = new Map<string, Diagnostic[]>();
  /** Every `publishDiagnostics` URI, in the order the server sent them. */
  readonly published: string[] = [];
  readonly appliedEdits: WorkspaceEdit[] = [];
  readonly notifications: { method: string; params: unknown }[] = [];
  readonly logs: string[] = [];
  /** How many times the server has asked for settings (`workspace/configuration`), and how many notifications had come by the last time. */
  configurationRequests = 0;
  notificationsAtConfiguration = 0;
  settings: Record<string, unknown>;
  readonly #docs = new Map<string, TextDocument>();
  readonly #waiters = new Set<() => void>();

  private constructor(readonly process: ChildProcess, readonly connection: ProtocolConnection, readonly folders: readonly string[], settings: Record<string, unknown>) {
    this.settings = settings;
  }

  static async start(options: StartOptions): Promise<LspTestClient> {
    const child = spawn(process.execPath, [SERVER_JS, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new LspTestClient(child, connection, options.folders, options.settings ?? {});
    client.#wire();
    connection.listen();
    await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities: {
        workspace: { configuration: true, applyEdit: true, workspaceEdit: { documentChanges: true, resourceOperations: ['create'], changeAnnotationSupport: {} }, workspaceFolders: true },
        textDocument: { hover: { contentFormat: ['markdown'] }, publishDiagnostics: { relatedInformation: true }, codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'refactor.rewrite'] } } }, rename: { prepareSupport: true } },
        window: { workDoneProgress: true },
      },
      initializationOptions: { diagnosticDelay: 0, ...(options.storagePath ? { storagePath: options.storagePath } : {}) },
      workspaceFolders: options.folders.map((f) => ({ uri: pathToFileURL(f).toString(), name: path.basename(f) })),
    });
    await connection.sendNotification('initialized', {});
    return client;
  }

  #wire(): void {
    const c = this.connection;
    c.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: Diagnostic[] }) => {
      this.diagnostics.set(p.uri, p.diagnostics);
      this.published.push(p.uri);
      this.#wake();
    });
    c.onNotification('window/logMessage', (p: { message: string }) => this.logs.push(p.message));
    c.onNotification('portSchema/status', (params: unknown) => {
      this.notifications.push({ method: 'portSchema/status', params });
      this.#wake();
    });
    c.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) => {
      this.configurationRequests++;
      this.notificationsAtConfiguration = this.notifications.length;
      this.#wake();
      return p.items.map(() => this.settings);
    });
    c.onRequest('window/workDoneProgress/create', () => null);
    c.onRequest('client/registerCapability', () => null);
    c.onRequest('window/showMessageRequest', () => null);
    c.onRequest('workspace/applyEdit', (p: { edit: WorkspaceEdit }) => {
      this.appliedEdits.push(p.edit);
      this.#wake();
      return { applied: true };
    });
    this.process.stderr!.on('data', (d) => this.logs.push(String(d)));
  }

  #wake(): void {
    for (const w of [...this.#waiters]) w();
  }

  /** Resolves when `predicate` holds, re-evaluated on every message from the server; rejects after `timeoutMs`. */
  waitFor<T>(what: string, predicate: () => T | undefined, timeoutMs = 20000): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const value = predicate();
        if (value !== undefined && value !== false) {
          cleanup();
          resolve(value);
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`timed out waiting for ${what}; server log:\n${this.logs.slice(-20).join('\n')}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.#waiters.delete(check);
      };
      this.#waiters.add(check);
      check();
    });
  }

  uri(folder: string, relative: string): string {
    return pathToFileURL(path.join(folder, relative)).toString();
  }

  diagnosticsFor(uri: string): Diagnostic[] {
    return this.diagnostics.get(uri) ?? [];
  }

  /**
   * New settings, as an editor sends them: resolves once the server has read them and published the
   * check that follows (a status notification after its last settings request).
   */
  async configure(settings: Record<string, unknown>): Promise<void> {
    const asked = this.configurationRequests;
    this.settings = settings;
    await this.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const checked = () => this.configurationRequests > asked && this.notifications.slice(this.notificationsAtConfiguration).some((n) => n.method === 'portSchema/status');
    await this.waitFor('the check after the settings change', () => (checked() ? true : undefined));
  }

  /** Waits until the server's first full check has been published (the status notification). */
  waitForReady(): Promise<unknown> {
    return this.waitFor('the first status notification', () => this.notifications.find((n) => n.method === 'portSchema/status'));
  }

  async open(folder: string, relative: string): Promise<TextDocument> {
    const uri = this.uri(folder, relative);
    const text = readFileSync(path.join(folder, relative), 'utf8');
    const doc = TextDocument.create(uri, languageOf(relative), 1, text);
    this.#docs.set(uri, doc);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: doc.languageId, version: 1, text } });
    return doc;
  }

  document(uri: string): TextDocument {
    const doc = this.#docs.get(uri);
    if (!doc) throw new Error(`${uri} is not open`);
    return doc;
  }

  /** Replaces `range` in an open document and tells the server, as an editor does on a keystroke. */
  async edit(uri: string, range: Range, newText: string): Promise<void> {
    const doc = this.document(uri);
    const updated = TextDocument.update(doc, [{ range, text: newText }], doc.version + 1);
    this.#docs.set(uri, updated);
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: updated.version }, contentChanges: [{ range, text: newText }] });
  }

  /** Applies a WorkspaceEdit's text edits to the open documents (opening none), as the editor would. */
  async applyToOpenDocuments(edit: WorkspaceEdit): Promise<void> {
    const changes: [string, { range: Range; newText: string }[]][] = edit.changes
      ? Object.entries(edit.changes)
      : (edit.documentChanges ?? []).flatMap((c) => ('textDocument' in c ? [[c.textDocument.uri, c.edits] as [string, { range: Range; newText: string }[]]] : []));
    for (const [uri, edits] of changes) {
      const doc = this.document(uri);
      const text = TextDocument.applyEdits(doc, edits);
      const full = { start: doc.positionAt(0), end: doc.positionAt(doc.getText().length) };
      await this.edit(uri, full, text);
    }
  }

  hover(uri: string, position: Position): Promise<Hover | null> {
    return this.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position });
  }

  codeActions(uri: string, range: Range, diagnostics: Diagnostic[]): Promise<(CodeAction | Command)[]> {
    return this.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics } });
  }

  executeCommand(command: string, args: unknown[]): Promise<unknown> {
    return this.connection.sendRequest('workspace/executeCommand', { command, arguments: args });
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      await this.connection.sendNotification('exit');
    } catch {
      // the server may already be gone; killing it below is what matters
    }
    this.connection.dispose();
    this.process.kill();
  }
}

/** Position of the `nth` occurrence of `needle` in `text` (0-based lines/characters), offset `delta` characters into it. */
export function positionOf(doc: TextDocument, needle: string, delta = 0, nth = 0): Position {
  const text = doc.getText();
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`'${needle}' not found in ${doc.uri}`);
  }
  return doc.positionAt(at + delta);
}

/** A server on a fresh copy of `relative` (changed by `prepare` before the server sees it), once it has checked the copy. */
export async function serverOnCopy(relative: string, prepare?: (dir: string) => void): Promise<{ dir: string; client: LspTestClient }> {
  const dir = copyWorkspace(relative);
  prepare?.(dir);
  const client = await LspTestClient.start({ folders: [dir] });
  await client.waitForReady();
  return { dir, client };
}

/** Stops a server of `serverOnCopy` and removes its copy. */
export async function stopServerOnCopy(client: LspTestClient, dir: string): Promise<void> {
  await client.stop();
  removeDir(dir);
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

function languageOf(file: string): string {
  const ext = path.extname(file);
  return ({ '.ts': 'typescript', '.js': 'javascript', '.py': 'python', '.go': 'go', '.yaml': 'yaml', '.yml': 'yaml', '.md': 'markdown', '.json': 'json', '.sh': 'shellscript' } as Record<string, string>)[ext] ?? 'plaintext';
}
