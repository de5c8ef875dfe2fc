import type { TextEdit } from '../edit';
import type { PortOccurrence } from '../extract/occurrence';
import { normalizeServiceName, serviceNameFromKey } from '../syntax/names';
import type { Owner } from '../topology/ownership';
import type { Topology } from '../topology/topology';

/**
 * Edits that move one owner from `from` to `to` in the code: its own binds, publishes, start
 * scripts and docs, plus every reference elsewhere that names it (by key or host) at `from`.
 * Its container ports at `from` move too: they are the same process listening inside its
 * container (`"4105:4105"` with a source default of 4105), so a mapping keeps pointing at it.
 */
export function renumberInCode(topology: Topology, owner: Owner, from: number, to: number): TextEdit[] {
  const edits: TextEdit[] = [];
  const target = normalizeServiceName(owner.name);
  for (const [, occurrences] of topology.occurrencesByFile) {
    for (const occ of occurrences) {
      if (occ.port !== from || occ.portEnd !== undefined) continue;
      if (topology.planFiles.has(occ.file)) continue;
      if (belongsTo(topology, occ, owner, target)) edits.push(replacePort(occ, to));
    }
  }
  return edits;
}

function belongsTo(topology: Topology, occ: PortOccurrence, owner: Owner, target: string): boolean {
  if (occ.kind === 'reference' || occ.kind === 'doc') {
    const byKey = occ.key ? serviceNameFromKey(occ.key) : undefined;
    const byHost = occ.host ? normalizeServiceName(occ.host) : undefined;
    if (byKey === target || byHost === target) return true;
    return !byKey && topology.ownerOf(occ).id === owner.id;
  }
  return topology.ownerOf(occ).id === owner.id;
}

export function replacePort(occ: PortOccurrence, port: number): TextEdit {
  return { path: occ.file, range: occ.range, newText: String(port) };
}

/** Keeps the first edit per file position: two routes to one literal must not edit it twice. */
export function dedupeEdits(edits: readonly TextEdit[]): TextEdit[] {
  const seen = new Set<string>();
  return edits.filter((e) => {
    const key = `${e.path}:${e.range.start.line}:${e.range.start.character}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
