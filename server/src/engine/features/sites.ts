import type { OccurrenceKind, PortOccurrence } from '../extract/occurrence';
import { isComposePath, isDockerfilePath } from '../syntax/fileKinds';
import { isThisMachine } from '../syntax/hosts';
import { normalizeServiceName, serviceNameFromKey } from '../syntax/names';
import type { Position, Range } from '../text';
import { describeContext, OWN_CONTEXT } from '../topology/contexts';
import type { ListenerSite } from '../topology/listeners';
import type { Owner } from '../topology/ownership';
import type { Topology } from '../topology/topology';
import { plannedPortOf } from '../checks/collisions';
import { ownerNamed, referenceTarget, targetAt, type PlanRow, type PortTarget } from './target';

/** One place a port is written: a bind, publish, container port, reference, doc or its plan row. */
export interface PortSite {
  readonly file: string;
  readonly range: Range;
  readonly kind: OccurrenceKind | 'plan';
}

/** The sites of one run context ("on its own", "Compose project docker-compose.yml"), the plan, or the docs. */
export interface SiteGroup {
  readonly context: string;
  readonly sites: readonly PortSite[];
}

/** Every site of one service's port, grouped by where it runs: what references (Shift+F12) and plan lenses open. */
export interface PortSites {
  readonly port: number;
  readonly owner: string;
  readonly groups: readonly SiteGroup[];
}

/** A link from a port to where it is listened on: a plan row to its bind, a URL to its target's listener. */
export interface PortLink {
  readonly range: Range;
  readonly target: { readonly file: string; readonly position: Position };
  readonly tooltip: string;
}

const PLAN_GROUP = 'the plan';
const DOCS_GROUP = 'docs';

/**
 * The occurrences of an owner's port in code (plan files aside): its own binds, publishes, container
 * ports, start scripts and docs, and every reference that names it (by key or host) at that port.
 * A range literal (`3000-3005`) stands for many ports, so it is nobody's single site.
 */
export function occurrencesOf(topology: Topology, owner: Owner, port: number): PortOccurrence[] {
  const target = normalizeServiceName(owner.name);
  return topology.occurrencesOfPort(port).filter((occ) => belongsTo(topology, occ, owner, target));
}

/**
 * A reference or doc belongs to the service its key or host names. A reference that names no one
 * this workspace knows (`proxy: 'http://localhost:4300'`, `ORDERS_METRICS_URL`) belongs to the
 * service it reaches (the one listening on its port, else the plan's owner of it) or to its file's
 * owner. Prose that names nobody belongs to its file's owner only: a line of docs may well tell
 * another port's story ("binds 5565 instead of 5560"), and renumbering it would rewrite that.
 */
function belongsTo(topology: Topology, occ: PortOccurrence, owner: Owner, target: string): boolean {
  if (occ.kind !== 'reference' && occ.kind !== 'doc') return topology.ownerOf(occ).id === owner.id;
  const byKey = occ.key ? serviceNameFromKey(occ.key) : undefined;
  const byHost = occ.host && !isThisMachine(occ.host) ? normalizeServiceName(occ.host) : undefined;
  if (byKey === target || byHost === target) return true;
  if (byHost || (byKey && ownerNamed(topology, byKey))) return false;
  if (!byKey && topology.ownerOf(occ).id === owner.id) return true;
  return occ.kind === 'reference' && referenceTarget(topology, occ)?.id === owner.id;
}

/** The sites of the port at a position (a literal or a plan row), grouped by context: plan first, docs last. */
export function sitesAt(topology: Topology, path: string, position: Position): PortSites | undefined {
  const target = targetAt(topology, path, position);
  return target && sitesOf(topology, target);
}

export function sitesOf(topology: Topology, target: PortTarget): PortSites {
  const groups = new Map<string, PortSite[]>();
  const add = (context: string, site: PortSite) => {
    const list = groups.get(context);
    if (list) list.push(site);
    else groups.set(context, [site]);
  };
  if (target.planned) add(PLAN_GROUP, { file: target.planned.entry.location.file, range: target.planned.entry.location.range, kind: 'plan' });
  for (const occ of occurrencesOf(topology, target.owner, target.port)) add(contextOf(topology, occ), { file: occ.file, range: occ.range, kind: occ.kind });
  const order = [PLAN_GROUP, ...topology.contexts.map(describeContext), DOCS_GROUP];
  const rank = (context: string) => {
    const i = order.indexOf(context);
    return i < 0 ? order.length - 1 : i;
  };
  const sorted = [...groups.entries()].sort((a, b) => rank(a[0]) - rank(b[0]) || a[0].localeCompare(b[0]));
  return { port: target.port, owner: target.owner.name, groups: sorted.map(([context, sites]) => ({ context, sites })) };
}

