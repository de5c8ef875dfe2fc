import { nextFreePorts, windowOf } from '../allocate/nextFree';
import type { Finding } from '../checks/finding';
import type { PortEdit, TextEdit } from '../edit';
import type { PortEngine } from '../index';
import { addServiceToPlan, setPlannedPort } from '../schema/planEdits';
import { containsPosition, type Range } from '../text';
import { dedupeEdits } from './renumber';
import { usedPorts } from './usedPorts';

export interface CodeAction extends PortEdit {
  /** The finding it fixes (its diagnostic), when it is a quick fix. */
  readonly finding?: Finding;
  readonly preferred?: boolean;
}

/** Quick fixes for the findings that touch `range` in `path`. */
export function codeActionsAt(engine: PortEngine, path: string, range: Range): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const finding of engine.findingsIn(path)) {
    if (!containsPosition(finding.range, range.start) && !containsPosition(range, finding.range.start)) continue;
    for (const fix of finding.fixes) {
      const action = buildFix(engine, finding, fix);
      // Two findings on one literal (collision and unassigned) would each offer the same fix.
      if (action && !actions.some((a) => a.title === action.title)) actions.push(action);
    }
  }
  return actions;
}

function buildFix(engine: PortEngine, finding: Finding, fix: Finding['fixes'][number]): CodeAction | undefined {
  switch (fix) {
    case 'use-planned-port':
      return usePlannedPort(finding);
    case 'assign-next-free':
      return assignNextFree(engine, finding);
    case 'add-to-schema':
      return addToSchema(engine, finding);
  }
}


function usePlannedPort(finding: Finding): CodeAction | undefined {
  if (finding.plannedPort === undefined) return undefined;
  const edits: TextEdit[] = [{ path: finding.file, range: finding.range, newText: String(finding.plannedPort) }];
  return { title: `Use the planned port ${finding.plannedPort}`, edits, finding, preferred: true };
}

function assignNextFree(engine: PortEngine, finding: Finding): CodeAction | undefined {
  const analysis = engine.analysis();
  const occ = analysis.occurrenceAt(finding.file, finding.range);
  if (!occ || occ.portEnd !== undefined) return undefined;
  const owner = analysis.ownerOf(occ);
  const range =
    (finding.rangeName && analysis.schema?.ranges.find((r) => r.name === finding.rangeName)) ||
    (owner.service && analysis.rangeOfService(owner.service)) ||
    analysis.rangeOfPort(occ.port);
  const window = range && windowOf(range);
  if (!window) return undefined;
  const [port] = nextFreePorts(window, analysis.schema, usedPorts(analysis));
  if (port === undefined) return undefined;
  const edits: TextEdit[] = [{ path: occ.file, range: occ.range, newText: String(port) }];
  if (owner.service && analysis.schema) {
    const planned = owner.service.ports.find((p) => p.label === occ.label) ?? owner.service.ports[0];
    edits.push(...setPlannedPort(analysis.schema, engine.index.planTexts, owner.service.name, planned?.label, port));
  }
  return { title: `Assign next free port in ${window.name} (${port})`, edits: dedupeEdits(edits), finding };
}

function addToSchema(engine: PortEngine, finding: Finding): CodeAction | undefined {
  const analysis = engine.analysis();
  const schema = analysis.schema;
  const occ = analysis.occurrenceAt(finding.file, finding.range);
  if (!schema || !occ) return undefined;
  const owner = analysis.ownerOf(occ);
  if (owner.service || analysis.plannedOwners(occ.port).length) return undefined;
  const edits = addServiceToPlan(schema, engine.index.planTexts, owner.name, occ.port, { label: occ.label, rangeName: analysis.rangeOfPort(occ.port)?.name });
  if (edits.length === 0) return undefined;
  return { title: `Add ${owner.name} to the plan at ${occ.port}`, edits, finding };
}
