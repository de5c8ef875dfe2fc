import { freePortsIn, windowOf } from '../allocate/nextFree';
import type { LiveListener } from '../host';
import type { Range } from '../text';
import { describeContext } from '../topology/contexts';
import { livePorts, type EngineState } from './state';

/** Who a port belongs to, for a message that names only the port (`EADDRINUSE :::4101` in a terminal). */
export interface PortInfo {
  readonly port: number;
  /** Each owner listening on it in the workspace, where it runs and its first site. */
  readonly listeners: readonly { readonly owner: string; readonly context: string; readonly file: string; readonly range: Range }[];
  /** The plan rows that give it out. */
  readonly plannedFor: readonly { readonly service: string; readonly file: string; readonly range: Range }[];
  /** The next free port of the range that holds it (skipping what listens now). */
  readonly nextFree?: { readonly port: number; readonly range: string };
  /** What listens on it on this machine now, when the host watches. */
  readonly live: readonly LiveListener[];
}

export function portInfo(state: EngineState, port: number): PortInfo {
  const { topology } = state;
  const seen = new Set<string>();
  const listeners: PortInfo['listeners'][number][] = [];
  for (const l of topology.listenersByPort.get(port) ?? []) {
    if (seen.has(l.owner.id)) continue;
    seen.add(l.owner.id);
    const { occ } = l.sites[0];
    listeners.push({ owner: l.owner.name, context: describeContext(l.context), file: occ.file, range: occ.range });
  }
  const planned = topology.plannedOwners(port);
  const plannedFor = planned.map((s) => {
    const entry = s.ports.find((p) => p.port === port)!;
    return { service: s.name, file: entry.location.file, range: entry.location.range };
  });
  const range = topology.rangeOfPort(port) ?? (planned[0] && topology.rangeOfService(planned[0]));
  const window = range && windowOf(range);
  const [next] = window ? freePortsIn(topology, window, 1, livePorts(state)).ports : [];
  return {
    port,
    listeners,
    plannedFor,
    ...(next !== undefined && window ? { nextFree: { port: next, range: window.name } } : {}),
    live: (state.live ?? []).filter((l) => l.port === port),
  };
}
