import { checkStaleReferences } from '../checks/staleReferences';
import type { OccurrenceKind, PortOccurrence } from '../extract/occurrence';
import { isTestFile } from '../syntax/fileKinds';
import { isAllowListKey } from '../syntax/names';
import { CLUSTER_CONTEXT, describeContext, type RunContext } from '../topology/contexts';
import type { Owner } from '../topology/ownership';
import type { Topology } from '../topology/topology';
import { basename } from '../util/paths';
import { groupBy } from '../util/arrays';

/** A run context as the map lists it: `file` is a Compose project's first file. */
export interface MapContext {
  readonly id: string;
  readonly kind: RunContext['kind'];
  /** How the text map heads its column (`own`, `macmini+monitoring`, `apps/playground:compose`). */
  readonly label: string;
  readonly description: string;
  readonly file?: string;
  readonly files?: readonly string[];
  readonly host?: string;
  readonly governed: boolean;
}

export interface BoundPort {
  readonly port: number;
  readonly file: string;
  readonly line: number;
  /** `bind`/`publish`: opened on the context's machine; `expose`: inside a container or pod only. */
  readonly kind: OccurrenceKind;
  /** The run context's id (`MapContext.id`). */
  readonly context: string;
  /** A published port's container side, when the same line maps it (`"8000:3000"`). */
  readonly containerPort?: number;
}

export interface ServiceMapEntry {
  readonly name: string;
  readonly planned: readonly { port: number; label?: string }[];
  readonly bound: readonly BoundPort[];
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

/** A reference to a port, and whether it reaches a listener where it is made. */
export interface ReferenceEntry {
  readonly port: number;
  readonly file: string;
  readonly line: number;
  readonly key?: string;
  readonly host?: string;
  /** Set when nothing answers there (a `stale-reference` finding): where the target does listen, if known. */
  readonly stale?: { readonly services: readonly string[]; readonly listeningPort?: number };
}

/** The plan and reality side by side, per run context: the hand-written "real-world ports today" list, produced from the code. */
export interface PortMap {
  readonly contexts: readonly MapContext[];
  readonly services: readonly ServiceMapEntry[];
  readonly ranges: readonly RangeMapEntry[];
  readonly plannedNotBound: readonly { readonly service: string; readonly port: number }[];
  readonly boundNotPlanned: readonly { readonly service: string; readonly port: number; readonly context: string }[];
  readonly references: readonly ReferenceEntry[];
}

interface Building {
  name: string;
  planned: ServiceMapEntry['planned'];
  bound: BoundPort[];
  host?: string;
  project?: string;
}

export function buildPortMap(topology: Topology): PortMap {
  const services = new Map<string, Building>();
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
  const used = new Map<string, RunContext>();
  const containerSides = containerSidesByLine(topology);
  for (const site of topology.sites) {
    if (site.port !== site.occ.port) continue;
    used.set(site.context.id, site.context);
    const containerPort = site.occ.kind === 'publish' ? containerSides.get(lineKey(site.occ))?.find((p) => p !== site.occ.port) : undefined;
    entryFor(site.owner).bound.push({ ...boundAt(site.occ, site.context), ...(containerPort !== undefined ? { containerPort } : {}) });
  }
  // Container ports belong in the map too (a cluster of pods has no host ports at all), marked as such.
  for (const [path, occurrences] of topology.occurrencesByFile) {
    if (topology.planFiles.has(path)) continue;
    for (const occ of occurrences) {
      if (occ.kind !== 'expose') continue;
      const owner = topology.ownerOf(occ);
      for (const context of containerContexts(topology, occ, owner)) {
        used.set(context.id, context);
        entryFor(owner).bound.push(boundAt(occ, context));
      }
    }
  }
  const list: ServiceMapEntry[] = [...services.values()];
  list.sort((a, b) => firstPort(a) - firstPort(b) || a.name.localeCompare(b.name));
  const contexts = topology.contexts.filter((c) => used.has(c.id));
  for (const c of used.values()) if (!contexts.includes(c)) contexts.push(c);
  return {
    contexts: contexts.map(mapContext),
    services: list,
    ranges: rangesOf(topology),
    // A service that binds other ports than planned is drift, reported as such: "not bound" means nothing at all.
    plannedNotBound: list.filter((s) => !s.bound.some((b) => b.kind !== 'expose')).flatMap((s) => s.planned.map((p) => ({ service: s.name, port: p.port }))),
    boundNotPlanned: list
      .filter((s) => s.planned.length === 0)
      .flatMap((s) => uniqueBy(s.bound.filter((b) => b.kind !== 'expose'), (b) => `${b.port}@${b.context}`).map((b) => ({ service: s.name, port: b.port, context: b.context }))),
    references: referencesOf(topology),
  };
}

function boundAt(occ: PortOccurrence, context: RunContext): BoundPort {
  return { port: occ.port, file: occ.file, line: occ.range.start.line + 1, kind: occ.kind, context: context.id };
}

const lineKey = (occ: PortOccurrence) => `${occ.file}:${occ.range.start.line}`;

/** The container ports written on each Compose line: `"8000:3000"` maps 8000 to 3000. */
function containerSidesByLine(topology: Topology): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const [path, occurrences] of topology.occurrencesByFile) {
    if (!topology.isComposeFile(path)) continue;
    for (const occ of occurrences) {
      if (occ.kind !== 'expose') continue;
      const list = out.get(lineKey(occ));
      if (list) list.push(occ.port);
      else out.set(lineKey(occ), [occ.port]);
    }
  }
  return out;
}