/** Where an occurrence runs, as a group name: its listener's context, its Compose project, its container, the docs. */
function contextOf(topology: Topology, occ: PortOccurrence): string {
  if (occ.kind === 'doc') return DOCS_GROUP;
  const context = topology.contextOfSite(occ);
  if (context) return describeContext(context);
  const [project] = isComposePath(occ.file) ? topology.projectsOf(occ.file) : [];
  if (project) return describeContext(project);
  if (occ.kind === 'expose' || isDockerfilePath(occ.file)) return 'inside its container';
  return describeContext(OWN_CONTEXT);
}

/**
 * Go to definition: from a literal, its plan row (a reference's: its target's row, else where the
 * target listens); from a plan row, the sites that bind it (or that bind another port in its place).
 */
export function definitionAt(topology: Topology, path: string, position: Position): PortSite[] {
  const target = targetAt(topology, path, position);
  if (!target) return [];
  if (!target.occurrence) return bindSitesOfRow(topology, target.planned).map(siteOf);
  if (target.planned) return [{ file: target.planned.entry.location.file, range: target.planned.entry.location.range, kind: 'plan' }];
  if (target.occurrence.kind !== 'reference') return [];
  return listeningAt(topology, target.owner, target.port).map(siteOf);
}

/** The occurrences that listen on a plan row's port; with none, those that drift from it (its service binding another port in its place). */
function bindSitesOfRow(topology: Topology, row: PlanRow | undefined): PortOccurrence[] {
  if (!row) return [];
  const listeners = topology.listenersByService.get(row.service) ?? [];
  const here = listeners.filter((l) => l.port === row.entry.port).flatMap((l) => l.sites);
  return inOrder(here.length ? here : listeners.flatMap((l) => l.sites).filter((s) => plannedPortOf(s) === row.entry.port));
}

/** Where an owner listens on a port: its listener sites, else its container ports there. */
function listeningAt(topology: Topology, owner: Owner, port: number): PortOccurrence[] {
  const sites = (topology.listenersByPort.get(port) ?? []).filter((l) => l.owner.id === owner.id).flatMap((l) => l.sites);
  return sites.length ? inOrder(sites) : occurrencesOf(topology, owner, port).filter((o) => o.kind === 'expose');
}

/** The occurrences of listener sites, each once, in file order. */
function inOrder(sites: readonly ListenerSite[]): PortOccurrence[] {
  return [...new Set([...sites].sort((a, b) => a.ordinal - b.ordinal).map((s) => s.occ))];
}

function siteOf(occ: PortOccurrence): PortSite {
  return { file: occ.file, range: occ.range, kind: occ.kind };
}

/** Document links: each plan row's port to its first bind site; each reference's port to where its target listens. */
export function linksIn(topology: Topology, path: string): PortLink[] {
  const links: PortLink[] = [];
  for (const service of topology.plan?.services ?? []) {
    for (const entry of service.ports) {
      if (entry.location.file !== path) continue;
      const [first, ...rest] = bindSitesOfRow(topology, { service, entry });
      if (!first) continue;
      const verb = first.port !== entry.port ? `binds ${first.port} instead` : first.kind === 'publish' ? 'is published' : 'binds it';
      links.push(linkTo(entry.location.range, first, `${service.name} ${verb} at ${where(first)}${rest.length ? ` (and ${rest.length} more)` : ''}`));
    }
  }
  if (topology.planFiles.has(path)) return links;
  for (const occ of topology.occurrencesByFile.get(path) ?? []) {
    if (occ.kind !== 'reference' || occ.portEnd !== undefined) continue;
    const owner = referenceTarget(topology, occ);
    const [first] = owner ? listeningAt(topology, owner, occ.port) : [];
    if (!owner || !first || first === occ) continue;
    links.push(linkTo(occ.range, first, `${owner.name} listens on ${occ.port} at ${where(first)}`));
  }
  return links;
}

function linkTo(range: Range, occ: PortOccurrence, tooltip: string): PortLink {
  return { range, target: { file: occ.file, position: occ.range.start }, tooltip };
}

function where(occ: PortOccurrence): string {
  return `${occ.file}:${occ.range.start.line + 1}`;
}
