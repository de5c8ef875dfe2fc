import { wellKnownOwners, type PortRange, type PortSchema } from '../schema/model';

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
export function resolveWindow(schema: PortSchema | undefined, spec: string): PortWindow | string {
  const wanted = spec.trim().toLowerCase();
  const range = schema?.ranges.find((r) => r.name.toLowerCase() === wanted || `${r.start}-${r.end}` === wanted);
  if (range) return windowOf(range) ?? `Range '${range.name}' has no port bounds in the plan; give START-END instead.`;
  const m = /^(\d{1,5})\s*-\s*(\d{1,5})$/.exec(wanted);
  if (m) {
    const start = Number(m[1]);
    const end = Number(m[2]);
    if (start >= 1 && end <= 65535 && start <= end) return { name: `${start}-${end}`, start, end, reserved: [] };
    return `'${spec}' is not a valid port range (1-65535, start ≤ end).`;
  }
  const names = (schema?.ranges ?? []).filter((r) => r.start !== undefined).map((r) => `'${r.name}'`);
  return `No range '${spec}' in the plan.${names.length ? ` Known ranges: ${names.join(', ')}.` : ''} Or give START-END.`;
}

/**
 * The first `count` contiguous ports of the window that are free: not reserved, not planned for
 * any service, not used anywhere in the workspace (`used`), not well known, not avoided by the plan.
 */
export function nextFreePorts(window: PortWindow, schema: PortSchema | undefined, used: ReadonlySet<number>, count = 1): number[] {
  const avoid = new Set(schema?.rules.avoid ?? []);
  const planned = new Set((schema?.services ?? []).flatMap((s) => s.ports.map((p) => p.port)));
  const free = (p: number) =>
    !planned.has(p) && !used.has(p) && !avoid.has(p) && wellKnownOwners(p) === undefined && !window.reserved.some((r) => p >= r.start && p <= r.end);
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
