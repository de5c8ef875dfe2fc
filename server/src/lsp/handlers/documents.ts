import { DiagnosticSeverity, FileChangeType, type Diagnostic, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { isSkippedDirectory, isSkippedFileName } from '../../node/skipRules';
import { SEVERITY_RANK, type Finding, type Range } from '../../engine/api';
import { toDiagnostic, toOverflowDiagnostic } from '../convert';
import type { FolderEngine } from '../folderEngines';
import { StatusNotification, type FolderStatus, type SeverityCounts } from '../protocol';
import { guard, type ServerContext } from './context';

export interface PublishOptions {
  /** Milliseconds after the last change before findings are re-published. */
  readonly delay: number;
  /** The client can be asked to re-request code lenses (plan lenses follow the findings). */
  readonly canRefreshLenses: boolean;
  /** A change made the committed config ask for another walk of the folder (its include or exclude changed). */
  readonly onWalkChanged: (folder: FolderEngine) => void;
}

/**
 * Keeps the engines in step with the editor and the disk (open buffers win over disk), and
 * publishes diagnostics, debounced, for every file whose findings changed — including files that
 * lost their last finding because of an edit somewhere else.
 */
export class DocumentSync {
  /**
   * What was last published per URI: the findings it came from (not the diagnostics: they can be
   * many) and the diagnostics' counts by severity.
   */
  readonly #published = new Map<string, { readonly findings: readonly Finding[]; readonly counts: Counts }>();
  /** URIs whose text reached an engine since the last publish: published first. */
  readonly #edited = new Set<string>();
  /** Open documents changed since their text last reached the engine, latest version each. */
  readonly #pending = new Map<string, TextDocument>();
  /** Cancels the scheduled publish. */
  #cancelPublish: (() => void) | undefined;
  #editCounter = 0;
  /** Bumped by every publish run: a run that sees a newer one stops, its findings are stale. */
  #publishRun = 0;
  /** Cancels the publish of the rest of the workspace, put off until the typing pauses. */
  #cancelRestPublish: (() => void) | undefined;
  /** When the oldest edit whose effect on other files is still unpublished was checked. */
  #restSince: number | undefined;
  /** Diagnostics changed since plan lenses were last asked to refresh. */
  #lensesStale = false;

  constructor(readonly ctx: ServerContext, readonly documents: TextDocuments<TextDocument>, readonly options: PublishOptions) {
    documents.onDidChangeContent((e) => guard(ctx.logger, 'change', () => this.#changed(e.document)));
    documents.onDidSave(() => guard(ctx.logger, 'save', () => this.schedulePublish()));
    documents.onDidClose((e) => guard(ctx.logger, 'close', () => this.#reloadFromDisk(e.document.uri)));
    ctx.connection.onDidChangeWatchedFiles((p) => guard(ctx.logger, 'watched files', () => this.#onWatchedFiles(p.changes)));
  }

  /**
   * A change is only noted: a burst of keystrokes or pastes costs one extraction of the latest
   * text, made when something needs it (a request, or the debounced publish).
   */
  #changed(doc: TextDocument): void {
    this.#pending.set(doc.uri, doc);
    // `portSchema.run: onSave`: the check waits for the save (requests still see the latest text).
    if (this.ctx.folders.locate(doc.uri)?.folder.editor.run !== 'onSave') this.schedulePublish();
  }

  /** Hands the engines the latest text of every changed open document. Requests call it before they answer. */
  flushPending(): void {
    for (const doc of this.#pending.values()) this.#updateFromDocument(doc);
    this.#pending.clear();
  }

  /** Re-reads every open buffer into its engine (after a re-index, open buffers are still the truth). */
  refreshOpenDocuments(): void {
    this.#pending.clear();
    for (const doc of this.documents.all()) this.#updateFromDocument(doc);
  }

  #updateFromDocument(doc: TextDocument): void {
    const at = this.ctx.folders.locate(doc.uri);
    if (!at || !wanted(at.folder, at.path)) return;
    this.#update(at.folder, at.path, doc.getText());
  }

  #update(folder: FolderEngine, path: string, text: string): void {
    if (!folder.engine.updateFile(path, ++this.#editCounter, text)) return;
    this.#edited.add(folder.uriOf(path));
    if (folder.walkIsStale()) this.options.onWalkChanged(folder);
  }

  async #reloadFromDisk(uri: string): Promise<void> {
    this.#pending.delete(uri);
    const at = this.ctx.folders.locate(uri);
    if (!at) return;
    const file = await at.folder.workspace.read(at.path);
    if (file) this.#update(at.folder, at.path, file.text);
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
      if (file) this.#update(at.folder, at.path, file.text);
    }
    this.schedulePublish();
  }

  schedulePublish(): void {
    this.#cancelPublish?.();
    // Not before the folders are indexed: a check of a half-read workspace would publish (and count) too little.
    this.#cancelPublish = after(this.options.delay, () => guard(this.ctx.logger, 'publish', () => this.ctx.ready().then(() => this.publishNow('editsFirst'))));
  }

  /**
   * Publishes every file whose diagnostics changed, including files that no longer have any. After
   * an edit (`editsFirst`) only the edited files are published at once: the other files it changed
   * (the twenty sites of a colliding port, each listing the others) follow once no edit came for
   * `REST_DELAY_MS`, or after `REST_MAX_WAIT_MS` of steady typing. Sending them at every keystroke
   * made the next keystroke's answer wait behind them, here and in the editor that parses them.
   * A file whose findings are the very ones published before (the engine carries unchanged verdicts
   * over) is neither converted nor sent again. Files go out one at a time, each once the one before
   * is written, so requests are answered meanwhile; a newer run (after a newer edit) stops this one.
   */
  async publishNow(mode: 'all' | 'editsFirst' = 'all'): Promise<void> {
    this.#cancelPublish = undefined;
    const run = ++this.#publishRun;
    this.flushPending();
    const edited = [...this.#edited];
    this.#edited.clear();
    // While the rest waits, a keystroke that changed no facts (in a comment) publishes nothing and puts it off again.
    const editedOnly = mode === 'editsFirst' && (edited.length > 0 || this.#restSince !== undefined) && !this.#restOverdue();
    if (!editedOnly) this.#cancelRest();
    const { connection } = this.ctx;
    const fresh = new Map<string, { findings: readonly Finding[]; uriOf: (path: string) => string }>();
    const folders = this.ctx.folders.all.map((folder) => {
      const uriOf = (path: string) => folder.uriOf(path);
      // A folder with `portSchema.enable: false` publishes nothing: what it had is cleared below.
      const enabled = folder.editor.enable;
      const uris = new Set<string>();
      for (const [path, inFile] of enabled ? folder.engine.findingsByFile() : []) {
        const uri = uriOf(path);
        uris.add(uri);
        fresh.set(uri, { findings: inFile, uriOf });
      }
      return { folder, findings: enabled ? folder.engine.findings().length : 0, uris };
    });
    for (const uri of this.#published.keys()) if (!fresh.has(uri)) fresh.set(uri, { findings: [], uriOf: (p) => p });
    for (const uri of editedOnly ? edited : [...edited.filter((u) => fresh.has(u)), ...fresh.keys()]) {
      const entry = fresh.get(uri);
      if (!entry) continue;
      // Each file once: the edited ones lead, the rest follow in workspace order.
      fresh.delete(uri);
      const before = this.#published.get(uri);
      if (before && sameDiagnostics(before.findings, entry.findings)) {
        // Checked again into equal findings: nothing to convert or send, and the next comparison starts from these.
        this.#published.set(uri, { ...before, findings: entry.findings });
        continue;
      }
      const diagnostics = toFileDiagnostics(entry.findings, entry.uriOf);
      if (diagnostics.length) this.#published.set(uri, { findings: entry.findings, counts: countBySeverity(diagnostics) });
      else this.#published.delete(uri);
      this.#lensesStale = true;
      // Each file waits for the one before to be written: a newer run (the next keystroke) then
      // overtakes what is left of this one, instead of queueing behind megabytes of diagnostics
      // of files it will publish again anyway. Requests are answered between two files.
      await connection.sendDiagnostics({ uri, diagnostics });
      if (run !== this.#publishRun) break;
    }
    // A newer run publishes the rest, and the status with it.
    if (run !== this.#publishRun) return;
    if (editedOnly) {
      this.#scheduleRest();
      return;
    }
    // Plan lenses say what the code binds: when findings move, so do they.
    if (this.#lensesStale && this.options.canRefreshLenses) void connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
    this.#lensesStale = false;
    const status: FolderStatus[] = folders.map(({ folder, findings, uris }) => ({
      uri: folder.uri,
      planFiles: folder.engine.planFiles(),
      findings,
      counts: this.#countsOf(uris),
      services: folder.engine.status().plannedServices,
      enabled: folder.editor.enable,
    }));
    void connection.sendNotification(StatusNotification, { folders: status });
  }

  /** Publishes the rest of the workspace once no edit came for `REST_DELAY_MS` (each edit puts it off again), at most `REST_MAX_WAIT_MS` after the first. */
  #scheduleRest(): void {
    this.#restSince ??= Date.now();
    this.#cancelRestPublish?.();
    const wait = Math.max(0, Math.min(REST_DELAY_MS, this.#restSince + REST_MAX_WAIT_MS - Date.now()));
    this.#cancelRestPublish = after(wait, () => guard(this.ctx.logger, 'publish', () => this.publishNow()));
  }

  #restOverdue(): boolean {
    return this.#restSince !== undefined && Date.now() - this.#restSince >= REST_MAX_WAIT_MS;
  }

  #cancelRest(): void {
    this.#cancelRestPublish?.();
    this.#cancelRestPublish = undefined;
    this.#restSince = undefined;
  }

  /** What the editor was given for these files, by severity: what its Problems panel counts (hints aside, which it hides). */
  #countsOf(uris: ReadonlySet<string>): Counts {
    const counts: Counts = { error: 0, warning: 0, info: 0, hint: 0 };
    for (const uri of uris) {
      const published = this.#published.get(uri)?.counts;
      if (published) for (const severity of SEVERITY_ORDER) counts[severity] += published[severity];
    }
    return counts;
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

/**
 * Runs `run` after `ms`, and returns what cancels it. With no delay it runs once pending I/O is
 * handled: a timer of 0 waits for the event loop's next turn, a millisecond or more per keystroke.
 */
function after(ms: number, run: () => void): () => void {
  if (ms > 0) {
    const timer = setTimeout(run, ms);
    return () => clearTimeout(timer);
  }
  const immediate = setImmediate(run);
  return () => clearImmediate(immediate);
}

/** A pause in the typing: after it, the files an edit changed elsewhere are published. */
const REST_DELAY_MS = 300;
/** The longest the rest of the workspace waits for a pause in the typing. */
const REST_MAX_WAIT_MS = 2000;

type Counts = { -readonly [K in keyof SeverityCounts]: number };
const SEVERITY_ORDER: readonly (keyof SeverityCounts)[] = ['error', 'warning', 'info', 'hint'];
const SEVERITY_NAMES: Record<DiagnosticSeverity, keyof SeverityCounts> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'info',
  [DiagnosticSeverity.Hint]: 'hint',
};

/**
 * Whether two lists of a file's findings make the same diagnostics: the fields `toDiagnostic` reads,
 * compared without converting (a re-check makes new findings equal to the old ones for every site of
 * a port it looked at again).
 */
function sameDiagnostics(a: readonly Finding[], b: readonly Finding[]): boolean {
  return a.length === b.length && a.every((f, i) => f === b[i] || sameDiagnostic(f, b[i]));
}

function sameDiagnostic(a: Finding, b: Finding): boolean {
  return (
    a.rule === b.rule &&
    a.severity === b.severity &&
    a.port === b.port &&
    (a.editorMessage ?? a.message) === (b.editorMessage ?? b.message) &&
    sameRange(a.range, b.range) &&
    a.related.length === b.related.length &&
    a.related.every((r, i) => r.file === b.related[i].file && r.message === b.related[i].message && sameRange(r.range, b.related[i].range))
  );
}

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

function countBySeverity(diagnostics: readonly Diagnostic[]): Counts {
  const counts: Counts = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const d of diagnostics) counts[SEVERITY_NAMES[d.severity ?? DiagnosticSeverity.Error]]++;
  return counts;
}

/** VS Code shows at most 1000 diagnostics per file; more would only cost time on both sides. */
export const MAX_DIAGNOSTICS_PER_FILE = 1000;

/**
 * A file's diagnostics, most severe first when they are too many to show: the first
 * `MAX_DIAGNOSTICS_PER_FILE` in file order, then one that says how many more there are.
 */
function toFileDiagnostics(findings: readonly Finding[], uriOf: (path: string) => string): Diagnostic[] {
  if (findings.length <= MAX_DIAGNOSTICS_PER_FILE) return findings.map((f) => toDiagnostic(f, uriOf));
  const shown = [...findings].sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity]).slice(0, MAX_DIAGNOSTICS_PER_FILE);
  const byPosition = shown.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  const hidden = findings.length - shown.length;
  return [...byPosition.map((f) => toDiagnostic(f, uriOf)), toOverflowDiagnostic(hidden, byPosition[byPosition.length - 1].range)];
}

/**
 * An open editor may show a file the walk skipped (ignored, too big); index it only where the walk
 * would: opening a lockfile or a file in node_modules must not index it.
 */
function wanted(folder: FolderEngine, path: string): boolean {
  if (folder.engine.isIndexed(path)) return true;
  const parts = path.split('/');
  return !isSkippedFileName(parts[parts.length - 1]) && !parts.slice(0, -1).some(isSkippedDirectory);
}
