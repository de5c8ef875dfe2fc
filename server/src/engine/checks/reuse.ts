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

/**
 * The checks' findings of one topology (the plan's own findings aside), kept per unit so that the
 * next state reuses what an edit did not touch: a port's collisions, a site's verdicts against the
 * plan, a reference's verdict. Parse errors and Kubernetes Services follow the structure alone.
 * The list is in the order `runChecks` concatenates the checks, so both sort to the same findings.
 */
export class CheckedState {
  readonly findings: Finding[];
  readonly #collisions = new Map<number, readonly Finding[]>();
  readonly #sites = new Map<PortOccurrence, Map<string, readonly Finding[]>>();
  readonly #references = new Map<PortOccurrence, Finding | undefined>();
  readonly #subjects = new Map<PortOccurrence, ReferenceSubjects>();
  /** The judged references of each file. */
  readonly #judged = new Map<string, readonly PortOccurrence[]>();
  readonly #parseErrors: readonly Finding[];
  readonly #kubernetes: readonly Finding[];

  constructor(readonly topology: Topology, silenced: (path: string) => boolean, previous?: { readonly state: CheckedState; readonly touched: Touched }) {
    const reused = previous?.state;
    const touched = previous?.touched;
    this.#parseErrors = reused ? reused.#parseErrors : checkParseErrors(topology, silenced);
    this.#kubernetes = reused ? reused.#kubernetes : checkKubernetesServices(topology);
    const collisions = reused && touched ? this.#collisionsReusing(reused, touched) : checkCollisions(topology);
    this.findings = [...this.#parseErrors, ...collisions, ...this.#checkSites(reused, touched), ...this.#checkReferences(reused, touched), ...checkEnvTemplates(topology), ...this.#kubernetes];
  }

  #collisionsReusing(reused: CheckedState, touched: Touched): Finding[] {
    const out: Finding[] = [];
    for (const [port, listeners] of this.topology.listenersByPort) {
      const kept = touched.ports.has(port) ? undefined : reused.#collisions.get(port);
      const found = kept ?? collisionsOnPort(port, listeners);
      this.#collisions.set(port, found);
      out.push(...found);
    }
    return out;
  }

  #checkSites(reused: CheckedState | undefined, touched: Touched | undefined): Finding[] {
    // Without planned services there is nothing to conform to.
    const plan = this.topology.plan;
    if (!plan || plan.services.length === 0) return [];
    const out: Finding[] = [];
    for (const site of this.topology.sites) {
      const kept = reused && touched && !touched.files.has(site.occ.file) ? reused.#sites.get(site.occ)?.get(site.context.id) : undefined;
      const found = kept ?? checkSite(this.topology, site);
      let byContext = this.#sites.get(site.occ);
      if (!byContext) this.#sites.set(site.occ, (byContext = new Map()));
      byContext.set(site.context.id, found);
      out.push(...found);
    }
    return out;
  }

  /** File by file: an unchanged file's judged references are those of the state before (plan files and env settings stay put). */
  #checkReferences(reused: CheckedState | undefined, touched: Touched | undefined): Finding[] {
    const out: Finding[] = [];
    for (const [path, occurrences] of this.topology.occurrencesByFile) {
      const kept = reused && touched && !touched.files.has(path) ? reused.#judged.get(path) : undefined;
      const judged = kept ?? judgedIn(this.topology, path, occurrences);
      this.#judged.set(path, judged);
      for (const occ of judged) {
        const finding = kept && !this.#touches(occ, reused!, touched!) ? reused!.#references.get(occ) : this.#judge(occ);
        if (finding) out.push(finding);
      }
    }
    return out;
  }

  #judge(occ: PortOccurrence): Finding | undefined {
    const finding = checkReference(this.topology, occ);
    this.#references.set(occ, finding);
    this.#subjects.set(occ, subjectsOf(this.topology, occ));
    return finding;
  }

  /**
   * Whether an edit touched what an unchanged reference's verdict rests on. Its subjects are those
   * found before: whom its key resolves to changes only through a name or owner the edit touched,
   * and then the reference is touched by that name already. A reference carried over keeps them.
   */
  #touches(occ: PortOccurrence, reused: CheckedState, touched: Touched): boolean {
    const subjects = reused.#subjects.get(occ)!;
    const hit = touched.ports.has(occ.port) || subjects.owners.some((o) => touched.owners.has(o)) || subjects.names.some((n) => touched.names.has(n));
    if (!hit) {
      this.#references.set(occ, reused.#references.get(occ));
      this.#subjects.set(occ, subjects);
    }
    return hit;
  }
}
