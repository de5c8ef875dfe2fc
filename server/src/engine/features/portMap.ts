import { usedPorts } from '../allocate/usedPorts';
import type { OccurrenceKind } from '../extract/occurrence';
import type { Owner } from '../topology/ownership';
import type { Topology } from '../topology/topology';

export interface ServiceMapEntry {
  readonly name: string;
  readonly planned: readonly { port: number; label?: string }[];
  readonly bound: readonly { port: number; file: string; line: number; kind: OccurrenceKind }[];
  readonly host?: string;
  /** Where an unplanned service lives (its folder), to tell apart two `backend`s of separate projects. */
  readonly project?: string;
}

export interface RangeMapEntry {
  readonly name: string;
  readonly start: number;
  readonly end: number;
  readonly used: number;
  readonly free: number;
}

/** The plan and reality side by side: the hand-written "real-world ports today" list, produced from the code. */
export interface PortMap {
  readonly services: readonly ServiceMapEntry[];
  readonly ranges: readonly RangeMapEntry[];
}

export function buildPortMap(topology: Topology): PortMap {
  const services = new Map<string, { name: string; planned: ServiceMapEntry['planned']; bound: ServiceMapEntry['bound'][number][]; host?: string; project?: string }>();
  for (const s of topology.plan?.services ?? []) {
    services.set(`svc:${s.name}`, { name: s.name, planned: s.ports.map((p) => ({ port: p.port, ...(p.label ? { label: p.label } : {}) })), bound: [], host: s.host });
  }
  const entryFor = (owner: Owner) => {
    const key = owner.service ? `svc:${owner.service.name}` : owner.id;
    let entry = services.get(key);
    if (!entry) {
      entry = { name: owner.name, planned: [], bound: [], ...projectOf(owner.id) };
      services.set(key, entry);
    }
    return entry;
  };
  for (const l of topology.sites) entryFor(l.owner).bound.push({ port: l.occ.port, file: l.occ.file, line: l.occ.range.start.line + 1, kind: l.occ.kind });
  // Container ports belong in the map too (a cluster of pods has no host ports at all), marked as such.
  for (const [path, occurrences] of topology.occurrencesByFile) {
    if (topology.planFiles.has(path)) continue;
    for (const occ of occurrences) {
      if (occ.kind === 'expose') entryFor(topology.ownerOf(occ)).bound.push({ port: occ.port, file: occ.file, line: occ.range.start.line + 1, kind: occ.kind });
    }
  }
  const used = usedPorts(topology);
  const planned = new Set((topology.plan?.services ?? []).flatMap((s) => s.ports.map((p) => p.port)));
  const ranges: RangeMapEntry[] = [];
  for (const r of topology.plan?.ranges ?? []) {
    if (r.start === undefined || r.end === undefined) continue;
    let usedCount = 0;
    let reserved = 0;
    for (let p = r.start; p <= r.end; p++) {
      if (r.reserved.some((b) => p >= b.start && p <= b.end)) reserved++;
      else if (planned.has(p) || used.has(p)) usedCount++;
    }
    ranges.push({ name: r.name, start: r.start, end: r.end, used: usedCount, free: r.end - r.start + 1 - reserved - usedCount });
  }
  const list: ServiceMapEntry[] = [...services.values()];
  list.sort((a, b) => firstPort(a) - firstPort(b) || a.name.localeCompare(b.name));
  return { services: list, ranges };
}

function projectOf(ownerId: string): { project?: string } {
  const m = /^(?:dir:(.*)|compose:(.*)#.*)$/.exec(ownerId);
  const project = m?.[1] ?? m?.[2];
  return project ? { project } : {};
}

function firstPort(s: ServiceMapEntry): number {
  return s.planned[0]?.port ?? s.bound[0]?.port ?? 0;
}

/** Aligned plain-text rendering (CLI `map`, the editor's "Show Port Map"). */
export function formatPortMap(map: PortMap, schemaFiles: readonly string[]): string {
  const rows: string[][] = [['SERVICE', 'PLANNED', 'BOUND', 'WHERE', 'HOST']];
  const names = map.services.map((s) => s.name);
  for (const s of map.services) {
    const ambiguous = names.indexOf(s.name) !== names.lastIndexOf(s.name);
    const label = ambiguous && s.project ? `${s.name} (${s.project})` : s.name;
    const planned = s.planned.map((p) => `${p.port}${p.label ? `:${p.label}` : ''}`).join(',') || '-';
    const host = s.bound.filter((b) => b.kind !== 'expose');
    const container = [...new Set(s.bound.filter((b) => b.kind === 'expose').map((b) => b.port))].filter((p) => !host.some((b) => b.port === p));
    const hostPorts = [...new Set(host.map((b) => b.port))];
    const mismatch = s.planned.length > 0 && hostPorts.some((p) => !s.planned.some((q) => q.port === p));
    const bound = [...hostPorts.map(String), ...container.map((p) => `(${p})`)].join(',') || '-';
    const first = host[0] ?? s.bound[0];
    const where = first ? `${first.file}:${first.line}${s.bound.length > 1 ? ` (+${s.bound.length - 1})` : ''}` : '-';
    rows.push([label, planned, bound + (mismatch ? ' ≠ plan' : ''), where, s.host ?? '-']);
  }
  const out = [`Plan: ${schemaFiles.length ? schemaFiles.join(', ') : '(none: showing what the code binds)'}`, 'BOUND: ports opened on a machine; (N): a port inside a container or pod only', '', ...table(rows)];
  if (map.ranges.length) {
    out.push('', ...table([['RANGE', 'PORTS', 'USED', 'FREE'], ...map.ranges.map((r) => [r.name, `${r.start}-${r.end}`, String(r.used), String(r.free)])]));
  }
  return out.join('\n');
}

function table(rows: string[][]): string[] {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('  ').trimEnd());
}
