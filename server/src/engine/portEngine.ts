import picomatch from 'picomatch';
import { nextFree, type NextFree } from './allocate/nextFree';
import type { Finding } from './checks/finding';
import { CheckedState, touchedBetween } from './checks/reuse';
import { finishChecks, planFindings, type ParseErrorFilter, type RuleSettings } from './checks/runChecks';
import { applySuppressions } from './checks/suppressions';
import type { CommittedConfig } from './config/committedConfig';
import { applyConfigToPlan, loadCommittedConfig } from './config/loadConfig';
import type { PortEdit } from './edit';
import { defaultExtractors } from './extract/extractors';
import type { Extractor, FileFacts } from './extract/extractor';
import { codeActionsAt, fixAllIn, type CodeAction, type CodeActionKind } from './features/codeActions';
import { completionsAt, type PortCompletion } from './features/completion';
import { createPlanText } from './features/createPlan';
import { fingerprintFindings } from './features/fingerprints';
import { suppressionFixes, type ConfigTarget } from './features/suppress';
import { forwardedPortLabels, type ForwardedPortLabels } from './features/forwardedPorts';
import { hoverAt, type HoverResult, type LinkFor } from './features/hover';
import { planLenses, type PlanLens } from './features/planLenses';
import { portInfo, type PortInfo } from './features/portInfo';
import { buildPortMap, formatPortMap, type PortMap } from './features/portMap';
import { buildPortTree, portTreeMarkdown, type PortTree } from './features/portTree';
import { alignCodeWithPlan, alignPlanWithCode, type Reconciliation } from './features/reconcile';
import { renameTarget, renumberAt } from './features/rename';
import { definitionAt, linksIn, sitesAt, type PortLink, type PortSite, type PortSites } from './features/sites';
import { livePorts, type EngineState } from './features/state';
import { noopToken, type CancellationToken, type FactsStore, type ILogger, type IWorkspace, type LiveListener } from './host';
import { WorkspaceIndex } from './index/workspaceIndex';
import { defaultSettings, type EngineSettings } from './settings';
import type { Position, Range } from './text';
import type { PortPlan } from './plan/portPlan';
import { isNativePlanPath } from './syntax/fileKinds';
import { FolderLayout, OwnershipResolver } from './topology/ownership';
import { TopologyFrame } from './topology/frame';
import { Topology, type TopologyEdit } from './topology/topology';
import { groupBy } from './util/arrays';

export interface PortEngineInit {
  readonly workspace: IWorkspace;
  readonly logger: ILogger;
  readonly settings?: EngineSettings;
  readonly extractors?: readonly Extractor[];
  /** Facts kept from an earlier run, restored instead of read again. */
  readonly facts?: FactsStore;
}

export type ProgressReporter = (done: number, total: number) => void;

/** Which side a reconcile moves: the code to the plan's ports, or the plan to the code's. */
export type ReconcileDirection = 'align-code' | 'align-plan';

/** A folder at a glance, without running the checks: for a status item and a log line. */
export interface EngineStatus {
  readonly planFiles: readonly string[];
  readonly plannedServices: number;
  /** Files indexed. */
  readonly files: number;
}

/**
 * What the committed config asks of the shell: the file it came from, and the globs its walk of the
 * folder adds to its own (workspace-relative). Rules, ignore entries and contexts the engine applies itself.
 */
export interface ConfigWalk {
  readonly file: string | undefined;
  readonly include: readonly string[];
  readonly exclude: readonly string[];
}

/** What F2 would renumber at a position: the literal's range and its port. */
export interface RenameSpot {
  readonly range: Range;
  readonly port: number;
}

/**
 * The engine of one workspace folder, and the only way in: the server, the CLI and the tests drive
 * this same object. It never touches LSP, VS Code or the file system itself; every answer is a
 * domain value the shells translate.
 */
