import type { PortOccurrence } from '../extract/occurrence';
import { portsOf } from '../topology/listeners';
import type { Owner } from '../topology/ownership';
import type { Topology } from '../topology/topology';
import { checkCollisions, collisionsOnPort } from './collisions';
import { checkEnvTemplates } from './envTemplates';
import type { Finding } from './finding';
import { checkKubernetesServices } from './kubernetesServices';
import { checkParseErrors } from './parseErrors';
import { checkSite } from './planConformance';
import { checkReference, judgedIn, subjectsOf, type ReferenceSubjects } from './staleReferences';
import { appendAll, groupBy } from '../util/arrays';

/**
 * What an edit of a few files touched, seen from the checks: the findings of every port, site and
 * reference outside it are those of the state before. Only an edit that moves ports in ordinary
 * files is described so; one that changes what Compose, env files, images, PM2 or Kubernetes make
 * of ports elsewhere is checked in full.
 */
export interface Touched {
  readonly files: ReadonlySet<string>;
  /** Every port the files' occurrences had or have. */
  readonly ports: ReadonlySet<number>;
  /** Owners of the files' listening occurrences, before and after (ids). */
  readonly owners: ReadonlySet<string>;
  /** Names (raw and normalised) under which those owners, their services and their ports are looked up. */
  readonly names: ReadonlySet<string>;
}

/**
 * What changing `files` from `before` to `after` touched, or undefined when the edit is not one
 * whose effect stays with its ports and owners (the caller then checks everything). Both
 * topologies must share their shape: the same plan, config and structure generation.
 */
export function touchedBetween(before: Topology, after: Topology, files: readonly string[]): Touched | undefined {
  const ports = new Set<number>();
  const owners = new Map<string, Owner>();
  const names = new Set<string>();
  const name = (n: string) => {
    names.add(n);
    names.add(after.ownership.normalize(n));
  };
  for (const path of files) {
    for (const topology of [before, after]) {
      const occurrences = topology.occurrencesByFile.get(path) ?? [];
      if (topology.shapesOthers(path, occurrences)) return undefined;
      for (const occ of occurrences) {
        for (const port of portsOf(occ)) ports.add(port);
        if (occ.ownerHint) name(occ.ownerHint);
        if (occ.kind === 'doc' || occ.kind === 'reference') continue;
        const owner = topology.ownerOf(occ);
        owners.set(owner.id, owner);
      }
    }
  }
  for (const owner of owners.values()) {
    name(owner.name);
    if (owner.service) {
      name(owner.service.name);
      for (const p of owner.service.ports) if (p.label) name(p.label);
    }
    for (const service of after.servicesOwnedBy(owner)) for (const n of service.names) name(n);
  }
  return { files: new Set(files), ports, owners: new Set(owners.keys()), names };
}

/** The findings of one site of an occurrence: for one owner, in one context it runs in. */
interface SiteFindings {
  readonly owner: string;
  readonly context: string;
  readonly found: readonly Finding[];
}

/**
 * The checks' findings of one topology (the plan's own findings aside), kept per unit so that the
 * next state reuses what an edit did not touch: a port's collisions, a site's verdicts against the
 * plan, a reference's verdict. Parse errors and Kubernetes Services follow the structure alone.
 * The list is in the order `runChecks` concatenates the checks, so both sort to the same findings.
 */
export class CheckedState {
  readonly findings: Finding[];
  readonly #collisions = new Map<number, readonly Finding[]>();
  /** Each occurrence's sites' findings (nearly always one site: a list, not a map, per occurrence). */
  readonly #sites = new Map<PortOccurrence, SiteFindings[]>();
  /** Moved on to the next state, which changes it: only the newest checks hold it. */
  readonly #references: JudgedReferences;
  readonly #parseErrors: readonly Finding[];
  readonly #kubernetes: readonly Finding[];

  constructor(readonly topology: Topology, silenced: (path: string) => boolean, previous?: { readonly state: CheckedState; readonly touched: Touched }) {
    const reused = previous?.state;
    const touched = previous?.touched;
    this.#parseErrors = reused ? reused.#parseErrors : checkParseErrors(topology, silenced);
    this.#kubernetes = reused ? reused.#kubernetes : checkKubernetesServices(topology);
    const collisions = reused && touched ? this.#collisionsReusing(reused, touched) : checkCollisions(topology);
    this.#references = reused && touched ? reused.#references : new JudgedReferences();
    this.findings = [...this.#parseErrors, ...collisions, ...this.#checkSites(reused, touched), ...this.#checkReferences(reused, touched), ...checkEnvTemplates(topology), ...this.#kubernetes];
  }

  #collisionsReusing(reused: CheckedState, touched: Touched): Finding[] {
    const out: Finding[] = [];
    for (const [port, listeners] of this.topology.listenersByPort) {
      const kept = touched.ports.has(port) ? undefined : reused.#collisions.get(port);
      const found = kept ?? collisionsOnPort(port, listeners);
      this.#collisions.set(port, found);
      appendAll(out, found);
    }
    return out;
  }

