import picomatch from 'picomatch';
import type { FactsStore, ILogger, StoredFacts } from '../host';
import { isReadByName } from '../extract/claims';
import type { Extractor, FileFacts } from '../extract/extractor';
import { companionsOf, extractFile, isCompanionFile } from '../extract/runExtractors';
import { emptyPlan, type PortPlan, type PlanProblem } from '../plan/portPlan';
import { loadPlan, selectPlanFiles } from '../plan/select';
import { isConfigFilePath, isDotenvPath, isEcosystemPath, isMarkdownPlanPath, isNativePlanPath } from '../syntax/fileKinds';
import { scanSuppressions, type ScannedDirectives } from '../syntax/suppressions';
import { HELM_CHART_FILE, templateHomes } from '../syntax/templates';
import { basename, dirname } from '../util/paths';

interface IndexedFile {
  readonly version: number;
  readonly facts: FileFacts;
}

/** A file whose meaning depends on companions (a Procfile): kept as text so that it can be read again when they change. */
interface DependentFile {
  readonly text: string;
  readonly companions: readonly string[];
}

/**
 * Every occurrence of the workspace, per file, plus the plan. Updated one file at a time: a change
 * re-extracts that file only; the plan is reloaded only when a plan file changes. `generation`
 * increases on every change so that derived results (checks, ownership) can be cached per state.
 */
export class WorkspaceIndex {
  readonly #files = new Map<string, IndexedFile>();
  /** The facts `facts()` yields, kept in step with `#files` (same order) so that readers need not copy them per change. */
  readonly #visible = new Map<string, FileFacts>();
  /** The visible files with at least one occurrence, in the same order: all a topology walks (most files of a large tree have none). */
  readonly #occurring = new Map<string, FileFacts>();
  /** The visible files whose facts may shape others (see `hasShapingFacts`), in the same order: what ownership and the frame walk. */
  readonly #shaping = new Map<string, FileFacts>();
  /** Files re-extracted or removed since the last `takeChanged()`: what incremental checks look at again. */
  readonly #changed = new Set<string>();
  readonly #planTexts = new Map<string, string>();
  /** Texts of the committed config candidates (`port-schema.config.jsonc`, the configured config file). */
  readonly #configTexts = new Map<string, string>();
  /** Suppression comments of the files that have any. */
  readonly #directives = new Map<string, ScannedDirectives>();
  #configuredConfig: string | undefined;
  #configGeneration = 0;
  /** Texts of files some extractor may read as another file's companion (`.env`, `bin/dev`): small, and few. */
  readonly #companionTexts = new Map<string, string>();
  readonly #dependents = new Map<string, DependentFile>();
  /** Companion path → the dependents that read it. */
  readonly #readers = new Map<string, Set<string>>();
  #configuredMatcher: ((path: string) => boolean) | undefined;
  #configured: readonly string[] = [];
  #plan: PortPlan | undefined;
  #planProblems: readonly PlanProblem[] = [];
  #generation = 0;
  #structureGeneration = 0;
  #layoutGeneration = 0;
  #planGeneration = 0;
  /** Folders holding an indexed `Chart.yaml`: Helm charts, whose `templates/` are not read. */
  readonly #charts = new Set<string>();
  /** Charts and template folders already said in the log: once each, not once per file or edit. */
  readonly #templatesLogged = new Set<string>();

  constructor(
    readonly extractors: readonly Extractor[],
    readonly logger: ILogger,
    configuredPlanFiles: readonly string[] = [],
    readonly store?: FactsStore,
  ) {
    this.configuredPlanFiles = configuredPlanFiles;
  }

  /** The user's `portSchema.schemaFiles` globs; empty means "pick by name". Set before (re)indexing. */
  get configuredPlanFiles(): readonly string[] {
    return this.#configured;
  }

  set configuredPlanFiles(globs: readonly string[]) {
    this.#configured = globs;
    this.#configuredMatcher = globs.length ? picomatch(globs as string[], { dot: true }) : undefined;
  }

