import type { PortOccurrence } from '../extract/occurrence';
import type { ServiceEntry } from '../plan/portPlan';
import { isTestFile } from '../syntax/fileKinds';
import { isThisMachine } from '../syntax/hosts';
import { serviceNameFromKey } from '../syntax/names';
import { formatLocation } from '../topology/listeners';
import type { Topology } from '../topology/topology';
import type { Finding } from './finding';

/**
 * `stale-reference`: a reference whose port disagrees with the service it names (by its key or its
 * host), or a local URL that nothing in the workspace listens on while the plan knows its services.
 */
export function checkStaleReferences(topology: Topology): Finding[] {
  const findings: Finding[] = [];
  for (const [path, occurrences] of topology.occurrencesByFile) {
    // Tests point at mock servers and fixtures on ports of their own: not the team's wiring.
    if (topology.planFiles.has(path) || isTestFile(path)) continue;
    for (const occ of occurrences) {
      if (occ.kind !== 'reference') continue;
      const finding = checkReference(topology, occ);
      if (finding) findings.push(finding);
    }
  }
  return findings;
}

interface Target {
  readonly name: string;
  readonly service?: ServiceEntry;
  readonly ports: ReadonlySet<number>;
}

function resolveTarget(topology: Topology, occ: PortOccurrence): Target | undefined {
  const names = [occ.key && serviceNameFromKey(occ.key), occ.host && !isThisMachine(occ.host) ? topology.ownership.normalize(occ.host) : undefined];
  for (const name of names) {
    if (!name) continue;
    const service = topology.ownership.service(name);
    const ports = topology.portsByOwnerName.get(name);
    if (service || ports) return { name: service?.name ?? name, service, ports: ports ?? new Set() };
  }
  return undefined;
}

function checkReference(topology: Topology, occ: PortOccurrence): Finding | undefined {
  const target = resolveTarget(topology, occ);
  const local = !occ.host || isThisMachine(occ.host);
  if (target) return checkAgainstTarget(topology, occ, target, local);
  // Only a local port inside the plan's own ranges is the team's business: 11434 is Ollama's, not ours.
  const range = local ? topology.rangeOfPort(occ.port) : undefined;
  if (!range) return undefined;
  if (topology.listenersByPort.has(occ.port) || topology.plannedOwners(occ.port).length) return undefined;
  return stale(occ, [], `${describe(occ)} points at port ${occ.port} in ${range.name}, but nothing in this workspace listens there and the plan does not give it to anyone. Fix the port, or add the service to the plan.`, undefined);
}

function checkAgainstTarget(topology: Topology, occ: PortOccurrence, target: Target, local: boolean): Finding | undefined {
  const planned = target.service?.ports.map((p) => p.port) ?? [];
  const hostListeners = (target.service && topology.listenersByService.get(target.service)) || [];
  const bound = [...new Set(hostListeners.map((l) => l.port))];
  if (planned.length && !planned.includes(occ.port)) {
    const where = target.service!.ports[0].location;
    return stale(occ, [target.name], `${describe(occ)} points at ${occ.port}, but ${target.name} is planned at ${planned.join(', ')} (${where.file}:${where.range.start.line + 1}). Use the planned port.`, planned[0], [
      { file: where.file, range: target.service!.ports[0].entryLocation.range, message: `${target.name} is planned at ${planned[0]}` },
    ]);
  }
  if (local && bound.length && !bound.includes(occ.port)) {
    const site = hostListeners.find((l) => l.port === bound[0])!.sites[0];
    return stale(occ, [target.name], `${describe(occ)} points at ${occ.port}, but ${target.name} listens on ${bound.join(', ')} (${formatLocation(site.occ)}). Nothing answers on ${occ.port} until the code follows the plan.`, undefined, [
      { file: site.occ.file, range: site.occ.range, message: `${target.name} binds ${site.occ.port} here` },
    ]);
  }
  if (!planned.length && target.ports.size && !target.ports.has(occ.port)) {
    return stale(occ, [target.name], `${describe(occ)} points at ${occ.port}, but ${target.name} opens ${[...target.ports].sort((a, b) => a - b).join(', ')}. Point it at the port the service listens on.`, undefined);
  }
  return undefined;
}

function describe(occ: PortOccurrence): string {
  return occ.key ? occ.key : `${occ.host ?? 'this address'}:${occ.port}`;
}

function stale(occ: PortOccurrence, services: string[], message: string, plannedPort: number | undefined, related: Finding['related'] = []): Finding {
  return {
    rule: 'stale-reference',
    severity: 'warning',
    port: occ.port,
    services,
    file: occ.file,
    range: occ.range,
    message,
    related,
    fixes: plannedPort !== undefined ? ['use-planned-port'] : [],
    plannedPort,
  };
}
