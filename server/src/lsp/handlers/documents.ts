import { FileChangeType, type Diagnostic, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { isSkippedDirectory } from '../../node/skipRules';
import { toDiagnostic } from '../convert';
import type { FolderEngine } from '../folderEngines';
import { StatusNotification, type FolderStatus } from '../protocol';
import { guard, type ServerContext } from './context';

export interface PublishOptions {
  /** Milliseconds after the last change before findings are re-published. */
  readonly delay: number;
  /** The client can be asked to re-request code lenses (plan lenses follow the findings). */
  readonly canRefreshLenses: boolean;
}

/**
 * Keeps the engines in step with the editor and the disk (open buffers win over disk), and
 * publishes diagnostics, debounced, for every file whose findings changed — including files that
 * lost their last finding because of an edit somewhere else.
 */
export class DocumentSync {
  readonly #published = new Map<string, string>();
  #timer: NodeJS.Timeout | undefined;
  #editCounter = 0;

  constructor(readonly ctx: ServerContext, readonly documents: TextDocuments<TextDocument>, readonly options: PublishOptions) {
    documents.onDidChangeContent((e) => guard(ctx.logger, 'change', () => this.updateFromDocument(e.document)));
    documents.onDidClose((e) => guard(ctx.logger, 'close', () => this.#reloadFromDisk(e.document.uri)));
    ctx.connection.onDidChangeWatchedFiles((p) => guard(ctx.logger, 'watched files', () => this.#onWatchedFiles(p.changes)));
  }

  /** Re-reads every open buffer into its engine (after a re-index, open buffers are still the truth). */
  refreshOpenDocuments(): void {
    for (const doc of this.documents.all()) this.updateFromDocument(doc, false);
  }

  updateFromDocument(doc: TextDocument, schedule = true): void {
    const at = this.ctx.folders.locate(doc.uri);
    if (!at || !wanted(at.folder, at.path)) return;
    at.folder.engine.updateFile(at.path, ++this.#editCounter, doc.getText());
    if (schedule) this.schedulePublish();
  }

  async #reloadFromDisk(uri: string): Promise<void> {
    const at = this.ctx.folders.locate(uri);
    if (!at) return;
    const file = await at.folder.workspace.read(at.path);
    if (file) at.folder.engine.updateFile(at.path, ++this.#editCounter, file.text);
    else at.folder.engine.removeFile(at.path);
    this.schedulePublish();
  }

  async #onWatchedFiles(changes: readonly { uri: string; type: number }[]): Promise<void> {
    await this.ctx.ready();
    for (const change of changes) {
      const at = this.ctx.folders.locate(change.uri);
      if (!at || this.documents.get(change.uri)) continue; // the open buffer is the truth
      if (change.type === FileChangeType.Deleted) {
        at.folder.engine.removeFile(at.path);
        continue;
      }
      if (!wanted(at.folder, at.path)) continue;
      const file = await at.folder.workspace.read(at.path);
      if (file) at.folder.engine.updateFile(at.path, ++this.#editCounter, file.text);
    }
    this.schedulePublish();
  }

  schedulePublish(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => guard(this.ctx.logger, 'publish', () => this.publishNow()), this.options.delay);
  }

  /** Publishes every file whose diagnostics changed, including files that no longer have any. */
  publishNow(): void {
    this.#timer = undefined;
    const { connection } = this.ctx;
    const status: FolderStatus[] = [];
    const fresh = new Map<string, Diagnostic[]>();
    for (const folder of this.ctx.folders.all) {
      const uriOf = (path: string) => folder.uriOf(path);
      const findings = folder.engine.findings();
      for (const f of findings) {
        const uri = uriOf(f.file);
        const list = fresh.get(uri);
        if (list) list.push(toDiagnostic(f, uriOf));
        else fresh.set(uri, [toDiagnostic(f, uriOf)]);
      }
      status.push({ uri: folder.uri, planFiles: folder.engine.planFiles(), findings: findings.length, services: folder.engine.status().plannedServices });
    }
    for (const uri of this.#published.keys()) if (!fresh.has(uri)) fresh.set(uri, []);
    let changed = false;
    for (const [uri, diagnostics] of fresh) {
      const key = JSON.stringify(diagnostics);
      if (this.#published.get(uri) === key) continue;
      changed = true;
      if (diagnostics.length) this.#published.set(uri, key);
      else this.#published.delete(uri);
      void connection.sendDiagnostics({ uri, diagnostics });
    }
    // Plan lenses say what the code binds: when findings move, so do they.
    if (changed && this.options.canRefreshLenses) void connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
    void connection.sendNotification(StatusNotification, { folders: status });
  }

  /** Clears what was published for a folder that left the workspace. */
  clearFolder(folder: FolderEngine): void {
    for (const uri of [...this.#published.keys()]) {
      if (folder.pathOf(uri) === undefined) continue;
      this.#published.delete(uri);
      void this.ctx.connection.sendDiagnostics({ uri, diagnostics: [] });
    }
  }
}

/** An open editor may show a file the walk skipped (ignored, too big); index it only where the walk would. */
function wanted(folder: FolderEngine, path: string): boolean {
  return folder.engine.isIndexed(path) || !path.split('/').slice(0, -1).some(isSkippedDirectory);
}
