import { wellKnownOwners, type PortRange, type PortPlan } from '../plan/portPlan';
import type { Topology } from '../topology/topology';
import { usedPorts } from './usedPorts';

/** A block of ports to search: a plan range, or `START-END` given by hand. */
export interface PortWindow {
  readonly name: string;
  readonly start: number;
  readonly end: number;
  readonly reserved: readonly { start: number; end: number }[];
}

export function windowOf(range: PortRange): PortWindow | undefined {
  if (range.start === undefined || range.end === undefined) return undefined;
  return { name: range.name, start: range.start, end: range.end, reserved: range.reserved };
}

/**
 * Finds the plan range named `spec` (case-insensitive, or its `START-END`), or parses `START-END`.
 * Returns an error message naming the choices when nothing matches.
 */
export function resolveWindow(plan: PortPlan | undefined, spec: string): PortWindow | string {
  const wanted = spec.trim().toLowerCase();
  const range = plan?.ranges.find((r) => r.name.toLowerCase() === wanted || `${r.start}-${r.end}` === wanted);
  if (range) return windowOf(range) ?? `Range '${range.name}' has no port bounds in the plan; give START-END instead.`;
  const m = /^(\d{1,5})\s*-\s*(\d{1,5})$/.exec(wanted);
  if (m) {
    const start = Number(m[1]);
    const end = Number(m[2]);
    if (start >= 1 && end <= 65535 && start <= end) return { name: `${start}-${end}`, start, end, reserved: [] };
    return `'${spec}' is not a valid port range (1-65535, start ≤ end).`;
  }
  const names = (plan?.ranges ?? []).filter((r) => r.start !== undefined).map((r) => `'${r.name}'`);
  return `No range '${spec}' in the plan.${names.length ? ` Known ranges: ${names.join(', ')}.` : ''} Or give START-END.`;
}

/**
 * The first `count` contiguous ports of the window that are free: not reserved, not planned for
 * any service, not used anywhere in the workspace (`used`), not well known, not avoided by the plan.
 */
export function nextFreePorts(window: PortWindow, plan: PortPlan | undefined, used: ReadonlySet<number>, count = 1): number[] {
  const free = isFreeIn(window, plan, used);
  let run: number[] = [];
  for (let p = window.start; p <= window.end; p++) {
    if (!free(p)) {
      run = [];
      continue;
    }
    run.push(p);
    if (run.length === count) return run;
  }
  return [];
}

/** The test every allocation applies: not reserved, planned, used, well known or avoided. */
function isFreeIn(window: PortWindow, plan: PortPlan | undefined, used: ReadonlySet<number>): (port: number) => boolean {
  const avoid = new Set(plan?.rules.avoid ?? []);
  const planned = new Set((plan?.services ?? []).flatMap((s) => s.ports.map((p) => p.port)));
  return (p) => !planned.has(p) && !used.has(p) && !avoid.has(p) && wellKnownOwners(p) === undefined && !window.reserved.some((r) => p >= r.start && p <= r.end);
}

/** Up to `limit` free ports of the window, lowest first, not necessarily contiguous: what completion offers. */
export function freePortList(topology: Topology, window: PortWindow, limit: number, busy: ReadonlySet<number> = new Set()): number[] {
  const used = usedPorts(topology);
  for (const p of busy) used.add(p);
  const free = isFreeIn(window, topology.plan, used);
  const out: number[] = [];
  for (let p = window.start; p <= window.end && out.length < limit; p++) if (free(p)) out.push(p);
  return out;
}

/** What "next free port" answers: the ports and the window they were found in, or why there are none. */
export type NextFree =
  | { readonly ports: readonly number[]; readonly window: PortWindow; readonly error?: undefined }
  | { readonly ports: readonly []; readonly window?: PortWindow; readonly error: string };

/**
 * The first `count` contiguous free ports of `window` in this workspace: the one composition every
 * feature uses. `busy`: ports something listens on right now (the host's live listeners).
 */
export function freePortsIn(topology: Topology, window: PortWindow, count = 1, busy: ReadonlySet<number> = new Set()): NextFree {
  const used = usedPorts(topology);
  for (const p of busy) used.add(p);
  const ports = nextFreePorts(window, topology.plan, used, count);
  if (ports.length) return { ports, window };
  return { ports: [], window, error: `No ${count} free contiguous port${count === 1 ? '' : 's'} left in ${window.name} (${window.start}-${window.end}).` };
}

/** `port-schema next --range SPEC`, the editor's "Next Free Port…": SPEC is a range name or `START-END`. */
export function nextFree(topology: Topology, spec: string, count = 1, busy?: ReadonlySet<number>): NextFree {
  const window = resolveWindow(topology.plan, spec);
  return typeof window === 'string' ? { ports: [], error: window } : freePortsIn(topology, window, count, busy);
}
