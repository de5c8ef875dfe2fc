import type { Finding } from '../checks/finding';
import type { PortEdit, TextEdit } from '../edit';
import { setPlannedPort } from '../plan/edits';
import { dedupeEdits, renumberInCode } from './renumber';
import type { EngineState } from './state';
import { appendAll } from '../util/arrays';

export interface Reconciliation extends PortEdit {
  /** What the edit leaves alone, in words (collisions cannot be settled by either side). */
  readonly unresolved: readonly string[];
}

/**
 * "Align code with the plan": every drifting service moves to its planned port in all the files
 * it owns, and every reference to it follows; stale references get their planned port.
 */
export function alignCodeWithPlan(state: EngineState): Reconciliation {
  const { topology } = state;
  const edits: TextEdit[] = [];
  const moved = new Set<string>();
  const drifting = new Set(state.findings().filter((f) => f.rule === 'drift').map((f) => f.services[0]));
  for (const f of state.findings()) {
    if (f.rule === 'stale-reference') {
      // A reference to a service this moves is right at its planned port; to one that stays, at the port it listens on there.
      const target = f.services[0];
      const planned = target && drifting.has(target) ? topology.ownership.service(target)?.ports[0]?.port : undefined;
      const port = planned ?? f.listeningPort ?? (target ? topology.ownership.service(target)?.ports[0]?.port : undefined);
      if (port !== undefined && port !== f.port) edits.push({ path: f.file, range: f.range, newText: String(port) });
      continue;
    }
    if (f.rule !== 'drift' || f.plannedPort === undefined) continue;
    const occ = topology.occurrenceAt(f.file, f.range);
    if (!occ) continue;
    const owner = topology.ownerOf(occ);
    const key = `${owner.id}:${occ.port}`;
    if (moved.has(key)) continue;
    moved.add(key);
    edits.push({ path: f.file, range: f.range, newText: String(f.plannedPort) });
    appendAll(edits, renumberInCode(topology, owner, occ.port, f.plannedPort));
  }
  const unresolved = collisionsLeft(state.findings());
  return { title: 'Align code with the plan', edits: dedupeEdits(edits), unresolved };
}

/**
 * "Align the plan with the code": each drifting service's plan entry takes the port the code
 * binds, unless that port is contested by another service (then it is listed, not written).
 */
export function alignPlanWithCode(state: EngineState): Reconciliation {
  const { topology } = state;
  const plan = topology.plan;
  if (!plan) return { title: 'Align the plan with the code', edits: [], unresolved: ['There is no plan in this workspace.'] };
  const contested = new Set(state.findings().filter((f) => f.rule === 'collision').map((f) => f.port));
  const edits: TextEdit[] = [];
  const unresolved: string[] = [];
  const done = new Set<string>();
  for (const f of state.findings()) {
    if (f.rule !== 'drift' || f.plannedPort === undefined) continue;
    const service = f.services[0];
    const occ = topology.occurrenceAt(f.file, f.range);
    const planned = topology.ownership.service(service)?.ports.find((p) => p.port === f.plannedPort);
    const key = `${service}:${planned?.label ?? ''}`;
    if (done.has(key)) continue;
    done.add(key);
    if (contested.has(f.port)) {
      unresolved.push(`${service} binds ${f.port}, which another service binds too: settle the collision first (${f.file}:${f.range.start.line + 1}).`);
      continue;
    }
    appendAll(edits, setPlannedPort(plan, state.planTexts, service, planned?.label ?? occ?.label, f.port));
  }
  return { title: 'Align the plan with the code', edits: dedupeEdits(edits), unresolved: [...unresolved, ...collisionsLeft(state.findings()).filter((u) => !unresolved.includes(u))] };
}

function collisionsLeft(findings: readonly Finding[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const f of findings) {
    if (f.rule !== 'collision') continue;
    const key = `${f.port}:${[...f.services].sort().join(',')}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(`Port ${f.port} is bound by ${f.services.join(' and ')}: a collision neither side of the plan settles.`);
  }
  return out;
}
