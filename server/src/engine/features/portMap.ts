import type { Analysis } from '../checks/analysis';
import type { OccurrenceKind } from '../extract/occurrence';
import { usedPorts } from './usedPorts';

export interface ServiceMapEntry {
  readonly name: string;
  readonly planned: readonly { port: number; label?: string }[];
  readonly bound: readonly { port: number; file: string; line: number; kind: OccurrenceKind }[];
  readonly host?: string;
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

export function buildPortMap(analysis: Analysis): PortMap {
  const services = new Map<string, { name: string; planned: ServiceMapEntry['planned']; bound: ServiceMapEntry['bound'][number][]; host?: string }>();
  for (const s of analysis.schema?.services ?? []) {
    services.set(`svc:${s.name}`, { name: s.name, planned: s.ports.map((p) => ({ port: p.port, ...(p.label ? { label: p.label } : {}) })), bound: [], host: s.host });
  }
  for (const l of analysis.listeners) {
    const key = l.owner.service ? `svc:${l.owner.service.name}` : l.owner.id;
    let entry = services.get(key);
    if (!entry) {
      entry = { name: l.owner.name, planned: [], bound: [] };
      services.set(key, entry);
    }
    entry.bound.push({ port: l.occ.port, file: l.occ.file, line: l.occ.range.start.line + 1, kind: l.occ.kind });
  }
  const used = usedPorts(analysis);
  const planned = new Set((analysis.schema?.services ?? []).flatMap((s) => s.ports.map((p) => p.port)));
  const ranges: RangeMapEntry[] = [];
  for (const r of analysis.schema?.ranges ?? []) {
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

function firstPort(s: ServiceMapEntry): number {
  return s.planned[0]?.port ?? s.bound[0]?.port ?? 0;
}

/** Aligned plain-text rendering (CLI `map`, the editor's "Show Port Map"). */
export function formatPortMap(map: PortMap, schemaFiles: readonly string[]): string {
  const rows: string[][] = [['SERVICE', 'PLANNED', 'BOUND', 'WHERE', 'HOST']];
  for (const s of map.services) {
    const planned = s.planned.map((p) => `${p.port}${p.label ? `:${p.label}` : ''}`).join(',') || '-';
    const bound = [...new Set(s.bound.map((b) => b.port))];
    const mismatch = s.planned.length > 0 && bound.some((p) => !s.planned.some((q) => q.port === p));
    const where = s.bound.length ? `${s.bound[0].file}:${s.bound[0].line}${s.bound.length > 1 ? ` (+${s.bound.length - 1})` : ''}` : '-';
    rows.push([s.name, planned, (bound.join(',') || '-') + (mismatch ? ' ≠ plan' : ''), where, s.host ?? '-']);
  }
  const out = [`Plan: ${schemaFiles.length ? schemaFiles.join(', ') : '(none: showing what the code binds)'}`, '', ...table(rows)];
  if (map.ranges.length) {
    out.push('', ...table([['RANGE', 'PORTS', 'USED', 'FREE'], ...map.ranges.map((r) => [r.name, `${r.start}-${r.end}`, String(r.used), String(r.free)])]));
  }
  return out.join('\n');
}

function table(rows: string[][]): string[] {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('  ').trimEnd());
}
