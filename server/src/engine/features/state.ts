import type { Finding } from '../checks/finding';
import type { Topology } from '../topology/topology';

/**
 * What a feature reads of one engine state: the workspace as it runs, the plan files' texts (for
 * comment-preserving plan edits) and the findings. The engine hands out one per index generation.
 */
export interface EngineState {
  readonly topology: Topology;
  readonly planTexts: ReadonlyMap<string, string>;
  findings(): readonly Finding[];
  findingsIn(path: string): readonly Finding[];
}
