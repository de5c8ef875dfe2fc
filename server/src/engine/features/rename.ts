import type { PortEdit } from '../edit';
import { setPlannedPort } from '../plan/edits';
import { containsPosition, type Position, type Range } from '../text';
import { plannedOwner, type Owner } from '../topology/ownership';
import { dedupeEdits, renumberInCode } from './renumber';
import { planRowAt, type PlanRow } from './target';
import type { EngineState } from './state';
import { appendAll } from '../util/arrays';

/** What F2 renames at a position: a port in the plan, or a port literal in code (not prose, not a range). */
export interface RenameTarget {
  readonly range: Range;
  readonly port: number;
  readonly owner: Owner;
  /** The plan entry, when the target is one (or the code's service has one for this port). */
  readonly planned?: PlanRow;
}

export function renameTarget(state: EngineState, path: string, position: Position): RenameTarget | undefined {
  const { topology } = state;
  const row = planRowAt(topology, path, position);
  if (row) return { range: row.entry.location.range, port: row.entry.port, owner: plannedOwner(row.service), planned: row };
  const occ = topology.occurrencesByFile.get(path)?.find((o) => o.kind !== 'doc' && o.portEnd === undefined && containsPosition(o.range, position));
  if (!occ) return undefined;
  const owner = topology.ownerOf(occ);
  const entry = owner.service?.ports.find((p) => p.port === occ.port);
  return { range: occ.range, port: occ.port, owner, ...(owner.service && entry ? { planned: { service: owner.service, entry } } : {}) };
}

/**
 * Renumbers the service at `position` from its port there to `to`, everywhere: its binds, start
 * scripts, docs and the references to it in code, and its plan entry. From the plan or from code alike.
 */
export function renumberAt(state: EngineState, path: string, position: Position, to: number): PortEdit | undefined {
  const target = renameTarget(state, path, position);
  if (!target) return undefined;
  const { topology } = state;
  // On a plan row the plan edit rewrites the cell itself (and may re-pad its column): no second edit there.
  const inPlan = target.planned?.entry.location.file === path && target.planned.entry.location.range === target.range;
  const edits = [...(inPlan ? [] : [{ path, range: target.range, newText: String(to) }]), ...renumberInCode(topology, target.owner, target.port, to)];
  if (target.planned && topology.plan) {
    appendAll(edits, setPlannedPort(topology.plan, state.planTexts, target.planned.service.name, target.planned.entry.label, to));
  }
  return { title: `Renumber ${target.owner.name} from ${target.port} to ${to}`, edits: dedupeEdits(edits) };
}
