import { plannedPortOf } from '../checks/collisions';
import type { PortOccurrence } from '../extract/occurrence';
import type { PlannedPort, ServiceEntry } from '../plan/portPlan';
import type { Position, Range } from '../text';
import { basename } from '../util/paths';
import type { Topology } from '../topology/topology';

export interface PlanLens {
  readonly range: Range;
  readonly title: string;
  /** The row's port: clicking the lens opens the sites of the port there (the references view). */
  readonly position: Position;
}

/**
 * One short line above each plan entry saying what the code does with that entry's own port — the
 * mana plan's hand-written "real-world ports today", kept next to each row and always current. A
 * service with two planned ports gets two lenses, each about its row.
 */
export function planLenses(topology: Topology, path: string): PlanLens[] {
  const lenses: PlanLens[] = [];
  for (const service of topology.plan?.services ?? []) {
    for (const planned of service.ports) {
      if (planned.location.file !== path) continue;
      lenses.push({ range: planned.entryLocation.range, title: describe(topology, service, planned), position: planned.location.range.start });
    }
  }
  return lenses;
}

function describe(topology: Topology, service: ServiceEntry, planned: PlannedPort): string {
  const listeners = topology.listenersByService.get(service) ?? [];
  const here = listeners.filter((l) => l.port === planned.port).flatMap((l) => l.sites).sort((a, b) => a.ordinal - b.ordinal);
  // A site binding another port in this row's place: the one the drift check compares with this row.
  const instead = listeners.filter((l) => l.port !== planned.port).flatMap((l) => l.sites).filter((s) => plannedPortOf(s) === planned.port).sort((a, b) => a.ordinal - b.ordinal);
  const others = [...new Set((topology.listenersByPort.get(planned.port) ?? []).filter((l) => l.owner.service !== service).map((l) => l.owner.name))];
  const parts: string[] = [];
  if (here.length) parts.push(`✓ bound: ${short(here[0].occ)}${more(here.length)}`);
  if (instead.length) parts.push(`⚠ binds ${[...new Set(instead.map((s) => s.occ.port))].join(', ')} instead: ${short(instead[0].occ)}${more(instead.length)}`);
  if (others.length) parts.push(`⚠ also bound by ${others.slice(0, 2).join(', ')}${others.length > 2 ? ` +${others.length - 2}` : ''}`);
  if (!parts.length) parts.push('not bound in this workspace');
  return parts.join(' · ');
}

/** `main.py:43`: the file's name is enough above its row; the lens opens the full list. */
function short(occ: PortOccurrence): string {
  return `${basename(occ.file)}:${occ.range.start.line + 1}`;
}

function more(count: number): string {
  return count > 1 ? ` +${count - 1}` : '';
}
