import { nextFreePorts, windowOf } from '../allocate/nextFree';
import type { Analysis } from '../checks/analysis';
import type { Finding } from '../checks/finding';
import type { PortEdit, TextEdit } from '../edit';
import type { PortEngine } from '../index';
import { addServiceToPlan, setPlannedPort } from '../schema/planEdits';
import { containsPosition, type Range } from '../text';
import { dedupeEdits, renumberInCode } from './renumber';
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

function literalAt(analysis: Analysis, finding: Finding) {
  return analysis.occurrencesByFile.get(finding.file)?.find((o) => o.range.start.line === finding.range.start.line && o.range.start.character === finding.range.start.character);
}

function usePlannedPort(finding: Finding): CodeAction | undefined {
  if (finding.plannedPort === undefined) return undefined;
  const edits: TextEdit[] = [{ path: finding.file, range: finding.range, newText: String(finding.plannedPort) }];
  return { title: `Use the planned port ${finding.plannedPort}`, edits, finding, preferred: true };
}

function assignNextFree(engine: PortEngine, finding: Finding): CodeAction | undefined {
  const analysis = engine.analysis();
  const occ = literalAt(analysis, finding);
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
  const occ = literalAt(analysis, finding);
  if (!schema || !occ) return undefined;
  const owner = analysis.ownerOf(occ);
  if (owner.service || analysis.plannedOwners(occ.port).length) return undefined;
  const edits = addServiceToPlan(schema, engine.index.planTexts, owner.name, occ.port, { label: occ.label, rangeName: analysis.rangeOfPort(occ.port)?.name });
  if (edits.length === 0) return undefined;
  return { title: `Add ${owner.name} to the plan at ${occ.port}`, edits, finding };
}

/** Edits for "renumber this service everywhere": code and plan. Used by rename. */
export function renumberService(engine: PortEngine, path: string, offsetRange: Range, to: number): PortEdit | undefined {
  const analysis = engine.analysis();
  const occ = analysis.occurrencesByFile.get(path)?.find((o) => containsPosition(o.range, offsetRange.start));
  if (!occ) return undefined;
  const owner = analysis.ownerOf(occ);
  const edits = renumberInCode(analysis, owner, occ.port, to);
  if (!edits.some((e) => e.path === occ.file && e.range.start.line === occ.range.start.line)) edits.unshift({ path: occ.file, range: occ.range, newText: String(to) });
  if (owner.service && analysis.schema) {
    const planned = owner.service.ports.find((p) => p.port === occ.port);
    if (planned) edits.push(...setPlannedPort(analysis.schema, engine.index.planTexts, owner.service.name, planned.label, to));
  }
  return { title: `Renumber ${owner.name} from ${occ.port} to ${to}`, edits: dedupeEdits(edits) };
}
