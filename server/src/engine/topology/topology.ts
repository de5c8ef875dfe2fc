import type { ComposeServiceFacts, FileFacts, FileProblem, KubernetesObject } from '../extract/extractor';
import type { PortOccurrence } from '../extract/occurrence';
import { rangeContains, type PlannedPort, type PortRange, type PortPlan, type ServiceEntry } from '../plan/portPlan';
import { isComposePath, isDockerfilePath, isDotenvPath } from '../syntax/fileKinds';
import { isListenKey } from '../syntax/names';
import type { ComposeEnv, EnvPortSetting } from './envFiles';
import { CLUSTER_CONTEXT, NODE_CONTEXT, OWN_CONTEXT, type RunContext } from './contexts';
import { TopologyFrame } from './frame';
import { groupListeners, portsOf, type Listener, type ListenerSite } from './listeners';
import type { Owner, OwnershipResolver } from './ownership';
import { appendAll } from '../util/arrays';

/** A Compose service in one project: its definition (merged over the project's files) and where it listens. */
export interface ProjectService {
  readonly key: string;
  readonly owner: Owner;
  readonly project: RunContext;
  readonly facts: ComposeServiceFacts;
  /** Names it answers to on the project's network: its key, `container_name`, `hostname`. */
  readonly names: readonly string[];
  /** Ports inside its container: mapping container sides, `expose:`, an env override, else the image's EXPOSE and its code's defaults. */
  readonly containerPorts: Set<number>;
  /** Ports it publishes on the project's machine. */
  readonly hostPorts: Set<number>;
  /** Its environment sets the process's own port (`PORT: 3010`): the code's default does not apply here. */
  overridden: boolean;
  /**
   * Its container ports are all known: it runs workspace code (a `build:`, code defaults, an image
   * of ours), its `expose:` or command line lists them, or its environment sets its port. A third-party image listens on ports nobody wrote
   * down here (mailpit's SMTP 1025 beside its published UI), so its list is only a lower bound.
   */
  portsComplete: boolean;
}

/**
 * The workspace as it runs, derived from one index state: who owns each occurrence, the run
 * contexts (each Compose project, processes on their own, the cluster), and in each context the
 * listeners by port. The checks, hovers and code actions read it; built once per index generation.
 */
export class Topology {
  /** Every occurrence that opens a port where its context runs, in file order. */
  readonly sites: ListenerSite[] = [];
  /** The listeners of each port: one per owner, context, address and protocol, each with its sites. */
  readonly listenersByPort = new Map<number, Listener[]>();
  /** Listeners of each planned service: what reference checks and plan lenses compare against. */
  readonly listenersByService = new Map<ServiceEntry, Listener[]>();
  /** Every port an owner opens anywhere (host or container), by normalised owner name: targets of references elsewhere. */
  readonly portsByOwnerName = new Map<string, Set<number>>();
  /** The occurrences of each file that has some, in index order. */
  readonly occurrencesByFile: ReadonlyMap<string, readonly PortOccurrence[]>;
  /** Every run context with a listener or a Compose file: on its own first, then each Compose project. */
  readonly contexts: RunContext[];
  readonly #projects: readonly RunContext[];
  readonly #projectsOfFile: ReadonlyMap<string, readonly RunContext[]>;
  readonly #services = new Map<string, ProjectService>();
  readonly #ownContexts = new Map<string, RunContext>();
  /** Container ports of the images (Dockerfile EXPOSE and ENV), per owner. */
  readonly #imagePorts = new Map<string, Set<number>>();
  readonly #imageOverrides = new Set<string>();
  readonly #clusterPorts = new Map<string, Set<number>>();
  readonly #startedOnItsOwn: ReadonlySet<string>;
  /** Why files (plans aside: they report their own problems) could not be read, by file. */
  readonly problemsByFile: ReadonlyMap<string, readonly FileProblem[]>;
  #occurrenceAt: Map<string, PortOccurrence> | undefined;
  #byPort: Map<number, PortOccurrence[]> | undefined;
  #siteContexts: Map<PortOccurrence, RunContext> | undefined;
  #byProject: Map<string, ProjectService[]> | undefined;
  #byOwner: Map<string, ProjectService[]> | undefined;
  #listeningOwners: Map<string, Owner> | undefined;
  #listenersByOwner: Map<string, Listener[]> | undefined;
  /** Per owner id: an owner's contexts follow from the services alone, asked once per reference. */
  readonly #contextsOfOwner = new Map<string, readonly RunContext[]>();
  readonly #frame: TopologyFrame;
  /** Every site before grouping, in the order they were placed: what an edit's patch starts from. */
  readonly #drafts: SiteDraft[] = [];
  /** Each file with occurrences, numbered in file order: the high part of its sites' ordinals (a patch keeps the files, and so the numbers). */
  readonly #fileKeys: ReadonlyMap<string, number>;
  /** Each file's place in the order occurrences are taken, once a patch needed it. */
  #takeRanks: ReadonlyMap<string, number> | undefined;
  readonly #defaults = new Map<string, DefaultsOfOwner>();
  /** How many container ports each service had, and whether its list was complete, before any defaults were placed. */
  readonly #beforeDefaults = new Map<ProjectService, { readonly ports: number; readonly complete: boolean }>();
  /** How many occurrences open each port of `portsByOwnerName`. */
  readonly #ownerPortCounts = new Map<string, Map<number, number>>();
  /** Names whose counts and ports this topology made (not shared with the one it was patched from). */
  readonly #ownNames = new Set<string>();

