import { portsOf } from '../topology/listeners';
import type { Topology } from '../topology/topology';

/** Ports taken anywhere in the workspace for allocation: bound, published or referenced (docs and container ports excepted). */
export function usedPorts(topology: Topology): Set<number> {
  const used = new Set<number>();
  for (const [path, occurrences] of topology.occurrencesByFile) {
    if (topology.planFiles.has(path)) continue;
    for (const occ of occurrences) {
      if (occ.kind === 'bind' || occ.kind === 'publish' || occ.kind === 'reference') for (const p of portsOf(occ)) used.add(p);
    }
  }
  return used;
}