export interface PortEngine {
  readonly settings: EngineSettings;
  /** New settings: a changed plan selection reloads the plan; rule severities apply on the next check. */
  configure(settings: EngineSettings): void;
  /** Reads and indexes every candidate file of the workspace, then loads the plan. */
  indexAll(progress?: ProgressReporter, token?: CancellationToken): Promise<void>;
  /** Re-indexes one file from text the host supplies (an open editor buffer, or disk after a change). False when nothing changed. */
  updateFile(path: string, version: number, text: string): boolean;
  removeFile(path: string): boolean;
  isIndexed(path: string): boolean;
  /** The plan files in force now (empty without a plan). */
  planFiles(): readonly string[];
  /** The committed config in force and the file globs it adds: the shell walks the folder with them. */
  committedConfig(): ConfigWalk;
  status(): EngineStatus;
  /** Every finding of the workspace, sorted by file and position. */
  findings(): readonly Finding[];
  findingsIn(path: string): readonly Finding[];
  /** The files that have findings, in the order of `findings()`, each with its own, in that order. */
  findingsByFile(): ReadonlyMap<string, readonly Finding[]>;
  /**
   * A fingerprint of each finding of `findings()` that survives line moves (rule, port, context and
   * the site's service, kind, file and ordinal): SARIF `partialFingerprints`, baselines.
   */
  fingerprints(): ReadonlyMap<Finding, string>;
  hover(path: string, position: Position, linkFor: LinkFor): HoverResult | undefined;
  /** The actions for `range` in `path`, of the kinds asked for (every kind but fix-all when `only` is undefined). */
  codeActions(path: string, range: Range, only?: ReadonlySet<CodeActionKind>): CodeAction[];
  /** "Ignore this <rule> here" for the findings that touch `range`: a comment in `text` (the file as the editor has it), or an `ignore` entry in the committed config. */
  suppressionFixes(path: string, text: string, range: Range): CodeAction[];
  /** The safe fixes of one file (stale references pointed where their target listens), for fix-all on save. */
  fixAll(path: string): PortEdit;
  /** Every site of the port at a position (a literal or a plan row), grouped by run context: references (Shift+F12). */
  sites(path: string, position: Position): PortSites | undefined;
  /** Go to definition: a literal's plan row (a reference's target), a plan row's bind sites. */
  definition(path: string, position: Position): PortSite[];
  /** Document links: plan rows to their bind sites, references to where their target listens. */
  links(path: string): PortLink[];
  /** Free ports to complete where a port is being written (`text`: the document as the editor has it). */
  completions(path: string, text: string, position: Position): PortCompletion[];
  renameSpot(path: string, position: Position): RenameSpot | undefined;
  /** Renumbers the service at `position` to `to` everywhere: plan, binds, start scripts, docs, references. */
  rename(path: string, position: Position, to: number): PortEdit | undefined;
  /** The first `count` contiguous free ports of a plan range (by name) or of `START-END`; with live listeners on, ports in use are skipped. */
  nextFree(spec: string, count?: number): NextFree;
  map(): PortMap;
  /** The Port Map view: ranges → services → ports, with their sites and the free gaps. */
  tree(): PortTree;
  /** The plan against reality as Markdown ("Copy as Markdown"). */
  treeMarkdown(): string;
  /** Who a bare port belongs to and the next free one beside it (a terminal's `EADDRINUSE :::4101`). */
  portInfo(port: number): PortInfo;
  /** `portsAttributes` labels from the plan for the dev container config at `path` (`text`: its current text). */
  forwardedPortLabels(path: string, text: string): ForwardedPortLabels;
  /** What listens on this machine now, from the host (undefined: not watched). Findings do not depend on it. */
  setLiveListeners(live: readonly LiveListener[] | undefined): void;
  /** The map as aligned text (CLI `map`, the editor's "Show Port Map"). */
  mapText(): string;
  reconcile(direction: ReconcileDirection): Reconciliation;
  /** A first `ports.yaml` from what the workspace binds today. */
  createPlan(): string;
  /** One lens per plan row in `path`, saying what the code binds for it. */
  lenses(path: string): PlanLens[];
}

export function createPortEngine(init: PortEngineInit): PortEngine {
  return new WorkspaceEngine(init);
}

interface FindingsState {
  readonly generation: number;
  readonly value: Finding[];
  readonly byFile: Map<string, Finding[]>;
  fingerprints?: Map<Finding, string>;
}

const READ_BATCH = 64;

/**
 * The implementation behind `PortEngine`. Its `topology()` lets the engine's own tests look at the
 * derived model; the shells see only the interface (`api.ts` does not export this class).
 */
