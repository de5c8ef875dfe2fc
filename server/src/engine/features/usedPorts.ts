import type { Analysis } from '../checks/analysis';
import { portsOf } from '../checks/analysis';

/** Ports taken anywhere in the workspace for allocation: bound, published or referenced (docs and container ports excepted). */
export function usedPorts(analysis: Analysis): Set<number> {
  const used = new Set<number>();
  for (const [path, occurrences] of analysis.occurrencesByFile) {
    if (analysis.planFiles.has(path)) continue;
    for (const occ of occurrences) {
      if (occ.kind === 'bind' || occ.kind === 'publish' || occ.kind === 'reference') for (const p of portsOf(occ)) used.add(p);
    }
  }
  return used;
}