  /** The config file the user named (`--config`); undefined: found by name beside the plan. */
  get configuredConfigFile(): string | undefined {
    return this.#configuredConfig;
  }

  set configuredConfigFile(path: string | undefined) {
    if (path === this.#configuredConfig) return;
    this.#configuredConfig = path;
    this.#configGeneration++;
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

  /** Changes when the visible paths or a file's declared package name change: what the folder layout of ownership is made of. */
  get layoutGeneration(): number {
    return this.#layoutGeneration;
  }

  /** Changes when a committed-config candidate changes. */
  get configGeneration(): number {
    return this.#configGeneration;
  }

  /** Changes when the plan is reloaded. */
  get planGeneration(): number {
    return this.#planGeneration;
  }

  /** The plan, or undefined when the workspace has none. Keeps the last good plan while a plan file is malformed. */
  get plan(): PortPlan | undefined {
    return this.#plan;
  }

  /** Problems found loading the plan (parse errors), positioned in the plan files. */
  get planProblems(): readonly PlanProblem[] {
    return this.#planProblems;
  }

  /**
   * Every indexed file's facts (a live view: do not hold it across changes), but a Helm chart's
   * templates: they are not YAML until rendered, whatever they hold.
   */
  *facts(): IterableIterator<[string, FileFacts]> {
    yield* this.#visible;
  }

  /** The same facts as `facts()`, as a live map: it changes with the index, so read it within one state. */
  get factsByPath(): ReadonlyMap<string, FileFacts> {
    return this.#visible;
  }

  /** The visible files that have occurrences, in index order (a live map, like `factsByPath`). */
  get occurringFacts(): ReadonlyMap<string, FileFacts> {
    return this.#occurring;
  }

  /** The visible files whose facts shape others, in index order (a live map, like `factsByPath`). */
  get shapingFacts(): ReadonlyMap<string, FileFacts> {
    return this.#shaping;
  }

  /** The files whose facts changed (or that went away) since the last call. */
  takeChanged(): string[] {
    const paths = [...this.#changed];
    this.#changed.clear();
    return paths;
  }

  get fileCount(): number {
    return this.#files.size;
  }

  /** Current text of each plan file (selected or candidate), for plan edits. */
  get planTexts(): ReadonlyMap<string, string> {
    return this.#planTexts;
  }

  /** Current text of each committed-config candidate. */
  get configTexts(): ReadonlyMap<string, string> {
    return this.#configTexts;
  }

  /** Suppression comments, by file (only files that have some). */
  get directives(): ReadonlyMap<string, ScannedDirectives> {
    return this.#directives;
  }

  has(path: string): boolean {
    return this.#files.has(path);
  }

  /**
   * Whether `update` needs this version's text: a reader, the plan or the config claims it by name,
   * and the store holds no facts for it. Any other file is indexed all the same, as holding nothing
   * (its text would change nothing).
   */
  readonly wantsText = (path: string, version: number): boolean =>
    (isReadByName(this.extractors, path) || this.isPlanCandidate(path) || this.isConfigCandidate(path)) &&
    this.#stored(path, version) === undefined;

  /**
   * Whether a file's facts can be kept between runs: they depend on its text alone. A dependent
   * (a Procfile) depends on its companions, and the index keeps the text of companions, plan and
   * config files: those are always read.
   */
  #storable(path: string): boolean {
    return !this.isPlanCandidate(path) && !this.isConfigCandidate(path) && !isCompanionFile(this.extractors, path) && companionsOf(this.extractors, path).length === 0;
  }

  /** Keeps a storable file's facts for this version (see `#storable`). */
  #store(path: string, version: number, facts: FileFacts, directives: ScannedDirectives | undefined): void {
    this.store?.set(path, version, directives ? { facts, directives } : { facts });
  }

  #stored(path: string, version: number): StoredFacts | undefined {
    return this.store && this.#storable(path) ? this.store.get(path, version) : undefined;
  }