export class WorkspaceEngine implements PortEngine {
  readonly #workspace: IWorkspace;
  readonly #index: WorkspaceIndex;
  #settings: EngineSettings;
  #parseErrorsSilenced: ParseErrorFilter;
  #topologyCache: { generation: number; key: string; value: Topology } | undefined;
  /** The files edited since the cached topology; undefined when unknown (a full index, settings): it is then built anew. */
  #editedSinceTopology: Set<string> | undefined;
  #findings: FindingsState | undefined;
  #ownership: { key: string; value: OwnershipResolver } | undefined;
  /** Kept across edits that change facts but neither the paths nor a package's name (see `WorkspaceIndex.layoutGeneration`). */
  #layout: { generation: number; value: FolderLayout } | undefined;
  #frameState: { key: string; value: TopologyFrame } | undefined;
  /** The last checks, per unit, and the config key (plan, config, structure) they were made under. */
  #checkedState: { key: string; value: CheckedState } | undefined;
  #plan: { key: string; value: Finding[] } | undefined;
  #configState: { key: string; value: CommittedConfig; plan: PortPlan | undefined } | undefined;
  #live: readonly LiveListener[] | undefined;

  constructor(init: PortEngineInit) {
    this.#workspace = init.workspace;
    this.#settings = init.settings ?? defaultSettings;
    this.#parseErrorsSilenced = globMatcher(this.#settings.parseErrorsIgnore);
    this.#index = new WorkspaceIndex(init.extractors ?? defaultExtractors, init.logger, this.#settings.planFiles, init.facts);
    this.#index.configuredConfigFile = this.#settings.configFile;
  }

  get settings(): EngineSettings {
    return this.#settings;
  }

