import type { Topology } from '../topology/topology';
import type { Finding } from './finding';

/**
 * One `parse-error` per problem a reader reported: a file the parser rejects is never dropped
 * without a word. Info by default: the file may be fine for its real consumer (PyYAML, Docker),
 * and the reader has already read around the error where it could.
 */
export function checkParseErrors(topology: Topology, silenced: (path: string) => boolean): Finding[] {
  const findings: Finding[] = [];
  for (const [file, problems] of topology.problemsByFile) {
    if (silenced(file)) continue;
    for (const p of problems) {
      findings.push({ rule: 'parse-error', severity: 'info', port: 0, services: [], file, range: p.range, message: p.message, related: [], fixes: [] });
    }
  }
  return findings;
}
