import { formatLocation, type Listener } from '../topology/listeners';
import type { Topology } from '../topology/topology';
import type { Range } from '../text';

export interface PlanLens {
  readonly range: Range;
  readonly title: string;
}

/**
 * One line above each plan entry saying what the code does with it: the mana plan's hand-written
 * "real-world ports today", kept next to each row and always current.
 */
export function planLenses(topology: Topology, path: string): PlanLens[] {
  const lenses: PlanLens[] = [];
  for (const service of topology.plan?.services ?? []) {
    const listeners = topology.listenersByService.get(service) ?? [];
    for (const planned of service.ports) {
      if (planned.location.file !== path) continue;
      lenses.push({ range: planned.entryLocation.range, title: describe(topology, service.name, planned.port, listeners) });
    }
  }
  return lenses;
}

function describe(topology: Topology, name: string, port: number, listeners: readonly Listener[]): string {
  const here = listeners.filter((l) => l.port === port).flatMap((l) => l.sites).sort((a, b) => a.ordinal - b.ordinal);
  const elsewhere = [...new Set(listeners.filter((l) => l.port !== port).map((l) => l.port))];
  const others = (topology.listenersByPort.get(port) ?? []).filter((l) => l.owner.service?.name !== name);
  const parts: string[] = [];
  if (here.length) parts.push(`bound: ${formatLocation(here[0].occ)}${here.length > 1 ? ` (+${here.length - 1})` : ''}`);
  if (elsewhere.length) parts.push(`⚠ code binds ${elsewhere.join(', ')}`);
  if (others.length) parts.push(`⚠ also bound by ${[...new Set(others.map((o) => o.owner.name))].join(', ')}`);
  if (!parts.length) parts.push('not bound in this workspace');
  return parts.join(' · ');
}