  configure(settings: EngineSettings): void {
    const planChanged = settings.planFiles.join('\n') !== this.#settings.planFiles.join('\n');
    this.#settings = settings;
    this.#parseErrorsSilenced = globMatcher(settings.parseErrorsIgnore);
    if (settings.configFile !== this.#index.configuredConfigFile) this.#topologyCache = undefined;
    this.#index.configuredConfigFile = settings.configFile;
    this.#findings = undefined;
    // The parse-error filter may have changed: nothing checked before is reused.
    this.#checkedState = undefined;
    if (planChanged) {
      this.#index.configuredPlanFiles = settings.planFiles;
      this.#index.reloadPlan();
    }
  }

  async indexAll(progress?: ProgressReporter, token: CancellationToken = noopToken): Promise<void> {
    this.#editedSinceTopology = undefined;
    const paths = await this.#workspace.list(token);
    // Batches bound how much text is held at once and give the host's event loop a turn between
    // them; the Node workspace reads synchronously (cheaper than promise round trips), others may overlap.
    for (let i = 0; i < paths.length; i += READ_BATCH) {
      if (token.isCancellationRequested) return;
      const batch = paths.slice(i, i + READ_BATCH);
      const files = await Promise.all(batch.map((p) => this.#workspace.read(p, this.#index.wantsText)));
      for (const file of files) if (file) this.#index.update(file.path, file.version, file.text);
      progress?.(Math.min(i + READ_BATCH, paths.length), paths.length);
    }
    this.#index.reloadPlan();
  }

  updateFile(path: string, version: number, text: string): boolean {
    const changed = this.#index.update(path, version, text);
    if (changed) this.#editedSinceTopology?.add(path);
    if (changed && this.#index.isPlanCandidate(path)) this.#index.reloadPlan();
    return changed;
  }

  removeFile(path: string): boolean {
    const removed = this.#index.remove(path);
    if (removed) this.#editedSinceTopology?.add(path);
    if (removed && this.#index.isPlanCandidate(path)) this.#index.reloadPlan();
    return removed;
  }

  isIndexed(path: string): boolean {
    return this.#index.has(path);
  }

  planFiles(): readonly string[] {
    return this.#index.selectedPlanFiles();
  }

  committedConfig(): ConfigWalk {
    const config = this.#config().value;
    return { file: config.file || undefined, include: config.include, exclude: config.exclude };
  }

  status(): EngineStatus {
    return { planFiles: this.planFiles(), plannedServices: this.#index.plan?.services.length ?? 0, files: this.#index.fileCount };
  }

  findings(): readonly Finding[] {
    return this.#currentFindings().value;
  }

  findingsIn(path: string): readonly Finding[] {
    return this.#currentFindings().byFile.get(path) ?? [];
  }

  findingsByFile(): ReadonlyMap<string, readonly Finding[]> {
    return this.#currentFindings().byFile;
  }

  fingerprints(): ReadonlyMap<Finding, string> {
    const state = this.#currentFindings();
    state.fingerprints ??= fingerprintFindings(this.topology(), state.value);
    return state.fingerprints;
  }

  hover(path: string, position: Position, linkFor: LinkFor): HoverResult | undefined {
    return hoverAt(this.#state(), path, position, linkFor);
  }

  codeActions(path: string, range: Range, only?: ReadonlySet<CodeActionKind>): CodeAction[] {
    return codeActionsAt(this.#state(), path, range, only);
  }

  fixAll(path: string): PortEdit {
    return fixAllIn(this.#state(), path);
  }

  sites(path: string, position: Position): PortSites | undefined {
    return sitesAt(this.topology(), path, position);
  }

  definition(path: string, position: Position): PortSite[] {
    return definitionAt(this.topology(), path, position);
  }

  links(path: string): PortLink[] {
    return linksIn(this.topology(), path);
  }

  completions(path: string, text: string, position: Position): PortCompletion[] {
    return completionsAt(this.#state(), path, text, position);
  }

  suppressionFixes(path: string, text: string, range: Range): CodeAction[] {
    return suppressionFixes(this.#state(), path, text, range, this.#configTarget());
  }

  /** The file an `ignore` entry goes to: the committed config in force, else the native plan. */
  #configTarget(): ConfigTarget | undefined {
    const file = this.#config().value.file || this.planFiles().find((p) => isNativePlanPath(p));
    const text = file && (this.#index.configTexts.get(file) ?? this.#index.planTexts.get(file));
    return file && text !== undefined ? { file, text } : undefined;
  }

  renameSpot(path: string, position: Position): RenameSpot | undefined {
    const target = renameTarget(this.#state(), path, position);
    return target && { range: target.range, port: target.port };
  }

  rename(path: string, position: Position, to: number): PortEdit | undefined {
    return renumberAt(this.#state(), path, position, to);
  }

  nextFree(spec: string, count = 1): NextFree {
    return nextFree(this.topology(), spec, count, livePorts(this.#state()));
  }

  tree(): PortTree {
    return buildPortTree(this.topology(), this.planFiles(), livePorts(this.#state()));
  }

  treeMarkdown(): string {
    return portTreeMarkdown(this.tree());
  }

  portInfo(port: number): PortInfo {
    return portInfo(this.#state(), port);
  }

  forwardedPortLabels(path: string, text: string): ForwardedPortLabels {
    return forwardedPortLabels(this.topology(), path, text);
  }

  setLiveListeners(live: readonly LiveListener[] | undefined): void {
    this.#live = live;
  }

  map(): PortMap {
    return buildPortMap(this.topology());
  }

  mapText(): string {
    return formatPortMap(this.map(), this.planFiles());
  }

  reconcile(direction: ReconcileDirection): Reconciliation {
    return direction === 'align-code' ? alignCodeWithPlan(this.#state()) : alignPlanWithCode(this.#state());
  }

  createPlan(): string {
    return createPlanText(this.topology());
  }

  lenses(path: string): PlanLens[] {
    return planLenses(this.topology(), path);
  }

  #state(): EngineState {
    return {
      topology: this.topology(),
      planTexts: this.#index.planTexts,
      findings: () => this.findings(),
      findingsIn: (path) => this.findingsIn(path),
      ...(this.#live ? { live: this.#live } : {}),
    };
  }

  /** Owners, listeners and namespaces of the current state (cached until the next change). */
  topology(): Topology {
    const generation = this.#index.generation;
    if (this.#topologyCache?.generation !== generation) {
      const planFiles = new Set(this.#index.selectedPlanFiles());
      const files = this.#index.factsByPath;
      const { key, value: config, plan } = this.#config();
      const declared = plan ? plan.contexts : config.contexts;
      const ownership = this.#ownershipResolver(files);
      const frame = this.#frame(key, ownership, declared);
      this.#topologyCache = { generation, key, value: new Topology(plan, files, planFiles, ownership, declared, frame, this.#index.occurringFacts, this.#edit(key)) };
      this.#editedSinceTopology = new Set();
    }
    return this.#topologyCache.value;
  }

  /** One file edited since the cached topology, under the same plan, config and structure (`key`): the topology may be patched for it. */
  #edit(key: string): TopologyEdit | undefined {
    const cached = this.#topologyCache;
    const edited = this.#editedSinceTopology;
    if (cached?.key !== key || edited?.size !== 1) return undefined;
    return { previous: cached.value, file: edited.values().next().value! };
  }

  /**
   * The committed config and the plan as it adjusts it; read again when the plan, a config file or
   * the set of files changes (a context names files), or the settings name another config file.
   */
  #config(): { key: string; value: CommittedConfig; plan: PortPlan | undefined } {
    const index = this.#index;
    const key = `${index.planGeneration}:${index.configGeneration}:${index.structureGeneration}`;
    if (this.#configState?.key !== key) {
      const value = loadCommittedConfig({
        planFiles: index.selectedPlanFiles(),
        planTexts: index.planTexts,
        configTexts: index.configTexts,
        configured: index.configuredConfigFile,
        hasFile: (path) => index.has(path),
      });
      this.#configState = { key, value, plan: applyConfigToPlan(index.plan, value) };
    }
    return this.#configState;
  }

  /** The frame follows the shape of the tree, the plan and the config (declared contexts): a keystroke keeps it. */
  #frame(configKey: string, ownership: OwnershipResolver, declared: PortPlan['contexts']): TopologyFrame {
    if (this.#frameState?.key !== configKey) this.#frameState = { key: configKey, value: new TopologyFrame(this.#index.shapingFacts, ownership, declared) };
    return this.#frameState.value;
  }

  /** Ownership changes only with the plan or the shape of the tree, not with each keystroke: reuse it (and its caches) until then. */
  #ownershipResolver(files: ReadonlyMap<string, FileFacts>): OwnershipResolver {
    const key = `${this.#index.structureGeneration}:${this.#index.planGeneration}`;
    if (this.#ownership?.key !== key) this.#ownership = { key, value: new OwnershipResolver(this.#index.plan, files, this.#folderLayout(files), this.#index.shapingFacts) };
    return this.#ownership.value;
  }

  #folderLayout(files: ReadonlyMap<string, FileFacts>): FolderLayout {
    const generation = this.#index.layoutGeneration;
    if (this.#layout?.generation !== generation) this.#layout = { generation, value: new FolderLayout(files) };
    return this.#layout.value;
  }

  #currentFindings(): FindingsState {
    const generation = this.#index.generation;
    if (this.#findings?.generation !== generation) {
      const { key, value: config, plan } = this.#config();
      if (this.#plan?.key !== key) this.#plan = { key, value: [...planFindings(plan, this.#index.planProblems), ...config.problems] };
      // Built-in defaults < the committed config < the editor's settings or the CLI's flags.
      const rules: RuleSettings = { ...config.rules, ...this.#settings.rules };
      const checked = this.#checked(key);
      const suppressions = { directives: this.#index.directives, ignore: config.ignore, reportUnused: this.#settings.reportUnusedDisables ?? false };
      const value = applySuppressions(finishChecks(this.#plan.value, checked.findings, rules), suppressions, rules);
      this.#findings = { generation, value, byFile: groupBy(value, (f) => f.file) };
    }
    return this.#findings;
  }

  /**
   * The checks of the current topology. After an edit that keeps the shape of the workspace (same
   * plan, config and structure: `configKey`), the previous state's findings are reused for every
   * port, site and reference the changed files do not touch; anything else is checked in full.
   */
  #checked(configKey: string): CheckedState {
    const topology = this.topology();
    const changed = this.#index.takeChanged();
    const previous = this.#checkedState;
    const touched = previous?.key === configKey ? touchedBetween(previous.value.topology, topology, changed) : undefined;
    const value = new CheckedState(topology, this.#parseErrorsSilenced, previous && touched ? { state: previous.value, touched } : undefined);
    this.#checkedState = { key: configKey, value };
    return value;
  }
}

function globMatcher(globs: readonly string[] = []): (path: string) => boolean {
  return globs.length ? picomatch([...globs], { dot: true }) : () => false;
}