  /**
   * Indexes or re-indexes one file. Returns false when nothing changed: the version is the indexed
   * one, or the new text says exactly what the indexed one did (see `#saysTheSame`).
   * Plan files are kept as text too; `reloadPlan` must follow a batch of plan changes.
   */
  update(path: string, version: number, text: string): boolean {
    const current = this.#files.get(path);
    if (current && current.version === version) return false;
    if (isCompanionFile(this.extractors, path)) this.#companionTexts.set(path, text);
    this.#trackDependent(path, text);
    const chartsChanged = this.#noteChart(path, true);
    // Asked once: it asks every reader about the path.
    const storable = this.#storable(path);
    const stored = storable ? this.store?.get(path, version) : undefined;
    const extracted = stored?.facts ?? this.#read(path, text);
    const directives = stored ? (stored.directives ?? NO_DIRECTIVES) : scanSuppressions(path, text);
    if (current && storable && !chartsChanged && this.#saysTheSame(path, current.facts, extracted, directives)) {
      // The indexed facts are kept (the checks reuse their verdicts by occurrence), under the new version.
      this.#files.set(path, { version, facts: current.facts });
      this.#store(path, version, current.facts, this.#directives.get(path));
      return false;
    }
    const facts = this.#extract(path, version, extracted, chartsChanged);
    if (this.isPlanCandidate(path)) this.#planTexts.set(path, text);
    if (this.isConfigCandidate(path)) {
      this.#configTexts.set(path, text);
      this.#configGeneration++;
    }
    const hasDirectives = this.#noteDirectives(path, directives);
    if (storable && !stored) this.#store(path, version, facts, hasDirectives ? directives : undefined);
    this.#rereadReadersOf(path);
    this.#generation++;
    return true;
  }

  remove(path: string): boolean {
    const had = this.#files.delete(path);
    this.#visible.delete(path);
    this.#occurring.delete(path);
    this.#shaping.delete(path);
    if (had) this.#changed.add(path);
    this.#planTexts.delete(path);
    if (this.#configTexts.delete(path)) this.#configGeneration++;
    this.#directives.delete(path);
    this.#trackDependent(path, undefined);
    if (this.#companionTexts.delete(path)) this.#rereadReadersOf(path);
    if (this.#noteChart(path, false)) this.#revealAll();
    if (had) {
      this.#generation++;
      this.#structureGeneration++;
      this.#layoutGeneration++;
    }
    return had;
  }

  /**
   * Whether a new text of an indexed file says what the indexed one did: the same facts and the
   * same suppression comments. Only asked of a file whose facts stand for its text (see `#storable`:
   * no plan, config or companion, whose text is read beyond its facts). An editor opening a file as
   * the disk has it, or a keystroke in a comment or after the last port of a line, then checks
   * nothing again; opening fifty files of a 52k-file tree used to re-check all of it.
   */
  #saysTheSame(path: string, indexed: FileFacts, facts: FileFacts, directives: ScannedDirectives): boolean {
    const count = facts.occurrences.length;
    if (indexed.occurrences.length !== count || count > MAX_COMPARED_OCCURRENCES) return false;
    // Facts are plain data (the facts cache stores them as JSON): equal as JSON, equal for every check.
    const scanned = this.#directives.get(path) ?? NO_DIRECTIVES;
    return JSON.stringify(indexed) === JSON.stringify(facts) && JSON.stringify(scanned) === JSON.stringify(directives);
  }

  #read(path: string, text: string): FileFacts {
    return extractFile(this.extractors, path, text, this.logger, this.#companionTextsOf(path));
  }

  /** Takes a file's facts, read or stored; `structureChanged` when something beside it (a chart coming or going) changes how it is read. */
  #extract(path: string, version: number, facts: FileFacts, structureChanged = false): FileFacts {
    const current = this.#files.get(path);
    if (!current || !sameStructure(current.facts, facts) || structureChanged) this.#structureGeneration++;
    if (!current || current.facts.declaredName !== facts.declaredName) this.#layoutGeneration++;
    this.#files.set(path, { version, facts });
    this.#changed.add(path);
    if (structureChanged) this.#revealAll();
    else if (!this.#chartOf(path)) this.#show(path, facts, current === undefined);
    this.#logTemplate(path, facts.template);
    return facts;
  }

  /** Keeps the visible maps in index order: a new file goes last in both; one that gains its first occurrence is placed by a relisting. */
  #show(path: string, facts: FileFacts, added: boolean): void {
    this.#visible.set(path, facts);
    const placed = [this.#place(this.#occurring, path, facts, added, facts.occurrences.length > 0), this.#place(this.#shaping, path, facts, added, hasShapingFacts(path, facts))];
    if (!placed.every(Boolean)) this.#listSubsets();
  }

  /** Keeps `path` in or out of one subset of the visible files; false when it joins one it was not in (only a relisting keeps the order then). */
  #place(subset: Map<string, FileFacts>, path: string, facts: FileFacts, added: boolean, belongs: boolean): boolean {
    if (!belongs) subset.delete(path);
    else if (added || subset.has(path)) subset.set(path, facts);
    else return false;
    return true;
  }

  /** A chart came or went: which files are templates changed, so the visible facts are listed again in index order. */
  #revealAll(): void {
    this.#layoutGeneration++;
    this.#visible.clear();
    for (const [path, f] of this.#files) if (!this.#chartOf(path)) this.#visible.set(path, f.facts);
    this.#listSubsets();
  }

  #listSubsets(): void {
    this.#occurring.clear();
    this.#shaping.clear();
    for (const [path, facts] of this.#visible) {
      if (facts.occurrences.length) this.#occurring.set(path, facts);
      if (hasShapingFacts(path, facts)) this.#shaping.set(path, facts);
    }
  }

