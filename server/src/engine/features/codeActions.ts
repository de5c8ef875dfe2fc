import { freePortsIn, windowOf } from '../allocate/nextFree';
import type { Finding } from '../checks/finding';
import type { PortEdit, TextEdit } from '../edit';
import { addServiceToPlan, setPlannedPort } from '../plan/edits';
import { containsPosition, type Range } from '../text';
import { renumberAt } from './rename';
import { dedupeEdits, renumberInCode } from './renumber';
import { livePorts, type EngineState } from './state';
import { planRowAt } from './target';
import { appendAll } from '../util/arrays';

/** The kinds of action the engine offers; the editor asks for some of them (`context.only`). */
export type CodeActionKind = 'quickfix' | 'refactor' | 'fixAll';

export interface CodeAction extends PortEdit {
  /**
   * A quick fix of one finding; a refactor of the whole workspace (the reconciles: `reconcile` says
   * which, and the edits are computed only when the user picks it); or every safe fix of a file.
   */
  readonly kind: CodeActionKind;
  /** The finding it fixes (its diagnostic), when it is a quick fix. */
  readonly finding?: Finding;
  readonly preferred?: boolean;
  readonly reconcile?: 'align-code' | 'align-plan';
}

/** Rules of the plan itself whose row is best fixed by moving the service to a free port of its range. */
const MOVABLE_PLAN_RULES: ReadonlySet<string> = new Set(['reserved', 'schema-duplicate', 'out-of-range', 'well-known']);

/**
 * The actions for `range` in `path` of the kinds asked for (all when `only` is undefined): quick
 * fixes for the findings there; on a drift, the two reconciles as refactors whose edits are made
 * only when one is run (computing two workspace-wide edits per cursor move would be wasted work);
 * the file's safe fixes as one fix-all.
 */
export function codeActionsAt(state: EngineState, path: string, range: Range, only?: ReadonlySet<CodeActionKind>): CodeAction[] {
  const wants = (kind: CodeActionKind) => !only || only.has(kind);
  const actions = wants('quickfix') ? quickFixesAt(state, path, range) : [];
  if (wants('refactor') && state.findingsIn(path).some((f) => f.rule === 'drift' && containsPosition(f.range, range.start))) {
    actions.push(
      { kind: 'refactor', title: 'Align code with the plan (all services)', label: 'Align code with the plan', edits: [], reconcile: 'align-code' },
      { kind: 'refactor', title: 'Align the plan with the code (all services)', label: 'Align the plan with the code', edits: [], reconcile: 'align-plan' },
    );
  }
  if (only?.has('fixAll')) {
    const all = fixAllIn(state, path);
    if (all.edits.length) actions.push({ kind: 'fixAll', ...all });
  }
  return actions;
}

/**
 * The fixes safe to apply without looking (`editor.codeActionsOnSave`): only those that make the
 * code agree with what already listens — a reference pointed at the port its target really uses.
 * Never a drift fix ("use the planned port"): the code that listens today may be what works.
 */
export function fixAllIn(state: EngineState, path: string): PortEdit {
  const edits: TextEdit[] = [];
  for (const finding of state.findingsIn(path)) {
    if (!finding.fixes.includes('use-listening-port') || finding.listeningPort === undefined) continue;
    edits.push({ path: finding.file, range: finding.range, newText: String(finding.listeningPort) });
  }
  const unique = dedupeEdits(edits);
  const count = unique.length;
  return { title: `Point ${count} reference${count === 1 ? '' : 's'} at where ${count === 1 ? 'its service listens' : 'their services listen'}`, edits: unique };
}

function quickFixesAt(state: EngineState, path: string, range: Range): CodeAction[] {
  const actions: CodeAction[] = [];
  const add = (action: CodeAction | undefined) => {
    // Two findings on one literal (collision and unassigned) would each offer the same fix.
    if (action && !actions.some((a) => a.title === action.title)) actions.push(action);
  };
  for (const finding of state.findingsIn(path)) {
    if (!containsPosition(finding.range, range.start) && !containsPosition(range, finding.range.start)) continue;
    for (const fix of finding.fixes) add(buildFix(state, finding, fix));
    if (MOVABLE_PLAN_RULES.has(finding.rule)) add(movePlanRow(state, finding));
  }
  return actions;
}

function buildFix(state: EngineState, finding: Finding, fix: Finding['fixes'][number]): CodeAction | undefined {
  switch (fix) {
    case 'use-planned-port':
      return usePlannedPort(finding);
    case 'use-listening-port':
      return useListeningPort(finding);
    case 'assign-next-free':
      return assignNextFree(state, finding);
    case 'add-to-plan':
      return addToPlan(state, finding);
  }
}