  #checkSites(reused: CheckedState | undefined, touched: Touched | undefined): Finding[] {
    // Without planned services there is nothing to conform to.
    const plan = this.topology.plan;
    if (!plan || plan.services.length === 0) return [];
    const out: Finding[] = [];
    for (const site of this.topology.sites) {
      const owner = site.owner.id;
      const context = site.context.id;
      const kept = reused && touched && !touched.files.has(site.occ.file) ? reused.#sites.get(site.occ)?.find((s) => s.owner === owner && s.context === context)?.found : undefined;
      const found = kept ?? checkSite(this.topology, site);
      const ofOccurrence = this.#sites.get(site.occ);
      if (ofOccurrence) ofOccurrence.push({ owner, context, found });
      else this.#sites.set(site.occ, [{ owner, context, found }]);
      appendAll(out, found);
    }
    return out;
  }

  /**
   * File by file: an unchanged file keeps its findings unless the edit touched one of its judged
   * references (by port, owner or name: see `JudgedReferences.touchedBy`), which is judged again.
   * The references' state moves from the state before to this one (plan files and env settings stay put).
   */
  #checkReferences(reused: CheckedState | undefined, touched: Touched | undefined): Finding[] {
    const refs = this.#references;
    const again = reused && touched ? refs.touchedBy(touched) : new Map<string, PortOccurrence[]>();
    for (const path of reused && touched ? touched.files : []) refs.forgetFile(path);
    const out: Finding[] = [];
    for (const [path, occurrences] of this.topology.occurrencesByFile) {
      let found = refs.findingsIn(path);
      if (!found) found = refs.judgeFile(this.topology, path, judgedIn(this.topology, path, occurrences));
      else if (again.has(path)) found = refs.judgeAgain(this.topology, path, again.get(path)!);
      appendAll(out, found);
    }
    return out;
  }
}

/**
 * The verdict on each judged reference, what it rests on, and each file's findings, with the
 * references indexed by port, owner and name so that an edit finds the ones it touched without
 * asking each. Only the newest checks use it: an edit changes it in place for the next state.
 */
class JudgedReferences {
  readonly #findings = new Map<PortOccurrence, Finding | undefined>();
  readonly #subjects = new Map<PortOccurrence, ReferenceSubjects>();
  /** The judged references of each file, and their findings in the same order. */
  readonly #judged = new Map<string, readonly PortOccurrence[]>();
  readonly #findingsOfFile = new Map<string, readonly Finding[]>();
  readonly #byPort = new Map<number, Set<PortOccurrence>>();
  readonly #byOwner = new Map<string, Set<PortOccurrence>>();
  readonly #byName = new Map<string, Set<PortOccurrence>>();

  findingsIn(path: string): readonly Finding[] | undefined {
    return this.#findingsOfFile.get(path);
  }

  /**
   * The judged references whose verdict an edit may have changed, by file: its port, or one of the
   * subjects found when it was last judged (whom its key resolves to changes only through a name or
   * owner the edit touched, and then the reference is touched by that name already).
   */
  touchedBy(touched: Touched): Map<string, PortOccurrence[]> {
    const hit = new Set<PortOccurrence>();
    const collect = <K>(index: Map<K, Set<PortOccurrence>>, keys: ReadonlySet<K>) => {
      for (const key of keys) for (const occ of index.get(key) ?? []) hit.add(occ);
    };
    collect(this.#byPort, touched.ports);
    collect(this.#byOwner, touched.owners);
    collect(this.#byName, touched.names);
    return groupBy(hit, (occ) => occ.file);
  }

  /** A file edited or gone: its references and findings are judged anew when it is there. */
  forgetFile(path: string): void {
    for (const occ of this.#judged.get(path) ?? []) this.#forget(occ);
    this.#judged.delete(path);
    this.#findingsOfFile.delete(path);
  }

  judgeFile(topology: Topology, path: string, judged: readonly PortOccurrence[]): readonly Finding[] {
    this.#judged.set(path, judged);
    for (const occ of judged) this.#judge(topology, occ);
    return this.#collect(path, judged);
  }

  /** Some of a file's references judged again (`occurrences`), the others kept. */
  judgeAgain(topology: Topology, path: string, occurrences: readonly PortOccurrence[]): readonly Finding[] {
    for (const occ of occurrences) {
      this.#forget(occ);
      this.#judge(topology, occ);
    }
    return this.#collect(path, this.#judged.get(path)!);
  }

  #collect(path: string, judged: readonly PortOccurrence[]): readonly Finding[] {
    const found: Finding[] = [];
    for (const occ of judged) {
      const finding = this.#findings.get(occ);
      if (finding) found.push(finding);
    }
    this.#findingsOfFile.set(path, found);
    return found;
  }

  #judge(topology: Topology, occ: PortOccurrence): void {
    const subjects = subjectsOf(topology, occ);
    this.#findings.set(occ, checkReference(topology, occ));
    this.#subjects.set(occ, subjects);
    index(this.#byPort, occ.port, occ);
    for (const owner of subjects.owners) index(this.#byOwner, owner, occ);
    for (const name of subjects.names) index(this.#byName, name, occ);
  }

  #forget(occ: PortOccurrence): void {
    const subjects = this.#subjects.get(occ);
    if (!subjects) return;
    this.#byPort.get(occ.port)?.delete(occ);
    for (const owner of subjects.owners) this.#byOwner.get(owner)?.delete(occ);
    for (const name of subjects.names) this.#byName.get(name)?.delete(occ);
    this.#findings.delete(occ);
    this.#subjects.delete(occ);
  }
}

function index<K>(map: Map<K, Set<PortOccurrence>>, key: K, occ: PortOccurrence): void {
  const set = map.get(key);
  if (set) set.add(occ);
  else map.set(key, new Set([occ]));
}