/** Where a container port is one: the projects of its Compose file, the cluster for a manifest, else the projects that run its image. */
function containerContexts(topology: Topology, occ: PortOccurrence, owner: Owner): readonly RunContext[] {
  if (topology.isComposeFile(occ.file)) return topology.projectsOf(occ.file);
  if (occ.source === 'k8s') return [CLUSTER_CONTEXT];
  // An image's EXPOSE counts where the project does not give the container another port.
  return topology.contextsOf(owner).filter((c) => c.kind === 'compose' && topology.serviceOf(c, owner)?.containerPorts.has(occ.port));
}

function mapContext(c: RunContext): MapContext {
  return {
    id: c.id,
    kind: c.kind,
    label: shortLabel(c),
    description: describeContext(c),
    ...(c.kind === 'compose' && c.files.length ? { file: c.files[0], files: c.files } : {}),
    ...(c.host ? { host: c.host } : {}),
    governed: c.governed,
  };
}

/** A column head: `own`, `own@mac-mini`, `macmini+monitoring`, `apps/playground:compose`, `k8s`. */
function shortLabel(c: RunContext): string {
  if (c.kind === 'own') return c.host ? `own@${c.host}` : 'own';
  if (c.kind === 'cluster') return c.id === 'k8s-cluster' ? 'k8s' : 'k8s-node';
  if (c.fragments) return `fragments:${c.dir || '.'}`;
  if (c.id.startsWith('context:')) return c.id.slice('context:'.length);
  const names = c.files.map((f) => basename(f).replace(/\.ya?ml$/i, '').replace(/^(?:docker-)?compose[.-]?/i, '') || 'compose');
  return `${c.dir ? `${c.dir}:` : ''}${names.join('+')}`;
}

/** A range's USED column: ports the plan gives out or something listens on; a reference alone takes nothing. */
function rangesOf(topology: Topology): RangeMapEntry[] {
  const used = new Set(topology.listenersByPort.keys());
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
  return ranges;
}

/** Every reference outside plans and tests, marked where the stale-reference check finds nothing answering. */
function referencesOf(topology: Topology): ReferenceEntry[] {
  const stale = new Map(checkStaleReferences(topology).map((f) => [`${f.file}:${f.range.start.line}:${f.range.start.character}`, f]));
  const out: ReferenceEntry[] = [];
  for (const [path, occurrences] of topology.occurrencesByFile) {
    if (topology.planFiles.has(path) || isTestFile(path)) continue;
    for (const occ of occurrences) {
      // Allow-lists and deliberate dummies name ports nobody calls.
      if (occ.kind !== 'reference' || occ.deliberate || (occ.key && isAllowListKey(occ.key)) || topology.env.settings.has(occ)) continue;
      const finding = stale.get(`${occ.file}:${occ.range.start.line}:${occ.range.start.character}`);
      out.push({
        port: occ.port,
        file: occ.file,
        line: occ.range.start.line + 1,
        ...(occ.key ? { key: occ.key } : {}),
        ...(occ.host ? { host: occ.host } : {}),
        ...(finding ? { stale: { services: finding.services, ...(finding.listeningPort !== undefined ? { listeningPort: finding.listeningPort } : {}) } } : {}),
      });
    }
  }
  return out.sort((a, b) => a.port - b.port || a.file.localeCompare(b.file) || a.line - b.line);
}

