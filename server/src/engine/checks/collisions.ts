import { describeContext, NODE_CONTEXT, type RunContext } from '../topology/contexts';
import { canMeet, formatLocation, type Listener, type ListenerSite } from '../topology/listeners';
import type { Topology } from '../topology/topology';
import { PLANNED_PORT_FIXES, SEVERITY_RANK, type Finding, type FixKind, type Severity } from './finding';
import { relatedSites, SiteLocations } from './related';
import { appendAll } from '../util/arrays';

/**
 * How sure we are that two listeners on one port collide, from where each runs: certain in one
 * Compose project, one cluster or on one named host (error); likely for processes on their own on
 * the developer's machine, where a Compose project of the same tree publishes too (warning); only
 * "if these run on one machine" across separate Compose projects (hint); never across two named hosts.
 */
export function collisionSeverity(a: Listener, b: Listener): Severity | undefined {
  if (!canMeet(a, b)) return undefined;
  const [x, y] = [a.context, b.context];
  if (x.host && y.host) return x.host === y.host ? 'error' : undefined;
  // Host unknown on its own; on Kubernetes nodes the scheduler may place the two pods apart; a menu's fragments only once both are installed.
  if (x.id === y.id) return (x.kind === 'own' && !x.host) || x.id === NODE_CONTEXT.id || x.fragments ? 'warning' : 'error';
  if (x.kind === 'compose' && y.kind === 'compose') return 'hint';
  if (x.kind === 'cluster' || y.kind === 'cluster') return 'hint';
  // On its own beside a Compose project: the developer runs both where the project's tree holds the code.
  const [own, project] = x.kind === 'own' ? [a, y] : [b, x];
  if (project.kind !== 'compose') return 'warning';
  return own.sites.some((s) => inside(project.dir, s.occ.file)) ? 'warning' : 'hint';
}

function inside(dir: string, file: string): boolean {
  return dir === '' || file.startsWith(`${dir}/`);
}

/**
 * `collision`: one finding at each site of each colliding listener, whose related information
 * points at the other listeners' sites. Listeners are compared pairwise (few per port); the sites
 * only multiply the output, and each finding's related list is capped.
 */
export function checkCollisions(topology: Topology): Finding[] {
  const findings: Finding[] = [];
  for (const [port, listeners] of topology.listenersByPort) appendAll(findings, collisionsOnPort(port, listeners));
  return findings;
}

/** The collisions of one port: they depend on that port's listeners alone. */
export function collisionsOnPort(port: number, listeners: readonly Listener[]): Finding[] {
  if (new Set(listeners.map((l) => l.owner.id)).size < 2) return [];
  const findings: Finding[] = [];
  const locations = new SiteLocations(listeners, (o) => `${o.owner.name} binds ${port} here (${describeContext(o.context)})`);
  for (const listener of listeners) {
    const against = collidingWith(listener, listeners);
    if (!against) continue;
    const said = collisionSaying(port, listener, against);
    for (const site of listener.sites) findings.push(collisionAt(site, said, against, locations));
  }
  return findings;
}

interface Against {
  readonly severity: Severity;
  readonly others: readonly Listener[];
  /** How many sites the other listeners have together. */
  readonly siteCount: number;
}

/** The other owners' listeners this one collides with, and the most certain severity among them. */
function collidingWith(listener: Listener, listeners: readonly Listener[]): Against | undefined {
  let severity: Severity | undefined;
  const others: Listener[] = [];
  for (const other of listeners) {
    if (other.owner.id === listener.owner.id) continue;
    const s = collisionSeverity(listener, other);
    if (!s) continue;
    others.push(other);
    if (!severity || SEVERITY_RANK[s] > SEVERITY_RANK[severity]) severity = s;
  }
  if (!severity) return undefined;
  return { severity, others, siteCount: others.reduce((n, o) => n + o.sites.length, 0) };
}

/** What each of a listener's collisions says, apart from where: made once for all its sites. */
interface CollisionSaying {
  readonly severity: Severity;
  readonly port: number;
  readonly services: readonly string[];
  readonly message: string;
  readonly fixes: readonly FixKind[];
}

function collisionSaying(port: number, listener: Listener, { severity, others, siteCount }: Against): CollisionSaying {
  const otherNames = [...new Set(others.map((o) => o.owner.name))];
  const first = firstSite(others);
  const message =
    `Port ${port} is bound by ${listener.owner.name} here and by ${otherNames.join(', ')} (${formatLocation(first.occ)}${siteCount > 1 ? ` and ${siteCount - 1} more` : ''}), ${where(severity, listener.context, first.context)}. ` +
    advice(severity, listener.context);
  return { severity, port, services: [listener.owner.name, ...otherNames], message, fixes: listener.owner.service ? PLANNED_PORT_FIXES : UNPLANNED_COLLISION_FIXES };
}

function collisionAt(site: ListenerSite, said: CollisionSaying, { others }: Against, locations: SiteLocations): Finding {
  return {
    rule: 'collision',
    severity: said.severity,
    port: said.port,
    services: said.services,
    file: site.occ.file,
    range: site.occ.range,
    message: said.message,
    related: relatedSites(site.occ, others, locations),
    fixes: said.fixes,
    plannedPort: plannedPortOf(site),
  };
}

/** An unplanned service's collision: move it to a free port, or give it one in the plan. */
const UNPLANNED_COLLISION_FIXES: readonly FixKind[] = ['assign-next-free', 'add-to-plan'];

/** Where the two run together, in words. */
function where(severity: Severity, here: RunContext, there: RunContext): string {
  if (severity === 'error') return here.host ? `on host ${here.host}` : `in ${describeContext(here)}`;
  if (severity === 'hint') return here.kind === 'compose' && there.kind === 'compose' ? 'if these Compose projects run on one machine' : `if ${describeContext(there.kind === 'own' ? here : there)} runs where it runs on its own`;
  if (here.kind === 'own' && there.kind === 'own') return 'when both run on their own, where the host is unknown';
  if (here.kind === 'cluster' && there.kind === 'cluster') return 'as hostPorts: their pods cannot share a Kubernetes node';
  if (here.fragments && here.id === there.id) return `if both are installed from ${here.label}`;
  const project = here.kind === 'compose' ? here : there;
  return `on its own beside ${describeContext(project)}, where the host is unknown`;
}

function advice(severity: Severity, here: RunContext): string {
  if (here.fragments) return 'Give each a port of its own, so that both can be installed together.';
  if (here.id === NODE_CONTEXT.id) return 'Give each a port of its own, or keep them on separate nodes with a nodeSelector or anti-affinity.';
  if (severity === 'warning') return "Give each a port of its own, or set their 'host' in the plan if they run on different machines.";
  if (severity === 'hint') return "Give each a port of its own, or say in the plan that they run apart ('hosts' or 'contexts').";
  return 'Give each service a port of its own.';
}

/** The earliest site (in file order) among the listeners. */
function firstSite(listeners: readonly Listener[]): ListenerSite {
  return listeners.reduce<ListenerSite>((best, l) => (l.sites[0].ordinal < best.ordinal ? l.sites[0] : best), listeners[0].sites[0]);
}

/** The plan's port for a listener's service when it differs from what it binds. */
export function plannedPortOf(site: ListenerSite): number | undefined {
  const service = site.owner.service;
  if (!service || service.ports.length === 0) return undefined;
  if (service.ports.some((p) => p.port === site.occ.port)) return undefined;
  const labelled = site.occ.label ? service.ports.find((p) => p.label === site.occ.label) : undefined;
  return (labelled ?? service.ports[0]).port;
}