  /** The texts of the companions a dependent names that the workspace has; undefined for other files. */
  #companionTextsOf(path: string): Map<string, string> | undefined {
    const dependent = this.#dependents.get(path);
    if (!dependent) return undefined;
    const texts = new Map<string, string>();
    for (const c of dependent.companions) {
      const text = this.#companionTexts.get(c);
      if (text !== undefined) texts.set(c, text);
    }
    return texts;
  }

  /** Records (or forgets, with no text) the companions a file's extractors read. */
  #trackDependent(path: string, text: string | undefined): void {
    for (const c of this.#dependents.get(path)?.companions ?? []) {
      const readers = this.#readers.get(c);
      readers?.delete(path);
      if (readers?.size === 0) this.#readers.delete(c);
    }
    this.#dependents.delete(path);
    const companions = text === undefined ? [] : companionsOf(this.extractors, path);
    if (!companions.length) return;
    this.#dependents.set(path, { text: text!, companions });
    for (const c of companions) {
      const readers = this.#readers.get(c);
      if (readers) readers.add(path);
      else this.#readers.set(c, new Set([path]));
    }
  }

  /** A companion changed: the files that read it are extracted again (same version, new facts). */
  #rereadReadersOf(path: string): void {
    for (const reader of this.#readers.get(path) ?? []) {
      const dependent = this.#dependents.get(reader);
      const indexed = this.#files.get(reader);
      if (dependent && indexed && reader !== path) this.#extract(reader, indexed.version, this.#read(reader, dependent.text));
    }
  }

  /** Records a `Chart.yaml` coming or going; true when the set of charts changed. */
  #noteChart(path: string, present: boolean): boolean {
    if (basename(path) !== HELM_CHART_FILE) return false;
    const chart = dirname(path);
    if (this.#charts.has(chart) === present) return false;
    if (present) this.#charts.add(chart);
    else this.#charts.delete(chart);
    if (present) this.#logTemplates(chart, 'Helm chart templates', undefined);
    return true;
  }

  /** The chart whose `templates/` hold `path`, if any. */
  #chartOf(path: string): string | undefined {
    if (this.#charts.size === 0) return undefined;
    return templateHomes(path).find((home) => this.#charts.has(home));
  }

  /** Says once per chart (or template folder) that its templates are skipped, naming the first one met. */
  #logTemplate(path: string, language: string | undefined): void {
    const chart = this.#chartOf(path);
    if (chart !== undefined) this.#logTemplates(chart, 'Helm chart templates', path);
    else if (language) this.#logTemplates(templateHomes(path)[0] ?? dirname(path), `${language} templates`, path);
  }

  #logTemplates(home: string, what: string, first: string | undefined): void {
    if (this.#templatesLogged.has(home)) return;
    this.#templatesLogged.add(home);
    const skipped = first ? `${first} and any other there are` : `${home ? `${home}/` : ''}templates/ is`;
    this.logger.log('info', `${home || '(workspace root)'}: ${what} are not YAML until rendered, so ${skipped} not read`);
  }

  /** Keeps a file's suppression comments; false when it has none. */
  #noteDirectives(path: string, scanned: ScannedDirectives): boolean {
    const any = scanned.directives.length > 0 || scanned.problems.length > 0;
    if (any) this.#directives.set(path, scanned);
    else this.#directives.delete(path);
    return any;
  }

  isConfigCandidate(path: string): boolean {
    return isConfigFilePath(path) || path === this.#configuredConfig;
  }

  isPlanCandidate(path: string): boolean {
    return isNativePlanPath(path) || isMarkdownPlanPath(path) || isEcosystemPath(path) || Boolean(this.#configuredMatcher?.(path));
  }

  /** The plan files in force now. */
  selectedPlanFiles(): string[] {
    return selectPlanFiles([...this.#planTexts.keys()], this.configuredPlanFiles.length ? this.configuredPlanFiles : undefined);
  }

  /** Re-reads the plan from the selected files; keeps the last good plan when the new one does not parse. */
  reloadPlan(): void {
    const selected = this.selectedPlanFiles();
    if (selected.length === 0) {
      this.#plan = undefined;
      this.#planProblems = [];
      this.#generation++;
      this.#planGeneration++;
      return;
    }
    const loaded = loadPlan(selected.map((path) => ({ path, text: this.#planTexts.get(path) ?? '' })));
    const parseFailed = loaded.problems.some((p) => p.rule === 'schema-parse' && p.severity === 'error');
    this.#planProblems = loaded.problems;
    if (!parseFailed || !this.#plan) this.#plan = parseFailed ? { ...emptyPlan(), files: selected, problems: loaded.problems } : loaded;
    if (parseFailed) this.logger.log('warn', `plan ${selected.join(', ')} does not parse; keeping the last good plan`);
    this.#generation++;
    this.#planGeneration++;
  }
}

/** A file without suppression comments. */
const NO_DIRECTIVES: ScannedDirectives = { directives: [], problems: [] };
/** Past this many occurrences (a pasted megabyte of ports) comparing two readings costs more than checking again. */
const MAX_COMPARED_OCCURRENCES = 2000;

/**
 * Whether a file's facts may say something about other files: anything beside its occurrences
 * (Compose projects, what it copies, runs or starts, Kubernetes objects, a package name, read
 * problems), an env file's settings, a Kubernetes workload's ports. Ownership and the frame walk
 * only these files; a file more than needed changes nothing but the time.
 */
function hasShapingFacts(path: string, facts: FileFacts): boolean {
  for (const key in facts) if (key !== 'occurrences' && facts[key as keyof FileFacts] !== undefined) return true;
  return isDotenvPath(path) || facts.occurrences.some((o) => o.source === 'k8s');
}

/** Everything but the occurrences: what ownership and the run contexts are derived from. */
function sameStructure(a: FileFacts, b: FileFacts): boolean {
  const { occurrences: _a, ...structureA } = a;
  const { occurrences: _b, ...structureB } = b;
  return JSON.stringify(structureA) === JSON.stringify(structureB);
}
