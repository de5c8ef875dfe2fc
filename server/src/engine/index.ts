import { Analysis } from './checks/analysis';
import type { Finding } from './checks/finding';
import { planFindings, runChecks } from './checks/runChecks';
import { OwnershipResolver } from './index/ownership';
import { defaultExtractors } from './extract/all';
import type { Extractor, FileFacts } from './extract/extractor';
import type { CancellationToken, ILogger, IWorkspace } from './host';
import { WorkspaceIndex } from './index/workspaceIndex';
import { defaultSettings, type EngineSettings } from './settings';

export interface PortEngineInit {
  readonly workspace: IWorkspace;
  readonly logger: ILogger;
  readonly settings?: EngineSettings;
  readonly extractors?: readonly Extractor[];
}

interface FindingsState {
  readonly generation: number;
  readonly value: Finding[];
  readonly byFile: Map<string, Finding[]>;
}

const READ_BATCH = 64;

export type ProgressReporter = (done: number, total: number) => void;

/**
 * The engine of one workspace folder: index, plan, checks and features. The server, the CLI and
 * the tests drive this same class; it never touches LSP, VS Code or the file system directly.
 */
export class PortEngine {
  readonly workspace: IWorkspace;
  readonly logger: ILogger;
  readonly index: WorkspaceIndex;
  #settings: EngineSettings;
  #analysis: { generation: number; value: Analysis } | undefined;
  #findings: FindingsState | undefined;
  #ownership: { key: string; value: OwnershipResolver } | undefined;
  #plan: { generation: number; value: Finding[] } | undefined;

  constructor(init: PortEngineInit) {
    this.workspace = init.workspace;
    this.logger = init.logger;
    this.#settings = init.settings ?? defaultSettings;
    this.index = new WorkspaceIndex(init.extractors ?? defaultExtractors, init.logger, this.#settings.schemaFiles);
  }

  get settings(): EngineSettings {
    return this.#settings;
  }

  /** New settings: a changed plan selection reloads the plan; rule severities apply on the next check. */
  set settings(settings: EngineSettings) {
    const planChanged = settings.schemaFiles.join('\n') !== this.#settings.schemaFiles.join('\n');
    this.#settings = settings;
    this.#findings = undefined;
    if (planChanged) {
      this.index.configuredSchemaFiles = settings.schemaFiles;
      this.index.reloadSchema();
    }
  }

  /** Reads and indexes every candidate file of the workspace, then loads the plan. */
  async indexAll(token: CancellationToken, progress?: ProgressReporter): Promise<void> {
    const paths = await this.workspace.list(token);
    // Reads overlap (the host bounds its own concurrency); extraction stays on this thread.
    for (let i = 0; i < paths.length; i += READ_BATCH) {
      if (token.isCancellationRequested) return;
      const batch = paths.slice(i, i + READ_BATCH);
      const files = await Promise.all(batch.map((p) => this.workspace.read(p)));
      for (const file of files) if (file) this.index.update(file.path, file.version, file.text);
      progress?.(Math.min(i + READ_BATCH, paths.length), paths.length);
    }
    this.index.reloadSchema();
  }

  /** Re-indexes one file from text the host supplies (an open editor buffer, or disk after a change). */
  updateFile(path: string, version: number, text: string): boolean {
    const changed = this.index.update(path, version, text);
    if (changed && this.index.isPlanCandidate(path)) this.index.reloadSchema();
    return changed;
  }

  removeFile(path: string): boolean {
    const removed = this.index.remove(path);
    if (removed && this.index.isPlanCandidate(path)) this.index.reloadSchema();
    return removed;
  }

  /** Owners, listeners and namespaces of the current state (cached until the next change). */
  analysis(): Analysis {
    const generation = this.index.generation;
    if (this.#analysis?.generation !== generation) {
      const planFiles = new Set(this.index.selectedSchemaFiles());
      const files = new Map(this.index.facts());
      this.#analysis = { generation, value: new Analysis(this.index.schema, files, planFiles, this.#ownershipResolver(files)) };
    }
    return this.#analysis.value;
  }

  /** Ownership changes only with the plan or the shape of the tree, not with each keystroke: reuse it (and its caches) until then. */
  #ownershipResolver(files: ReadonlyMap<string, FileFacts>): OwnershipResolver {
    const key = `${this.index.structureGeneration}:${this.index.schemaGeneration}`;
    if (this.#ownership?.key !== key) this.#ownership = { key, value: new OwnershipResolver(this.index.schema, files) };
    return this.#ownership.value;
  }

  /** Every finding of the workspace, sorted by file and position. */
  findings(): readonly Finding[] {
    return this.#currentFindings().value;
  }

  findingsIn(path: string): readonly Finding[] {
    return this.#currentFindings().byFile.get(path) ?? [];
  }

  /** Files that have findings now. */
  filesWithFindings(): string[] {
    return [...this.#currentFindings().byFile.keys()];
  }

  #currentFindings(): FindingsState {
    const generation = this.index.generation;
    if (this.#findings?.generation !== generation) {
      if (this.#plan?.generation !== this.index.schemaGeneration) {
        this.#plan = { generation: this.index.schemaGeneration, value: planFindings(this.index.schema, this.index.schemaProblems) };
      }
      const value = runChecks(this.analysis(), this.#plan.value, this.#settings.rules);
      const byFile = new Map<string, Finding[]>();
      for (const f of value) {
        const list = byFile.get(f.file);
        if (list) list.push(f);
        else byFile.set(f.file, [f]);
      }
      this.#findings = { generation, value, byFile };
    }
    return this.#findings;
  }
}
