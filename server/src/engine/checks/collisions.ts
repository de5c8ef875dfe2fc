import { describeNamespace, formatLocation, type Listener, type Namespace } from '../topology/listeners';
import type { Topology } from '../topology/topology';
import { SEVERITY_RANK, type Finding, type Severity } from './finding';

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

/** `collision`: one finding at each binding site, related information pointing at the other owners' sites. */
export function checkCollisions(topology: Topology): Finding[] {
  const findings: Finding[] = [];
  for (const [port, listeners] of topology.listenersByPort) {
    if (new Set(listeners.map((l) => l.owner.id)).size < 2) continue;
    for (const site of listeners) {
      const finding = collisionAt(port, site, listeners);
      if (finding) findings.push(finding);
    }
  }
  return findings;
}

function collisionAt(port: number, site: Listener, listeners: readonly Listener[]): Finding | undefined {
  let severity: Severity | undefined;
  const others: Listener[] = [];
  for (const other of listeners) {
    if (other.owner.id === site.owner.id) continue;
    const s = collisionSeverity(site.ns, other.ns);
    if (!s) continue;
    others.push(other);
    if (!severity || SEVERITY_RANK[s] > SEVERITY_RANK[severity]) severity = s;
  }
  if (!severity) return undefined;
  const otherNames = [...new Set(others.map((o) => o.owner.name))];
  const where = severity === 'hint' ? 'if these Compose projects run on one machine' : severity === 'error' ? `on ${describeNamespace(site.ns)}` : 'where the host is unknown';
  const first = others[0];
  const message =
    `Port ${port} is bound by ${site.owner.name} here and by ${otherNames.join(', ')} (${formatLocation(first.occ)}${others.length > 1 ? ` and ${others.length - 1} more` : ''}), ${where}. ` +
    (severity === 'warning' ? "Give each a port of its own, or set their 'host' in the plan if they run on different machines." : 'Give each service a port of its own.');
  return {
    rule: 'collision',
    severity,
    port,
    services: [site.owner.name, ...otherNames],
    file: site.occ.file,
    range: site.occ.range,
    message,
    related: others.map((o) => ({ file: o.occ.file, range: o.occ.range, message: `${o.owner.name} binds ${port} here (${describeNamespace(o.ns)})` })),
    fixes: site.owner.service ? ['use-planned-port', 'assign-next-free'] : ['assign-next-free', 'add-to-plan'],
    plannedPort: plannedPortOf(site),
  };
}

/** The plan's port for a listener's service when it differs from what it binds. */
export function plannedPortOf(site: Listener): number | undefined {
  const service = site.owner.service;
  if (!service || service.ports.length === 0) return undefined;
  if (service.ports.some((p) => p.port === site.occ.port)) return undefined;
  const labelled = site.occ.label ? service.ports.find((p) => p.label === site.occ.label) : undefined;
  return (labelled ?? service.ports[0]).port;
}
