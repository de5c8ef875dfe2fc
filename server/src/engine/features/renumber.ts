import type { TextEdit } from '../edit';
import type { PortOccurrence } from '../extract/occurrence';
import type { Owner } from '../topology/ownership';
import type { Topology } from '../topology/topology';
import { occurrencesOf } from './sites';

/**
 * Edits that move one owner from `from` to `to` in the code: its own binds, publishes, start
 * scripts and docs, plus every reference elsewhere that names it (by key or host) at `from`.
 * Its container ports at `from` move too: they are the same process listening inside its
 * container (`"4105:4105"` with a source default of 4105), so a mapping keeps pointing at it.
 */
export function renumberInCode(topology: Topology, owner: Owner, from: number, to: number): TextEdit[] {
  return occurrencesOf(topology, owner, from).map((occ) => replacePort(occ, to));
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
