import picomatch from 'picomatch';
import type { ILogger } from '../host';
import type { Extractor, FileFacts } from '../extract/extractor';
import type { PortOccurrence } from '../extract/occurrence';
import { extractFile } from '../extract/registry';
import { emptySchema, type PortSchema, type SchemaProblem } from '../schema/model';
import { isEcosystemPath, isMarkdownPlanPath, isNativeSchemaPath, loadSchema, selectSchemaFiles } from '../schema/select';

interface IndexedFile {
  readonly version: number;
  readonly facts: FileFacts;
}

/**
 * Every occurrence of the workspace, per file, plus the plan. Updated one file at a time: a change
 * re-extracts that file only; the plan is reloaded only when a plan file changes. `generation`
 * increases on every change so that derived results (checks, ownership) can be cached per state.
 */
export class WorkspaceIndex {
  readonly #files = new Map<string, IndexedFile>();
  readonly #planTexts = new Map<string, string>();
  #configuredMatcher: ((path: string) => boolean) | undefined;
  #configured: readonly string[] = [];
  #schema: PortSchema | undefined;
  #schemaProblems: readonly SchemaProblem[] = [];
  #generation = 0;
  #structureGeneration = 0;
  #schemaGeneration = 0;

  constructor(readonly extractors: readonly Extractor[], readonly logger: ILogger, configuredSchemaFiles: readonly string[] = []) {
    this.configuredSchemaFiles = configuredSchemaFiles;
  }

  /** The user's `portSchema.schemaFiles` globs; empty means "pick by name". Set before (re)indexing. */
  get configuredSchemaFiles(): readonly string[] {
    return this.#configured;
  }

  set configuredSchemaFiles(globs: readonly string[]) {
    this.#configured = globs;
    this.#configuredMatcher = globs.length ? picomatch(globs as string[], { dot: true }) : undefined;
  }

  get generation(): number {
    return this.#generation;
  }

  /**
   * Changes only when what ownership is derived from changes: the set of files, a file's declared
   * name, build contexts or shared-host links. A keystroke inside a function does not change it.
   */
  get structureGeneration(): number {
    return this.#structureGeneration;
  }

  /** Changes when the plan is reloaded. */
  get schemaGeneration(): number {
    return this.#schemaGeneration;
  }

  /** The plan, or undefined when the workspace has none. Keeps the last good plan while a plan file is malformed. */
  get schema(): PortSchema | undefined {
    return this.#schema;
  }

  /** Problems found loading the plan (parse errors), positioned in the plan files. */
  get schemaProblems(): readonly SchemaProblem[] {
    return this.#schemaProblems;
  }

  /** Every indexed file's facts (a live view: do not hold it across changes). */
  *facts(): IterableIterator<[string, FileFacts]> {
    for (const [path, f] of this.#files) yield [path, f.facts];
  }

  get paths(): string[] {
    return [...this.#files.keys()];
  }

  /** Current text of each plan file (selected or candidate), for plan edits. */
  get planTexts(): ReadonlyMap<string, string> {
    return this.#planTexts;
  }

  has(path: string): boolean {
    return this.#files.has(path);
  }

  occurrencesIn(path: string): readonly PortOccurrence[] {
    return this.#files.get(path)?.facts.occurrences ?? [];
  }

  *allOccurrences(): Iterable<PortOccurrence> {
    for (const f of this.#files.values()) yield* f.facts.occurrences;
  }

  /**
   * Indexes or re-indexes one file. Returns false when the version is unchanged (nothing to do).
   * Plan files are kept as text too; `reloadSchema` must follow a batch of plan changes.
   */
  update(path: string, version: number, text: string): boolean {
    const current = this.#files.get(path);
    if (current && current.version === version) return false;
    const facts = extractFile(this.extractors, path, text, this.logger);
    if (!current || !sameStructure(current.facts, facts)) this.#structureGeneration++;
    this.#files.set(path, { version, facts });
    if (this.isPlanCandidate(path)) this.#planTexts.set(path, text);
    this.#generation++;
    return true;
  }

  remove(path: string): boolean {
    const had = this.#files.delete(path);
    this.#planTexts.delete(path);
    if (had) {
      this.#generation++;
      this.#structureGeneration++;
    }
    return had;
  }

  isPlanCandidate(path: string): boolean {
    return isNativeSchemaPath(path) || isMarkdownPlanPath(path) || isEcosystemPath(path) || Boolean(this.#configuredMatcher?.(path));
  }

  /** The plan files in force now. */
  selectedSchemaFiles(): string[] {
    return selectSchemaFiles([...this.#planTexts.keys()], this.configuredSchemaFiles.length ? this.configuredSchemaFiles : undefined);
  }

  /** Re-reads the plan from the selected files; keeps the last good plan when the new one does not parse. */
  reloadSchema(): void {
    const selected = this.selectedSchemaFiles();
    if (selected.length === 0) {
      this.#schema = undefined;
      this.#schemaProblems = [];
      this.#generation++;
      this.#schemaGeneration++;
      return;
    }
    const loaded = loadSchema(selected.map((path) => ({ path, text: this.#planTexts.get(path) ?? '' })));
    const parseFailed = loaded.problems.some((p) => p.rule === 'schema-parse' && p.severity === 'error');
    this.#schemaProblems = loaded.problems;
    if (!parseFailed || !this.#schema) this.#schema = parseFailed ? { ...emptySchema(), files: selected, problems: loaded.problems } : loaded;
    if (parseFailed) this.logger.log('warn', `plan ${selected.join(', ')} does not parse; keeping the last good plan`);
    this.#generation++;
    this.#schemaGeneration++;
  }
}

function sameStructure(a: FileFacts, b: FileFacts): boolean {
  return (
    a.declaredName === b.declaredName &&
    JSON.stringify([...(a.buildContexts ?? [])]) === JSON.stringify([...(b.buildContexts ?? [])]) &&
    (a.sharesHostWith ?? []).join('\n') === (b.sharesHostWith ?? []).join('\n') &&
    JSON.stringify([...(a.mounts ?? [])]) === JSON.stringify([...(b.mounts ?? [])])
  );
}