function usePlannedPort(finding: Finding): CodeAction | undefined {
  if (finding.plannedPort === undefined) return undefined;
  const edits: TextEdit[] = [{ path: finding.file, range: finding.range, newText: String(finding.plannedPort) }];
  return { kind: 'quickfix', title: `Use the planned port ${finding.plannedPort}`, edits, finding, preferred: true };
}

/** A stale reference pointed at the port its target really listens on: code agrees with what runs. */
function useListeningPort(finding: Finding): CodeAction | undefined {
  if (finding.listeningPort === undefined) return undefined;
  const edits: TextEdit[] = [{ path: finding.file, range: finding.range, newText: String(finding.listeningPort) }];
  return { kind: 'quickfix', title: `Point it at ${finding.listeningPort}, where ${finding.services[0] ?? 'the service'} listens`, edits, finding, preferred: true };
}

/**
 * Moves the literal's owner to the next free port of its range: the literal, the owner's other sites
 * and the references that pointed at it (at the port it binds and at the one the plan gave it), and
 * its plan row — as rename does, so that the fix leaves no reference behind on the old port.
 */
function assignNextFree(state: EngineState, finding: Finding): CodeAction | undefined {
  const { topology } = state;
  const occ = topology.occurrenceAt(finding.file, finding.range);
  if (!occ || occ.portEnd !== undefined) return undefined;
  const owner = topology.ownerOf(occ);
  const range =
    (finding.rangeName && topology.plan?.ranges.find((r) => r.name === finding.rangeName)) ||
    (owner.service && topology.rangeOfService(owner.service)) ||
    topology.rangeOfPort(occ.port);
  const window = range && windowOf(range);
  if (!window) return undefined;
  const [port] = freePortsIn(topology, window, 1, livePorts(state)).ports;
  if (port === undefined) return undefined;
  const edits: TextEdit[] = [{ path: occ.file, range: occ.range, newText: String(port) }, ...renumberInCode(topology, owner, occ.port, port)];
  if (owner.service && topology.plan) {
    const planned = owner.service.ports.find((p) => p.label === occ.label) ?? owner.service.ports[0];
    if (planned && planned.port !== occ.port) appendAll(edits, renumberInCode(topology, owner, planned.port, port));
    appendAll(edits, setPlannedPort(topology.plan, state.planTexts, owner.service.name, planned?.label, port));
  }
  return { kind: 'quickfix', title: `Assign next free port in ${window.name} (${port})`, edits: dedupeEdits(edits), finding };
}

/**
 * A plan row in a reserved block, given twice, or outside its range: move the service to the next
 * free port of the range it belongs to — the row, the code that binds it and the references, as a
 * rename from the row does. What the message offers as `port-schema next` on the command line.
 */
function movePlanRow(state: EngineState, finding: Finding): CodeAction | undefined {
  const { topology } = state;
  const row = planRowAt(topology, finding.file, finding.range.start);
  if (!row) return undefined;
  const named = row.entry.rangeName ?? row.service.rangeName;
  const byName = named ? topology.plan?.ranges.find((r) => r.name === named) : undefined;
  const range = (byName?.start !== undefined ? byName : undefined) ?? topology.rangeOfService(row.service) ?? topology.rangeOfPort(row.entry.port);
  const window = range && windowOf(range);
  if (!window) return undefined;
  const [port] = freePortsIn(topology, window, 1, livePorts(state)).ports;
  const moved = port !== undefined ? renumberAt(state, finding.file, row.entry.location.range.start, port) : undefined;
  if (!moved || port === undefined) return undefined;
  return { kind: 'quickfix', title: `Move ${row.service.name} to the next free port in ${window.name} (${port})`, edits: moved.edits, finding };
}

function addToPlan(state: EngineState, finding: Finding): CodeAction | undefined {
  const { topology } = state;
  const plan = topology.plan;
  const occ = topology.occurrenceAt(finding.file, finding.range);
  if (!plan || !occ) return undefined;
  const owner = topology.ownerOf(occ);
  if (owner.service || topology.plannedOwners(occ.port).length) return undefined;
  const edits = addServiceToPlan(plan, state.planTexts, owner.name, occ.port, { label: occ.label, rangeName: topology.rangeOfPort(occ.port)?.name });
  if (edits.length === 0) return undefined;
  return { kind: 'quickfix', title: `Add ${owner.name} to the plan at ${occ.port}`, edits, finding };
}
