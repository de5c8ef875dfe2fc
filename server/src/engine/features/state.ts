import type { Finding } from '../checks/finding';
import type { LiveListener } from '../host';
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
  /** What listens on this machine now, when the host watches (`portSchema.live.enable`); undefined when it does not. */
  readonly live?: readonly LiveListener[];
}

/** Ports in use on this machine now: next-free skips them. */
export function livePorts(state: EngineState): ReadonlySet<number> {
  return new Set((state.live ?? []).map((l) => l.port));
}