  /** Which env file values set which Compose ports (`${WEB_PORT}`), and which defaults they override. */
  readonly env: ComposeEnv;
  readonly #kubernetes: { readonly file: string; readonly object: KubernetesObject }[] = [];
  /**
   * `ownership` must have been built from the same plan and files; the engine reuses it while they
   * stay put. `declared` are the contexts the committed config declares (with a plan, also its `contexts`).
   * With `edit`, the earlier topology of the same plan, plan files, config and shape of the tree is
   * patched where the edit allows it (see `#patchable`), else everything is derived again.
   */
  constructor(
    readonly plan: PortPlan | undefined,
    files: ReadonlyMap<string, FileFacts>,
    readonly planFiles: ReadonlySet<string>,
    readonly ownership: OwnershipResolver,
    declared = plan?.contexts,
    frame = new TopologyFrame(files, ownership, declared),
    /** The files of `files` that have occurrences, in the same order, when the caller keeps them apart. */
    occurring: ReadonlyMap<string, FileFacts> = files,
    edit?: TopologyEdit,
  ) {
    this.#frame = frame;
    this.#projects = frame.projects;
    this.#projectsOfFile = frame.projectsOfFile;
    this.#startedOnItsOwn = frame.startedOnItsOwn;
    this.env = frame.envOf(files);
    const after = edit && occurring.get(edit.file)?.occurrences;
    const affected = edit && after ? this.#patchable(edit, after) : undefined;
    if (edit && after && affected) {
      const changedFiles = new Set<string>();
      this.occurrencesByFile = this.#patch(edit.previous, edit.file, after, affected, changedFiles);
      this.problemsByFile = edit.previous.problemsByFile;
      this.#fileKeys = edit.previous.#fileKeys;
      this.#regroup(edit.previous, changedFiles);
    } else {
      this.occurrencesByFile = this.#build(files, occurring);
      this.problemsByFile = this.#problems(files);
      this.#fileKeys = fileKeys(this.occurrencesByFile);
      this.#groupAll();
    }
    this.contexts = [OWN_CONTEXT, ...this.#ownContexts.values(), ...this.#projects];
  }

  /** Everything from the facts: each occurrence where it listens, then the owners' defaults and the images' ports. */
  #build(files: ReadonlyMap<string, FileFacts>, occurring: ReadonlyMap<string, FileFacts>): Map<string, readonly PortOccurrence[]> {
    this.#collectServices(this.#frame);
    const byFile = new Map<string, readonly PortOccurrence[]>();
    for (const path of this.#frame.objectPaths) for (const object of files.get(path)!.kubernetes ?? []) this.#kubernetes.push({ file: path, object });
    for (const [path, facts] of occurring) {
      byFile.set(path, facts.occurrences);
      const isPlan = this.planFiles.has(path);
      for (const occ of facts.occurrences) this.#take(occ, isPlan, this.#defaults);
    }
    for (const service of this.#services.values()) this.#beforeDefaults.set(service, { ports: service.containerPorts.size, complete: service.portsComplete });
    for (const { owner, occurrences } of this.#defaults.values()) this.#placeDefaults(owner, occurrences);
    this.#placeImagePorts(this.#services.values());
    return byFile;
  }

  #problems(files: ReadonlyMap<string, FileFacts>): Map<string, readonly FileProblem[]> {
    const problems = new Map<string, readonly FileProblem[]>();
    for (const path of this.#frame.objectPaths) {
      const facts = files.get(path)!;
      if (facts.problems && !this.planFiles.has(path)) problems.set(path, facts.problems);
    }
    return problems;
  }

  /** One occurrence of a file (`isPlan`: a plan file): its owner's ports, and where it listens or which defaults it joins. */
  #take(occ: PortOccurrence, isPlan: boolean, defaults: Map<string, DefaultsOfOwner>): void {
    const setting = this.env.settings.get(occ);
    if (setting) {
      if (setting.role === 'effective') this.#classifyEnvSetting(occ, setting, this.#drafts);
      return;
    }
    if (occ.kind === 'doc' || occ.kind === 'reference' || this.env.overriddenDefaults.has(occ)) return;
    // A plan file lists ports; a PM2 ecosystem file that is the plan also starts its apps there.
    if (isPlan && occ.source !== 'pm2') return;
    // No env setting names it (that case is handled above): the owner is the resolver's.
    const owner = this.ownership.ownerOf(occ);
    this.#addOwnerPort(owner, occ, 1);
    this.#classify(occ, owner, this.#drafts, defaults);
  }

  /**
   * Files whose occurrences shape more than their own sites: what they say is read into other files'
   * verdicts and other owners' listeners (Compose, env files, images, plans, PM2, Kubernetes).
   */
  shapesOthers(path: string, occurrences: readonly PortOccurrence[]): boolean {
    if (this.isComposeFile(path) || isComposePath(path) || isDotenvPath(path) || isDockerfilePath(path) || this.planFiles.has(path)) return true;
    return occurrences.some((o) => o.source === 'k8s' || o.source === 'pm2' || this.env.settings.has(o) || this.env.overriddenDefaults.has(o));
  }

  /**
   * The owners (ids) an edit of one ordinary file touches, when the earlier topology can be patched
   * for it: the same frame, resolver, plan and env view, a file that had and has occurrences and
   * shapes nothing but its own owners' listeners. Undefined otherwise. A patch moves no site past
   * another at the same position (their order would follow the owners' order, not the files'), and
   * makes no context of a plan host (contexts list those in the order they were first asked for).
   */
  #patchable(edit: TopologyEdit, after: readonly PortOccurrence[]): Set<string> | undefined {
    const { previous, file } = edit;
    const before = previous.occurrencesByFile.get(file);
    if (!before || previous.#frame !== this.#frame || previous.ownership !== this.ownership || previous.plan !== this.plan || previous.env !== this.env) return undefined;
    if (this.#frame.objectPaths.includes(file) || previous.shapesOthers(file, before) || this.shapesOthers(file, after)) return undefined;
    const affected = new Set<string>();
    for (const occ of [...before, ...after]) {
      if (occ.kind === 'doc' || occ.kind === 'reference') continue;
      const owner = this.ownership.ownerOf(occ);
      if (owner.service?.host) return undefined;
      affected.add(owner.id);
    }
    const placed = new Set([file]);
    for (const id of affected) for (const occ of previous.#defaults.get(id)?.occurrences ?? []) placed.add(occ.file);
    for (const path of placed) if (sharesAStart(path === file ? after : previous.occurrencesByFile.get(path)!)) return undefined;
    return affected;
  }

  /**
   * The earlier topology with one ordinary file's occurrences replaced: its own sites and owner
   * ports taken back and added again, and the defaults of the owners it touches placed again from
   * the services as they were before any defaults. Everything else is shared with it (never changed
   * after construction). `changedFiles` is given the files whose sites were taken back or placed again.
   */
  #patch(previous: Topology, file: string, after: readonly PortOccurrence[], affected: ReadonlySet<string>, changedFiles: Set<string>): Map<string, readonly PortOccurrence[]> {
    appendAll(this.#kubernetes, previous.#kubernetes);
    copyInto(this.#imagePorts, previous.#imagePorts);
    copyInto(this.#clusterPorts, previous.#clusterPorts);
    // Only the contexts its construction made: a feature may have asked for one of a plan host since.
    for (const context of previous.contexts.slice(1, previous.contexts.length - previous.#projects.length)) this.#ownContexts.set(context.host!, context);
    copyInto(this.#ownerPortCounts, previous.#ownerPortCounts);
    copyInto(this.portsByOwnerName, previous.portsByOwnerName);
    for (const id of previous.#imageOverrides) this.#imageOverrides.add(id);
    for (const [id, service] of previous.#services) {
      const base = previous.#beforeDefaults.get(service)!;
      const kept = affected.has(service.owner.id) ? beforeDefaults(service, base) : service;
      this.#services.set(id, kept);
      this.#beforeDefaults.set(kept, base);
    }
    for (const occ of previous.occurrencesByFile.get(file)!) if (occ.kind !== 'doc' && occ.kind !== 'reference') this.#addOwnerPort(this.ownership.ownerOf(occ), occ, -1);
    const byFile = new Map(previous.occurrencesByFile).set(file, after);
    changedFiles.add(file);
    for (const d of previous.#drafts) {
      if (d.occ.file === file || (d.placedFor !== undefined && affected.has(d.placedFor))) changedFiles.add(d.occ.file);
      else this.#drafts.push(d);
    }
    const kept = this.#drafts.length;
    const added = new Map<string, DefaultsOfOwner>();
    for (const occ of after) this.#take(occ, false, added);
    for (const [id, entry] of previous.#defaults) if (!affected.has(id)) this.#defaults.set(id, entry);
    // A patch keeps the files with occurrences and their order: the ranks are shared, made once.
    const rank = (this.#takeRanks = previous.#takeRanks ??= fileRanks(byFile));
    for (const id of affected) {
      const entry = added.get(id) ?? previous.#defaults.get(id);
      const occurrences = inFileOrder([...(previous.#defaults.get(id)?.occurrences.filter((o) => o.file !== file) ?? []), ...(added.get(id)?.occurrences ?? [])], rank);
      if (!entry || !occurrences.length) continue;
      this.#defaults.set(id, { owner: entry.owner, occurrences });
      this.#placeDefaults(entry.owner, occurrences);
    }
    this.#placeImagePorts([...this.#services.values()].filter((s) => affected.has(s.owner.id)));
    for (let i = kept; i < this.#drafts.length; i++) changedFiles.add(this.#drafts[i].occ.file);
    return byFile;
  }

  /** A `WEB_PORT=8003` in a Compose project's env file is the port of the service it sets. */
  ownerOf(occ: PortOccurrence): Owner {
    const setting = this.env.settings.get(occ);
    return setting ? this.ownership.composeOwner(setting.composeFile, setting.service) : this.ownership.ownerOf(occ);
  }

  /** `delta` -1 takes back what an occurrence added (an edit's old occurrences). */
  #addOwnerPort(owner: Owner, occ: PortOccurrence, delta: 1 | -1): void {
    this.#countOwnerPort(this.ownership.normalize(owner.name), occ.port, delta);
    if (occ.ownerHint && occ.ownerHint !== owner.name) this.#countOwnerPort(this.ownership.normalize(occ.ownerHint), occ.port, delta);
  }

  /**
   * Ports by owner name are counted, so that an edit can take a file's ports back: a port stays while
   * another occurrence opens it. A name's counts and ports are shared with the topology they were
   * copied from until this one first changes them.
   */
  #countOwnerPort(name: string, port: number, delta: 1 | -1): void {
    let counts = this.#ownerPortCounts.get(name);
    let ports = this.portsByOwnerName.get(name);
    if (!counts || !ports || !this.#ownNames.has(name)) {
      counts = new Map(counts);
      ports = new Set(ports);
      this.#ownerPortCounts.set(name, counts);
      this.portsByOwnerName.set(name, ports);
      this.#ownNames.add(name);
    }
    const n = (counts.get(port) ?? 0) + delta;
    if (n > 0) {
      counts.set(port, n);
      ports.add(port);
    } else {
      counts.delete(port);
      ports.delete(port);
    }
    if (ports.size) return;
    this.#ownerPortCounts.delete(name);
    this.portsByOwnerName.delete(name);
    this.#ownNames.delete(name);
  }

  /** The effective env file's value of a variable port: a published (or container) port of its service in each project of the file. */
  #classifyEnvSetting(occ: PortOccurrence, setting: EnvPortSetting, sites: SiteDraft[]): void {
    const owner = this.ownerOf(occ);
    this.#addOwnerPort(owner, occ, 1);
    for (const project of this.projectsOf(setting.composeFile)) {
      const service = this.#serviceFor(project, setting.composeFile, setting.service);
      if (setting.side === 'container') {
        service.containerPorts.add(occ.port);
        continue;
      }
      service.hostPorts.add(occ.port);
      sites.push({ occ, owner, context: project, profiles: service.facts.profiles });
    }
  }

  /** Kubernetes Services and workloads, with the file each is defined in. */
  kubernetesObjects(): Iterable<{ readonly file: string; readonly object: KubernetesObject }> {
    return this.#kubernetes;
  }

  /** Every listener, port by port. */
  *listeners(): IterableIterator<Listener> {
    for (const listeners of this.listenersByPort.values()) yield* listeners;
  }

  /** The owner of the first listener (port by port) whose owner has this normalised name: one index, however many references ask. */
  listeningOwnerNamed(normalized: string): Owner | undefined {
    if (!this.#listeningOwners) {
      this.#listeningOwners = new Map();
      for (const listener of this.listeners()) {
        const name = this.ownership.normalize(listener.owner.name);
        if (!this.#listeningOwners.has(name)) this.#listeningOwners.set(name, listener.owner);
      }
    }
    return this.#listeningOwners.get(normalized);
  }

  /** The Compose projects a file is part of. */
  /** A Compose file or fragment: its ports belong to its services in its projects. */
  isComposeFile(file: string): boolean {
    return this.#projectsOfFile.has(file);
  }

  projectsOf(file: string): readonly RunContext[] {
    return this.#projectsOfFile.get(file) ?? [];
  }

  /** The Compose services of a project, each with where it listens. */
  servicesIn(project: RunContext): readonly ProjectService[] {
    return this.#servicesByProject().get(project.id) ?? [];
  }

  /** Services by project, in definition order: indexed once, after the constructor made them all. */
  #servicesByProject(): Map<string, ProjectService[]> {
    if (!this.#byProject) {
      this.#byProject = new Map();
      for (const service of this.#services.values()) this.#addTo(this.#byProject, service.project.id, service);
    }
    return this.#byProject;
  }

  /** The service a name (key, `container_name`, `hostname`) stands for on a project's network. */
  serviceNamed(project: RunContext, name: string): ProjectService | undefined {
    const wanted = this.ownership.normalize(name);
    return this.servicesIn(project).find((s) => s.names.some((n) => this.ownership.normalize(n) === wanted));
  }

  /** The Compose services an owner is, in every project (indexed once the services are all made: defaults are placed after that). */
  servicesOwnedBy(owner: Owner): readonly ProjectService[] {
    if (!this.#byOwner) {
      this.#byOwner = new Map();
      for (const service of this.#services.values()) this.#addTo(this.#byOwner, service.owner.id, service);
    }
    return this.#byOwner.get(owner.id) ?? [];
  }

  /** The service an owner is in a project, when the project runs it. */
  serviceOf(project: RunContext, owner: Owner): ProjectService | undefined {
    return this.servicesIn(project).find((s) => s.owner.id === owner.id);
  }

  /** The contexts that run an owner's code: the Compose projects with a service of it, else on its own. */
  contextsOf(owner: Owner): readonly RunContext[] {
    let contexts = this.#contextsOfOwner.get(owner.id);
    if (!contexts) {
      const projects = this.#projects.filter((p) => this.serviceOf(p, owner));
      contexts = projects.length ? projects : [this.ownContextOf(owner)];
      this.#contextsOfOwner.set(owner.id, contexts);
    }
    return contexts;
  }

  /** Where a service runs when started directly: the developer's machine, or its plan host. */
  ownContextOf(owner: Owner): RunContext {
    const host = owner.service?.host;
    if (!host) return OWN_CONTEXT;
    let context = this.#ownContexts.get(host);
    if (!context) {
      context = { ...OWN_CONTEXT, id: `own:${host}`, label: `on host ${host}`, host };
      this.#ownContexts.set(host, context);
    }
    return context;
  }

  /** Ports an owner listens on in a context: its host listeners, and in a Compose project its container ports too. */
  portsIn(owner: Owner, context: RunContext): Set<number> {
    const ports = new Set<number>();
    for (const l of this.#listenersOf(owner)) if (l.context.id === context.id) ports.add(l.port);
    if (context.kind === 'compose') for (const p of this.serviceOf(context, owner)?.containerPorts ?? []) ports.add(p);
    if (context.kind === 'cluster') for (const p of this.#clusterPorts.get(owner.id) ?? []) ports.add(p);
    return ports;
  }

  /** Ports an owner opens on the developer's machine: on its own, and published by the Compose projects that run there. */
  portsOnDevMachine(owner: Owner): Set<number> {
    const ports = new Set<number>();
    for (const l of this.#listenersOf(owner)) if (!l.context.host && l.context.kind !== 'cluster') ports.add(l.port);
    return ports;
  }

  #listenersOf(owner: Owner): readonly Listener[] {
    if (owner.service) return this.listenersByService.get(owner.service) ?? [];
    if (!this.#listenersByOwner) {
      // Every reference asks for its owners' listeners: one pass over them all, not one per reference.
      this.#listenersByOwner = new Map();
      for (const l of this.listeners()) this.#addTo(this.#listenersByOwner, l.owner.id, l);
    }
    return this.#listenersByOwner.get(owner.id) ?? [];
  }

  /** The occurrence a finding (or any range) starts on, in that file: one lookup, however many findings ask. */
  occurrenceAt(file: string, range: { readonly start: { readonly line: number; readonly character: number } }): PortOccurrence | undefined {
    if (!this.#occurrenceAt) {
      this.#occurrenceAt = new Map();
      for (const [path, occurrences] of this.occurrencesByFile) {
        for (const o of occurrences) {
          const key = `${path}:${o.range.start.line}:${o.range.start.character}`;
          if (!this.#occurrenceAt.has(key)) this.#occurrenceAt.set(key, o);
        }
      }
    }
    return this.#occurrenceAt.get(`${file}:${range.start.line}:${range.start.character}`);
  }

  /** The occurrences of one port outside the plan files (range literals aside), in file order: one index, however many lookups. */
  occurrencesOfPort(port: number): readonly PortOccurrence[] {
    if (!this.#byPort) {
      this.#byPort = new Map();
      for (const [path, occurrences] of this.occurrencesByFile) {
        if (this.planFiles.has(path)) continue;
        for (const o of occurrences) if (o.portEnd === undefined) this.#addTo(this.#byPort, o.port, o);
      }
    }
    return this.#byPort.get(port) ?? [];
  }

  /** The first context an occurrence listens in, when it is a listener site. */
  contextOfSite(occ: PortOccurrence): RunContext | undefined {
    if (!this.#siteContexts) {
      this.#siteContexts = new Map();
      for (const site of this.sites) if (!this.#siteContexts.has(site.occ)) this.#siteContexts.set(site.occ, site.context);
    }
    return this.#siteContexts.get(occ);
  }

  /** The plan range a service belongs to: the one it names, else the one holding its first planned port. */
  rangeOfService(service: ServiceEntry): PortRange | undefined {
    const ranges = this.plan?.ranges ?? [];
    const named = service.rangeName ?? service.ports.find((p) => p.rangeName)?.rangeName;
    const byName = named ? ranges.find((x) => x.name === named) : undefined;
    if (byName?.start !== undefined) return byName;
    // A section heading without bounds ("PortOS Port Allocations") says less than a bounded range holding the port.
    const first = service.ports[0];
    return (first && this.rangeOfPort(first.port)) ?? byName;
  }

  /**
   * The range one of a service's planned ports belongs to: the one it is listed under, else the one
   * holding it. A service with an HTTP and an HTTPS port (`http: 5222, https: 7222`) has two.
   */
  rangeOfPlannedPort(service: ServiceEntry, planned: PlannedPort): PortRange | undefined {
    const named = planned.rangeName ? this.plan?.ranges.find((r) => r.name === planned.rangeName && r.start !== undefined) : undefined;
    return named ?? (service.rangeName ? undefined : this.rangeOfPort(planned.port)) ?? this.rangeOfService(service);
  }

  rangeOfPort(port: number): PortRange | undefined {
    return this.plan?.ranges.find((r) => rangeContains(r, port));
  }

  /** Planned owner of a port, if the plan assigns it. */
  plannedOwners(port: number): ServiceEntry[] {
    return (this.plan?.services ?? []).filter((s) => s.ports.some((p) => p.port === port));
  }

  /** Each project's services as the frame merged them, with where they listen still to be found. */
  #collectServices(frame: TopologyFrame): void {
    // Written out rather than spread: a merged definition has another shape than a single one, and every topology copies them all.
    for (const [id, s] of frame.services) {
      this.#services.set(id, { key: s.key, owner: s.owner, project: s.project, facts: s.facts, names: s.names, portsComplete: s.portsComplete, containerPorts: new Set(), hostPorts: new Set(), overridden: false });
    }
  }

  /** A project's service by key; one the structured reader did not see (a file read line by line) is made on the spot. */
  #serviceFor(project: RunContext, file: string, key: string): ProjectService {
    const id = `${project.id}#${key}`;
    let service = this.#services.get(id);
    if (!service) {
      const facts: ComposeServiceFacts = { key, profiles: [], hostNetwork: false, mounts: [], envFiles: [], variablePorts: [] };
      service = { key, owner: this.ownership.composeOwner(file, key), project, facts, names: [key], containerPorts: new Set(), hostPorts: new Set(), overridden: false, portsComplete: false };
      this.#services.set(id, service);
    }
    return service;
  }

  /**
   * Where an occurrence listens. A Compose file's published port is a listener of each project the
   * file is in, its container ports belong to the service there; a Dockerfile's ports are its image's;
   * Kubernetes `hostPort`/`nodePort` open ports of the cluster; a source default waits for
   * `#placeDefaults`, which knows which containers run the code.
   */
  #classify(occ: PortOccurrence, owner: Owner, sites: SiteDraft[], defaults: Map<string, { owner: Owner; occurrences: PortOccurrence[] }>): void {
    if (occ.ownerHint && this.isComposeFile(occ.file)) {
      for (const project of this.projectsOf(occ.file)) {
        const service = this.#serviceFor(project, occ.file, occ.ownerHint);
        for (const port of portsOf(occ)) (occ.kind === 'publish' ? service.hostPorts : service.containerPorts).add(port);
        if (occ.kind === 'expose' && occ.key && isListenKey(occ.key, { ownName: service.key })) service.overridden = service.portsComplete = true;
        if (occ.kind === 'publish') sites.push({ occ, owner, context: project, profiles: service.facts.profiles });
      }
      return;
    }
    if (occ.source === 'k8s') {
      if (occ.kind === 'publish') sites.push({ occ, owner, context: occ.group === CLUSTER_CONTEXT.id ? CLUSTER_CONTEXT : NODE_CONTEXT, profiles: [] });
      else addPort(this.#clusterPorts, owner.id, occ.port);
      return;
    }
    if (isDockerfilePath(occ.file)) {
      addPort(this.#imagePorts, owner.id, occ.port);
      if (occ.key && isListenKey(occ.key, {})) this.#imageOverrides.add(owner.id);
      return;
    }
    if (occ.kind === 'publish') {
      // `docker run -p 8080:80` in a script: the machine the script runs on.
      sites.push({ occ, owner, context: this.ownContextOf(owner), profiles: [] });
      return;
    }
    if (occ.kind !== 'bind' || this.#isCopyOfPlannedPort(occ, owner)) return;
    const entry = defaults.get(owner.id);
    if (entry) entry.occurrences.push(occ);
    else defaults.set(owner.id, { owner, occurrences: [occ] });
  }

  /**
   * `cdpPort: 5556` in the scraper, where the plan gives the port labelled `cdp`, 5556, to browser
   * and none labelled so to the scraper: the scraper's copy of the port it connects to, not a
   * second listener (which would collide with browser's and drift from the scraper's plan).
   */
  #isCopyOfPlannedPort(occ: PortOccurrence, owner: Owner): boolean {
    const label = occ.label;
    if (!label || owner.service?.ports.some((p) => p.label === label)) return false;
    return this.plannedOwners(occ.port).some((s) => s !== owner.service && s.ports.some((p) => p.port === occ.port && p.label === label));
  }

  /**
   * An owner's own binds (source defaults, start scripts, env files, PM2 apps). In each Compose
   * project that runs its code they are the container's ports, unless its environment (or the image's
   * ENV) sets another one; with `network_mode: host` they are the machine's. They are listeners on
   * their own when nothing runs the code in a container, when something starts it directly (a script,
   * PM2, a workspace runner), or when the plan lists it and its containers are given another port.
   */
  #placeDefaults(owner: Owner, occurrences: readonly PortOccurrence[]): void {
    const sites = this.#drafts;
    const placedFor = owner.id;
    const services = this.servicesOwnedBy(owner);
    const overridden = services.some((s) => s.overridden) || this.#imageOverrides.has(owner.id);
    for (const service of services) {
      service.portsComplete = true;
      if (service.overridden || this.#imageOverrides.has(owner.id)) continue;
      for (const occ of occurrences) {
        for (const port of portsOf(occ)) service.containerPorts.add(port);
        // The process's port published as itself (`"3050:3050"`) or on the host network: the default
        // is a site of that listener too, so whoever opens the source sees what the project does with it.
        if (service.facts.hostNetwork || service.hostPorts.has(occ.port)) sites.push({ occ, owner, context: service.project, profiles: service.facts.profiles, placedFor });
      }
    }
    const inContainers = services.length > 0 || owner.containerized;
    // A planned service whose containers are given another port (`PORT: 3010`) keeps its default for
    // running on its own: the plan governs that context, and the seed's collisions hide exactly there.
    const onItsOwn = !inContainers || this.#startedOnItsOwn.has(owner.id) || (Boolean(owner.service) && overridden) || occurrences.some((o) => o.source === 'pm2');
    if (!onItsOwn) return;
    for (const occ of occurrences) sites.push({ occ, owner, context: this.ownContextOf(owner), profiles: [], placedFor });
  }

  /** A Dockerfile of ours says what its containers listen on (`EXPOSE`, `ENV PORT`), unless the project sets the port. */
  #placeImagePorts(services: Iterable<ProjectService>): void {
    for (const service of services) {
      const ports = this.#imagePorts.get(service.owner.id);
      if (!ports) continue;
      service.portsComplete = true;
      if (!service.overridden) for (const port of ports) service.containerPorts.add(port);
    }
  }

  /** Every site into listeners, port by port, in file order. */
  #groupAll(): void {
    const placed = this.#placeSites(this.#drafts);
    for (const site of placed) if (site.port === site.occ.port) this.sites.push(site);
    const sitesByPort = new Map<number, ListenerSite[]>();
    for (const site of placed) this.#addTo(sitesByPort, site.port, site);
    // Ports come in the order of their first site already.
    this.#setListeners([...sitesByPort].map(([port, sites]) => [port, groupListeners(port, sites)]));
  }

  /**
   * The listeners of `previous` with the sites of `changedFiles` placed again: only the ports those
   * files had or have are grouped again, every other port keeps its listeners. The files keep their
   * numbers (a patch neither adds nor drops a file with occurrences), so the other sites keep their
   * ordinals and everything comes out as a full build would have it.
   */
  #regroup(previous: Topology, changedFiles: ReadonlySet<string>): void {
    const placed = this.#placeSites(this.#drafts.filter((d) => changedFiles.has(d.occ.file)));
    const added = new Map<number, ListenerSite[]>();
    for (const site of placed) this.#addTo(added, site.port, site);
    const ports = new Set(added.keys());
    for (const d of previous.#drafts) if (changedFiles.has(d.occ.file)) for (const port of portsOf(d.occ)) ports.add(port);
    const entries: [number, Listener[]][] = [];
    for (const [port, listeners] of previous.listenersByPort) if (!ports.has(port)) entries.push([port, listeners]);
    for (const port of ports) {
      const kept = (previous.listenersByPort.get(port) ?? []).flatMap((l) => l.sites).filter((s) => !changedFiles.has(s.occ.file));
      const sites = mergeByOrdinal(kept.sort(byOrdinal), added.get(port) ?? []);
      if (sites.length) entries.push([port, groupListeners(port, sites)]);
    }
    this.#setListeners(entries.sort((a, b) => a[1][0].sites[0].ordinal - b[1][0].sites[0].ordinal));
    appendAll(this.sites, mergeByOrdinal(previous.sites.filter((s) => !changedFiles.has(s.occ.file)), placed.filter((s) => s.port === s.occ.port)));
  }

  /**
   * The sites of some files' drafts, in file order, then position, then the order they were placed
   * (the sort is stable), each draft's ports in turn (a range literal's sites open each of its
   * ports). A site's ordinal is its file's number and its place among the file's sites: unique, and
   * in that order, so an edit of one file leaves the ordinals of every other file's sites as they were.
   */
  #placeSites(drafts: readonly SiteDraft[]): ListenerSite[] {
    const ordered = [...drafts].sort((a, b) => order(a.occ, b.occ));
    const placed: ListenerSite[] = [];
    let file: string | undefined;
    let base = 0;
    let fileStart = 0;
    for (const draft of ordered) {
      if (draft.occ.file !== file) {
        file = draft.occ.file;
        base = this.#fileKeys.get(file)! * SITES_PER_FILE;
        fileStart = placed.length;
      }
      for (const port of portsOf(draft.occ)) {
        // Written out rather than spread: drafts come in several shapes, and this runs for every site placed.
        placed.push({ occ: draft.occ, owner: draft.owner, context: draft.context, profiles: draft.profiles, port, ordinal: base + placed.length - fileStart });
      }
    }
    return placed;
  }

  /** The listeners of each port, ports in the order of their first site; and of each planned service, in the same order. */
  #setListeners(entries: readonly (readonly [number, Listener[]])[]): void {
    for (const [port, listeners] of entries) {
      this.listenersByPort.set(port, listeners);
      for (const listener of listeners) {
        const service = listener.owner.service;
        if (service) this.#addTo(this.listenersByService, service, listener);
      }
    }
  }

  #addTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  }
}

interface SiteDraft {
  readonly occ: PortOccurrence;
  readonly owner: Owner;
  readonly context: RunContext;
  readonly profiles: readonly string[];
  /** The owner (id) whose defaults placed it: an edit that touches the owner places them again. */
  readonly placedFor?: string;
}

/** An owner's default binds (source defaults, start scripts, env files), in file order. */
interface DefaultsOfOwner {
  readonly owner: Owner;
  readonly occurrences: PortOccurrence[];
}

/** One file edited since `previous`, a topology of the same plan, plan files, config and shape of the tree. */
export interface TopologyEdit {
  readonly previous: Topology;
  readonly file: string;
}

/** A service as it was before any owner's defaults or image ports: the first `ports` of its container ports were there. */
function beforeDefaults(service: ProjectService, base: { readonly ports: number; readonly complete: boolean }): ProjectService {
  const containerPorts = new Set([...service.containerPorts].slice(0, base.ports));
  return { key: service.key, owner: service.owner, project: service.project, facts: service.facts, names: service.names, portsComplete: base.complete, containerPorts, hostPorts: service.hostPorts, overridden: service.overridden };
}

/** Two occurrences of a file at one position: their sites would be ordered by who placed them first. */
function sharesAStart(occurrences: readonly PortOccurrence[]): boolean {
  const starts = new Set<number>();
  for (const o of occurrences) {
    if (starts.has(o.span.start)) return true;
    starts.add(o.span.start);
  }
  return false;
}

/** Room for each file's sites in an ordinal (2^26: no file holds that many port literals); files up to 2^27 stay exact in a double. */
const SITES_PER_FILE = 2 ** 26;

/** Each file with occurrences, numbered in file order (`order`). */
function fileKeys(byFile: ReadonlyMap<string, unknown>): Map<string, number> {
  const keys = new Map<string, number>();
  for (const path of [...byFile.keys()].sort()) keys.set(path, keys.size);
  return keys;
}

function byOrdinal(a: ListenerSite, b: ListenerSite): number {
  return a.ordinal - b.ordinal;
}

/** Two lists of sites, each in ordinal order, as one (ordinals are unique). */
function mergeByOrdinal(a: readonly ListenerSite[], b: readonly ListenerSite[]): ListenerSite[] {
  if (!b.length) return [...a];
  const out: ListenerSite[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) out.push(a[i].ordinal < b[j].ordinal ? a[i++] : b[j++]);
  while (i < a.length) out.push(a[i++]);
  while (j < b.length) out.push(b[j++]);
  return out;
}

/** Each file's place in the order occurrences are taken. */
function fileRanks(byFile: ReadonlyMap<string, unknown>): Map<string, number> {
  const ranks = new Map<string, number>();
  for (const path of byFile.keys()) ranks.set(path, ranks.size);
  return ranks;
}

/** Occurrences in the order a full build takes them: file by file (`ranks`), each file's in its own order (the sort is stable). */
function inFileOrder(occurrences: PortOccurrence[], ranks: ReadonlyMap<string, number>): PortOccurrence[] {
  return occurrences.sort((a, b) => ranks.get(a.file)! - ranks.get(b.file)!);
}

function copyInto<K, V>(to: Map<K, V>, from: ReadonlyMap<K, V>): void {
  for (const [key, value] of from) to.set(key, value);
}

/** File order, then position: the order every list of sites keeps. */
function order(a: PortOccurrence, b: PortOccurrence): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.span.start - b.span.start;
}

function addPort<K>(map: Map<K, Set<number>>, key: K, port: number): void {
  const set = map.get(key);
  if (set) set.add(port);
  else map.set(key, new Set([port]));
}

