import { freePortsIn, windowOf } from '../allocate/nextFree';
import type { Finding } from '../checks/finding';
import type { PortEdit, TextEdit } from '../edit';
import { addServiceToPlan, setPlannedPort } from '../plan/edits';
import { containsPosition, type Range } from '../text';
import { alignCodeWithPlan, alignPlanWithCode } from './reconcile';
import { dedupeEdits } from './renumber';
import type { EngineState } from './state';

export interface CodeAction extends PortEdit {
  /** A quick fix of one finding, or a refactor of the whole workspace (the reconciles). */
  readonly kind: 'quickfix' | 'refactor';
  /** The finding it fixes (its diagnostic), when it is a quick fix. */
  readonly finding?: Finding;
  readonly preferred?: boolean;
}

/**
 * Quick fixes for the findings that touch `range` in `path`; on a drift, the two reconciles too
 * (one undoable edit each, for every service), so the lightbulb offers the workspace-wide move.
 */
export function codeActionsAt(state: EngineState, path: string, range: Range): CodeAction[] {
  const actions = quickFixesAt(state, path, range);
  if (state.findingsIn(path).some((f) => f.rule === 'drift' && containsPosition(f.range, range.start))) {
    for (const reconcile of [alignCodeWithPlan, alignPlanWithCode]) {
      const result = reconcile(state);
      if (result.edits.length) actions.push({ kind: 'refactor', title: `${result.title} (all services)`, label: result.title, edits: result.edits });
    }
  }
  return actions;
}

function quickFixesAt(state: EngineState, path: string, range: Range): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const finding of state.findingsIn(path)) {
    if (!containsPosition(finding.range, range.start) && !containsPosition(range, finding.range.start)) continue;
    for (const fix of finding.fixes) {
      const action = buildFix(state, finding, fix);
      // Two findings on one literal (collision and unassigned) would each offer the same fix.
      if (action && !actions.some((a) => a.title === action.title)) actions.push(action);
    }
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
  const [port] = freePortsIn(topology, window).ports;
  if (port === undefined) return undefined;
  const edits: TextEdit[] = [{ path: occ.file, range: occ.range, newText: String(port) }];
  if (owner.service && topology.plan) {
    const planned = owner.service.ports.find((p) => p.label === occ.label) ?? owner.service.ports[0];
    edits.push(...setPlannedPort(topology.plan, state.planTexts, owner.service.name, planned?.label, port));
  }
  return { kind: 'quickfix', title: `Assign next free port in ${window.name} (${port})`, edits: dedupeEdits(edits), finding };
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
