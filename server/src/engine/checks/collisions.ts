import { describeNamespace, formatLocation, type Listener, type ListenerSite, type Namespace } from '../topology/listeners';
import type { Topology } from '../topology/topology';
import { SEVERITY_RANK, type Finding, type RelatedLocation, type Severity } from './finding';
import { relatedSites } from './related';

/**
 * How sure we are that two listeners on one port collide: certain on one named host or in one
 * Compose project (error); possible when a host is unknown (warning); only "if these run on one
 * machine" across two Compose projects (hint); never across two named hosts.
 */
export function collisionSeverity(a: Namespace, b: Namespace): Severity | undefined {
  if (a.kind === 'host' && b.kind === 'host') return a.name === b.name ? 'error' : undefined;
  if (a.kind === 'group' && b.kind === 'group') return a.name === b.name ? 'error' : 'hint';
  return 'warning';
}

/**
 * `collision`: one finding at each site of each colliding listener, whose related information
 * points at the other listeners' sites. Listeners are compared pairwise (few per port); the sites
 * only multiply the output, and each finding's related list is capped.
 */
export function checkCollisions(topology: Topology): Finding[] {
  const findings: Finding[] = [];
  for (const [port, listeners] of topology.listenersByPort) {
    if (new Set(listeners.map((l) => l.owner.id)).size < 2) continue;
    for (const listener of listeners) {
      const against = collidingWith(listener, listeners);
      if (!against) continue;
      for (const site of listener.sites) findings.push(collisionAt(port, site, against));
    }
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
    const s = collisionSeverity(listener.ns, other.ns);
    if (!s) continue;
    others.push(other);
    if (!severity || SEVERITY_RANK[s] > SEVERITY_RANK[severity]) severity = s;
  }
  if (!severity) return undefined;
  return { severity, others, siteCount: others.reduce((n, o) => n + o.sites.length, 0) };
}

function collisionAt(port: number, site: ListenerSite, { severity, others, siteCount }: Against): Finding {
  const otherNames = [...new Set(others.map((o) => o.owner.name))];
  const where = severity === 'hint' ? 'if these Compose projects run on one machine' : severity === 'error' ? `on ${describeNamespace(site.ns)}` : 'where the host is unknown';
  const first = firstSite(others);
  const message =
    `Port ${port} is bound by ${site.owner.name} here and by ${otherNames.join(', ')} (${formatLocation(first.occ)}${siteCount > 1 ? ` and ${siteCount - 1} more` : ''}), ${where}. ` +
    (severity === 'warning' ? "Give each a port of its own, or set their 'host' in the plan if they run on different machines." : 'Give each service a port of its own.');
  const related: RelatedLocation[] = relatedSites(site.occ, others, (o) => `${o.owner.name} binds ${port} here (${describeNamespace(o.ns)})`);
  return {
    rule: 'collision',
    severity,
    port,
    services: [site.owner.name, ...otherNames],
    file: site.occ.file,
    range: site.occ.range,
    message,
    related,
    fixes: site.owner.service ? ['use-planned-port', 'assign-next-free'] : ['assign-next-free', 'add-to-plan'],
    plannedPort: plannedPortOf(site),
  };
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