function projectOf(ownerId: string): { project?: string } {
  const m = /^(?:dir:(.*)|compose:(.*)#.*)$/.exec(ownerId);
  const project = m?.[1] ?? m?.[2];
  return project ? { project } : {};
}

function firstPort(s: ServiceMapEntry): number {
  return s.planned[0]?.port ?? s.bound[0]?.port ?? 0;
}

function uniqueBy<T>(items: readonly T[], key: (t: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((t) => !seen.has(key(t)) && seen.add(key(t)));
}

/**
 * Aligned plain-text rendering (CLI `map`, the editor's "Show Port Map"): a row per service and
 * run context with the ports it uses there, then what the plan and the code do not share, the
 * references per port, and the ranges.
 */
export function formatPortMap(map: PortMap, planFiles: readonly string[]): string {
  const labels = new Map(map.contexts.map((c) => [c.id, c.label]));
  const contexts = new Map(map.contexts.map((c, i) => [c.id, { ...c, order: i }]));
  const anyHost = map.services.some((s) => s.host);
  const rows: string[][] = [['SERVICE', 'PLANNED', 'CONTEXT', 'PORTS', 'WHERE', ...(anyHost ? ['HOST'] : [])]];
  const names = map.services.map((s) => s.name);
  for (const s of map.services) {
    const ambiguous = names.indexOf(s.name) !== names.lastIndexOf(s.name);
    const name = ambiguous && s.project ? `${s.name} (${s.project})` : s.name;
    const planned = s.planned.map((p) => `${p.port}${p.label ? `:${p.label}` : ''}`).join(',') || '-';
    const byContext = new Map([...groupBy(s.bound, (b) => b.context)].sort(([a], [b]) => (contexts.get(a)?.order ?? 0) - (contexts.get(b)?.order ?? 0)));
    if (byContext.size === 0) rows.push([name, planned, '-', '-', '-', ...(anyHost ? [s.host ?? '-'] : [])]);
    let first = true;
    for (const [context, bound] of byContext) {
      rows.push([first ? name : '', first ? planned : '', labels.get(context) ?? context, portsCell(s, bound, contexts.get(context)?.governed ?? true), whereCell(bound), ...(anyHost ? [first ? (s.host ?? '-') : ''] : [])]);
      first = false;
    }
  }
  const out = [`Plan: ${planFiles.length ? planFiles.join(', ') : '(none: showing what the code binds)'}`, ''];
  if (map.contexts.length) out.push('Contexts:', ...table(map.contexts.map((c) => [`  ${c.label}`, c.description + (c.governed ? '' : ' (not governed by the plan)')])), '');
  out.push('PORTS: H a port opened on that machine; H→C published from container port C; (C) inside the container or pod only; * not the planned port', '', ...table(rows));
  if (map.plannedNotBound.length) out.push('', `Planned, not bound: ${map.plannedNotBound.map((p) => `${p.service} ${p.port}`).join(', ')}`);
  if (map.boundNotPlanned.length) out.push('', `Bound, not planned: ${map.boundNotPlanned.map((p) => `${p.service} ${p.port} (${labels.get(p.context) ?? p.context})`).join(', ')}`);
  if (map.references.length) out.push('', 'References:', ...referenceLines(map.references));
  if (map.ranges.length) out.push('', ...table([['RANGE', 'PORTS', 'USED', 'FREE'], ...map.ranges.map((r) => [r.name, `${r.start}-${r.end}`, String(r.used), String(r.free)])]));
  return out.join('\n');
}

/** The ports of one service in one context; `*` marks a port the plan does not give it, where the plan governs. */
function portsCell(service: ServiceMapEntry, bound: readonly BoundPort[], governed: boolean): string {
  const offPlan = (port: number) => (governed && service.planned.length && !service.planned.some((p) => p.port === port) ? '*' : '');
  const opened = bound.filter((b) => b.kind !== 'expose');
  const cells = uniqueBy(opened, (b) => `${b.port}→${b.containerPort ?? ''}`).map((b) => `${b.port}${offPlan(b.port)}${b.containerPort !== undefined ? `→${b.containerPort}` : ''}`);
  const mapped = new Set(opened.flatMap((b) => [b.port, b.containerPort]));
  const inside = [...new Set(bound.filter((b) => b.kind === 'expose' && !mapped.has(b.port)).map((b) => b.port))].map((p) => `(${p})`);
  return [...cells, ...inside].join(', ') || '-';
}

function whereCell(bound: readonly BoundPort[]): string {
  const first = bound.find((b) => b.kind !== 'expose') ?? bound[0];
  const files = new Set(bound.map((b) => `${b.file}:${b.line}`));
  return `${first.file}:${first.line}${files.size > 1 ? ` (+${files.size - 1})` : ''}`;
}

/** Per port: how many references reach a listener, and each one that does not, with where the target listens. */
function referenceLines(references: readonly ReferenceEntry[]): string[] {
  const rows: string[][] = [];
  for (const [port, refs] of groupBy(references, (r) => r.port)) {
    const ok = refs.filter((r) => !r.stale);
    if (ok.length) rows.push([`  ${port}`, `← ${ok.length}`, ok.slice(0, 3).map((r) => `${r.file}:${r.line}`).join(', ') + (ok.length > 3 ? `, +${ok.length - 3}` : '')]);
    for (const r of refs.filter((x) => x.stale)) {
      const target = r.stale!.services.join(', ');
      const listens = r.stale!.listeningPort !== undefined ? `${target} listens on ${r.stale!.listeningPort}` : target ? `${target} does not listen there` : 'nothing listens there';
      rows.push([`  ${port}`, '✗', `${r.file}:${r.line} (${listens})`]);
    }
  }
  return table(rows);
}

function table(rows: string[][]): string[] {
  if (!rows.length) return [];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('  ').trimEnd());
}
