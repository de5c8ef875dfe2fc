import type { FileFacts, FileProblem } from '../extract/extractor';
import type { PortOccurrence } from '../extract/occurrence';
import { rangeContains, type PortRange, type PortPlan, type ServiceEntry } from '../plan/portPlan';
import { groupListeners, portsOf, type Listener, type ListenerSite, type Namespace } from './listeners';
import type { Owner, OwnershipResolver } from './ownership';

/**
 * The workspace as it runs, derived from one index state: owners, listeners by port, ports per
 * owner. The checks, hovers and code actions read it; built once per index generation.
 */
export class Topology {
  /** Every occurrence that opens a port on a machine, in file order. */
  readonly sites: ListenerSite[] = [];
  /** The listeners of each port: one per owner and namespace, each with its sites. */
  readonly listenersByPort = new Map<number, Listener[]>();
  /** Listeners of each planned service: what reference checks and plan lenses compare against. */
  readonly listenersByService = new Map<ServiceEntry, Listener[]>();
  /** Every port an owner opens anywhere (host or container), by normalised owner name: targets of references. */
  readonly portsByOwnerName = new Map<string, Set<number>>();
  readonly occurrencesByFile: ReadonlyMap<string, readonly PortOccurrence[]>;
  /** Why files (plans aside: they report their own problems) could not be read, by file. */
  readonly problemsByFile: ReadonlyMap<string, readonly FileProblem[]>;
  readonly #groupOf = new Map<string, string>();
  #occurrenceAt: Map<string, PortOccurrence> | undefined;

  /** `ownership` must have been built from the same plan and files; the engine reuses it while they stay put. */
  constructor(readonly plan: PortPlan | undefined, files: ReadonlyMap<string, FileFacts>, readonly planFiles: ReadonlySet<string>, readonly ownership: OwnershipResolver) {
    this.#unionComposeGroups(files);
    const byFile = new Map<string, readonly PortOccurrence[]>();
    const containerPorts = new Map<string, Set<number>>();
    const all: PortOccurrence[] = [];
    const problems = new Map<string, readonly FileProblem[]>();
    for (const [path, facts] of files) {
      byFile.set(path, facts.occurrences);
      if (planFiles.has(path)) continue;
      if (facts.problems) problems.set(path, facts.problems);
      for (const occ of facts.occurrences) {
        all.push(occ);
        if (occ.kind === 'doc' || occ.kind === 'reference') continue;
        const owner = this.ownerOf(occ);
        for (const name of new Set([owner.name, occ.ownerHint].filter((n): n is string => Boolean(n)))) {
          addTo(this.portsByOwnerName, ownership.normalize(name), occ.port);
        }
        if (occ.kind === 'expose') addTo(containerPorts, owner.id, occ.port);
      }
    }
    this.occurrencesByFile = byFile;
    this.problemsByFile = problems;
    const sitesByPort = new Map<number, ListenerSite[]>();
    for (const occ of all) {
      if (occ.kind !== 'bind' && occ.kind !== 'publish') continue;
      const owner = this.ownerOf(occ);
      if (occ.kind === 'bind' && this.#insideContainer(occ, owner, containerPorts)) continue;
      const site: ListenerSite = { occ, owner, ns: this.#namespace(occ, owner), ordinal: this.sites.length };
      this.sites.push(site);
      for (const port of portsOf(occ)) {
        const list = sitesByPort.get(port);
        if (list) list.push(site);
        else sitesByPort.set(port, [site]);
      }
    }
    for (const [port, sites] of sitesByPort) {
      const listeners = groupListeners(port, sites);
      this.listenersByPort.set(port, listeners);
      for (const listener of listeners) {
        const service = listener.owner.service;
        if (!service) continue;
        const own = this.listenersByService.get(service);
        if (own) own.push(listener);
        else this.listenersByService.set(service, [listener]);
      }
    }
  }

  /** Every listener, port by port. */
  *listeners(): IterableIterator<Listener> {
    for (const listeners of this.listenersByPort.values()) yield* listeners;
  }

  ownerOf(occ: PortOccurrence): Owner {
    return this.ownership.ownerOf(occ);
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

  rangeOfPort(port: number): PortRange | undefined {
    return this.plan?.ranges.find((r) => rangeContains(r, port));
  }

  /** Planned owner of a port, if the plan assigns it. */
  plannedOwners(port: number): ServiceEntry[] {
    return (this.plan?.services ?? []).filter((s) => s.ports.some((p) => p.port === port));
  }

  /**
   * A bind whose port is also a container port of the same owner is the process inside its
   * container (Compose maps it to a host port, Dockerfile EXPOSEs it); and unplanned code that runs
   * in a container listens in that container. Neither opens a port on a machine.
   */
  #insideContainer(occ: PortOccurrence, owner: Owner, containerPorts: ReadonlyMap<string, Set<number>>): boolean {
    if (containerPorts.get(owner.id)?.has(occ.port)) return true;
    return owner.containerized && !owner.service;
  }

  #namespace(occ: PortOccurrence, owner: Owner): Namespace {
    const host = owner.service?.host;
    if (host) return { kind: 'host', name: host };
    if (occ.kind === 'publish' && occ.group) return { kind: 'group', name: this.#groupOf.get(occ.group) ?? occ.group };
    return { kind: 'unknown' };
  }

  /** Compose files run together (`include:`) share one host: give them one group name. */
  #unionComposeGroups(files: ReadonlyMap<string, FileFacts>): void {
    for (const [path, facts] of files) {
      for (const other of facts.sharesHostWith ?? []) {
        const root = this.#groupOf.get(path) ?? path;
        this.#groupOf.set(path, root);
        this.#groupOf.set(other, root);
      }
    }
  }
}

function addTo<K>(map: Map<K, Set<number>>, key: K, port: number): void {
  const set = map.get(key);
  if (set) set.add(port);
  else map.set(key, new Set([port]));
}
