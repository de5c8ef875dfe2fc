import type { PortOccurrence } from '../extract/occurrence';
import type { PlannedPort, ServiceEntry } from '../plan/portPlan';
import { isComposePath } from '../syntax/fileKinds';
import { isThisMachine } from '../syntax/hosts';
import { isGenericServiceName, normalizeServiceName, serviceNameFromKey } from '../syntax/names';
import { containsPosition, type Position, type Range } from '../text';
import { plannedOwner, type Owner } from '../topology/ownership';
import type { Topology } from '../topology/topology';

/** A plan row: the service and the port entry written there. */
export interface PlanRow {
  readonly service: ServiceEntry;
  readonly entry: PlannedPort;
}

/**
 * Whose port a position is about. On a bind or a plan row, the service that listens (or is planned)
 * there; on a reference, the service it points at (`BILLING_URL` → billing), so that navigation from
 * a URL lands where its target listens.
 */
export interface PortTarget {
  readonly port: number;
  readonly owner: Owner;
  /** The literal or plan cell under the cursor. */
  readonly range: Range;
  /** The target's plan row for this port, when the plan has one. */
  readonly planned?: PlanRow;
  /** The occurrence under the cursor (none on a plan row). */
  readonly occurrence?: PortOccurrence;
}

export function planRowAt(topology: Topology, path: string, position: Position): PlanRow | undefined {
  for (const service of topology.plan?.services ?? []) {
    const entry = service.ports.find((p) => p.location.file === path && containsPosition(p.location.range, position));
    if (entry) return { service, entry };
  }
  return undefined;
}

/** The port occurrence at a position (a range literal `3000-3005` is not one port, so it is skipped). */
export function occurrenceAt(topology: Topology, path: string, position: Position): PortOccurrence | undefined {
  return topology.occurrencesByFile.get(path)?.find((o) => o.portEnd === undefined && containsPosition(o.range, position));
}

export function targetAt(topology: Topology, path: string, position: Position): PortTarget | undefined {
  const row = planRowAt(topology, path, position);
  if (row) return { port: row.entry.port, owner: plannedOwner(row.service), range: row.entry.location.range, planned: row };
  const occ = occurrenceAt(topology, path, position);
  if (!occ) return undefined;
  const owner = occ.kind === 'reference' ? (referenceTarget(topology, occ) ?? topology.ownerOf(occ)) : topology.ownerOf(occ);
  const planned = plannedRowOf(owner, occ.port);
  return { port: occ.port, owner, range: occ.range, occurrence: occ, ...(planned ? { planned } : {}) };
}

/** The plan row of an owner's port: the one planned at that port, if any. */
export function plannedRowOf(owner: Owner, port: number): PlanRow | undefined {
  const entry = owner.service?.ports.find((p) => p.port === port);
  return owner.service && entry ? { service: owner.service, entry } : undefined;
}

/**
 * The service a reference points at: the one its key or host names (in a Compose file, on the
 * project's network first), else the one owner that listens on its port, else the plan's owner of
 * the port. Undefined when nothing in the workspace answers to it (an external endpoint).
 */
export function referenceTarget(topology: Topology, occ: PortOccurrence): Owner | undefined {
  const host = occ.host && !isThisMachine(occ.host) ? occ.host : undefined;
  const fromKey = occ.key ? serviceNameFromKey(occ.key) : undefined;
  const name = host ?? (fromKey && !isGenericServiceName(fromKey) ? fromKey : undefined);
  if (name) {
    if (host && isComposePath(occ.file)) {
      for (const project of topology.projectsOf(occ.file)) {
        const service = topology.serviceNamed(project, host);
        if (service) return service.owner;
      }
    }
    const named = ownerNamed(topology, name);
    if (named) return named;
  }
  const listening = new Map((topology.listenersByPort.get(occ.port) ?? []).map((l) => [l.owner.id, l.owner]));
  if (listening.size === 1) return [...listening.values()][0];
  const [planned] = topology.plannedOwners(occ.port);
  return planned ? plannedOwner(planned) : undefined;
}

/** A planned service by name, else the owner of listeners by that name. */
export function ownerNamed(topology: Topology, name: string): Owner | undefined {
  const service = topology.ownership.service(name);
  if (service) return plannedOwner(service);
  return topology.listeningOwnerNamed(normalizeServiceName(name));
}
