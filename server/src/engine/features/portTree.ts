import { freePortList, windowOf } from '../allocate/nextFree';
import type { OccurrenceKind } from '../extract/occurrence';
import type { PortRange } from '../plan/portPlan';
import type { Range } from '../text';
import { describeContext } from '../topology/contexts';
import type { Owner } from '../topology/ownership';
import type { Topology } from '../topology/topology';

/** A place to jump to from the tree. */
export interface TreeSite {
  readonly file: string;
  readonly range: Range;
  readonly kind: OccurrenceKind | 'plan';
  /** Where it runs (`on its own`, `Compose project docker-compose.yml`), or `the plan`. */
  readonly context: string;
}

/**
 * One port of a service: planned and bound, planned only, bound but not planned (drift or a
 * service the plan does not know), or open only inside a container.
 */
export interface PortNode {
  readonly port: number;
  readonly label?: string;
  readonly state: 'bound' | 'planned' | 'unplanned' | 'container';
  readonly contexts: readonly string[];
  /** Its plan row first, then where it is bound, in file order. */
  readonly sites: readonly TreeSite[];
}

export interface ServiceNode {
  readonly name: string;
  /** Where an unplanned service lives, to tell apart two `backend`s. */
  readonly project?: string;
  readonly planned: boolean;
  readonly ports: readonly PortNode[];
}

export interface RangeNode {
  readonly name: string;
  readonly start: number;
  readonly end: number;
  readonly purpose?: string;
  readonly location: { readonly file: string; readonly range: Range };
  readonly services: readonly ServiceNode[];
  /** Runs of free ports: what is left to hand out. */
  readonly gaps: readonly { readonly start: number; readonly end: number }[];
  readonly reserved: readonly { readonly start: number; readonly end: number }[];
  readonly free: number;
}

/** The Port Map view: ranges → services → ports, with the services no bounded range holds at the end. */
export interface PortTree {
  readonly planFiles: readonly string[];
  readonly ranges: readonly RangeNode[];
  /** Planned in a range without bounds, or in none; and services whose ports no range holds. */
  readonly outside: readonly ServiceNode[];
}

interface ServiceDraft {
  name: string;
  project?: string;
  planned: boolean;
  range?: PortRange;
  ports: Map<number, { label?: string; state: PortNode['state']; contexts: Set<string>; sites: TreeSite[] }>;
}

export function buildPortTree(topology: Topology, planFiles: readonly string[], busy: ReadonlySet<number> = new Set()): PortTree {
  const drafts = new Map<string, ServiceDraft>();
  const draftOf = (owner: Owner): ServiceDraft => {
    const key = owner.service ? `svc:${owner.service.name}` : owner.id;
    let draft = drafts.get(key);
    if (!draft) {
      const project = /^(?:dir:(.*)|compose:(.*)#.*)$/.exec(owner.id);
      draft = { name: owner.name, planned: false, ports: new Map(), ...(project?.[1] ?? project?.[2] ? { project: project[1] ?? project[2] } : {}) };
      drafts.set(key, draft);
    }
    return draft;
  };
  const portOf = (draft: ServiceDraft, port: number, state: PortNode['state'], label?: string) => {
    let node = draft.ports.get(port);
    if (!node) {
      node = { state, contexts: new Set(), sites: [], ...(label ? { label } : {}) };
      draft.ports.set(port, node);
    }
    return node;
  };
  for (const service of topology.plan?.services ?? []) {
    const draft = draftOf({ id: `svc:${service.name}`, name: service.name, service, containerized: false });
    draft.planned = true;
    const range = topology.rangeOfService(service);
    if (range?.start !== undefined) draft.range = range;
    for (const p of service.ports) portOf(draft, p.port, 'planned', p.label).sites.push({ file: p.location.file, range: p.location.range, kind: 'plan', context: 'the plan' });
  }
  for (const site of topology.sites) {
    const draft = draftOf(site.owner);
    const node = portOf(draft, site.occ.port, 'unplanned', site.occ.label);
    if (node.state === 'planned') node.state = 'bound';
    const context = describeContext(site.context);
    node.contexts.add(context);
    if (!node.sites.some((s) => s.file === site.occ.file && s.range === site.occ.range)) node.sites.push({ file: site.occ.file, range: site.occ.range, kind: site.occ.kind, context });
  }
  for (const [path, occurrences] of topology.occurrencesByFile) {
    if (topology.planFiles.has(path)) continue;
    for (const occ of occurrences) {
      if (occ.kind !== 'expose') continue;
      const draft = draftOf(topology.ownerOf(occ));
      const node = portOf(draft, occ.port, 'container', occ.label);
      if (node.state === 'container') {
        node.contexts.add('inside its container');
        node.sites.push({ file: occ.file, range: occ.range, kind: 'expose', context: 'inside its container' });
      }
    }
  }
  const bounded = (topology.plan?.ranges ?? []).filter((r) => r.start !== undefined && r.end !== undefined);
  const inRange = new Map<PortRange, ServiceNode[]>(bounded.map((r) => [r, []]));
  const outside: ServiceNode[] = [];
  for (const draft of drafts.values()) {
    const node = finish(draft);
    const host = node.ports.find((p) => p.state !== 'container');
    const range = draft.range ?? (host ? bounded.find((r) => host.port >= r.start! && host.port <= r.end!) : undefined);
    (range && inRange.get(range) ? inRange.get(range)! : outside).push(node);
  }
  const ranges = bounded.map((range) => {
    const window = windowOf(range)!;
    const free = freePortList(topology, window, window.end - window.start + 1, busy);
    return {
      name: range.name,
      start: range.start!,
      end: range.end!,
      ...(range.purpose ? { purpose: range.purpose } : {}),
      location: range.location,
      services: inRange.get(range)!.sort(byFirstPort),
      gaps: runsOf(free),
      reserved: range.reserved.map((b) => ({ start: b.start, end: b.end })),
      free: free.length,
    };
  });
  return { planFiles, ranges, outside: outside.sort(byFirstPort) };
}

function finish(draft: ServiceDraft): ServiceNode {
  const ports = [...draft.ports.entries()]
    .map(([port, n]) => ({ port, state: n.state, contexts: [...n.contexts], sites: n.sites, ...(n.label ? { label: n.label } : {}) }))
    .sort((a, b) => a.port - b.port);
  return { name: draft.name, planned: draft.planned, ports, ...(draft.project ? { project: draft.project } : {}) };
}

function byFirstPort(a: ServiceNode, b: ServiceNode): number {
  return (a.ports[0]?.port ?? 0) - (b.ports[0]?.port ?? 0) || a.name.localeCompare(b.name);
}

/** `[4104, 4106, 4107, 4108]` → 4104, 4106–4108. */
function runsOf(ports: readonly number[]): { start: number; end: number }[] {
  const runs: { start: number; end: number }[] = [];
  for (const p of ports) {
    const last = runs[runs.length - 1];
    if (last && last.end === p - 1) last.end = p;
    else runs.push({ start: p, end: p });
  }
  return runs;
}

/** The plan against reality as a Markdown table ("Copy as Markdown"), one row per service port, then the free ports per range. */
export function portTreeMarkdown(tree: PortTree): string {
  const rows: string[][] = [];
  const add = (range: string, service: ServiceNode) => {
    for (const port of service.ports) {
      const bound = port.sites.find((s) => s.kind !== 'plan');
      rows.push([range, service.planned ? service.name : `${service.name} (not in the plan)`, port.label ?? '', String(port.port), STATE_TEXT[port.state], port.contexts.join('; ') || '—', bound ? `${bound.file}:${bound.range.start.line + 1}` : '—']);
    }
  };
  for (const range of tree.ranges) for (const service of range.services) add(range.name, service);
  for (const service of tree.outside) add('—', service);
  const out = [`Port plan: ${tree.planFiles.length ? tree.planFiles.join(', ') : '(none)'}`, '', ...table(['Range', 'Service', 'Label', 'Port', 'State', 'Runs', 'Where'], rows)];
  if (tree.ranges.length) {
    out.push('', ...table(['Range', 'Ports', 'Free'], tree.ranges.map((r) => [r.name, `${r.start}–${r.end}`, r.gaps.map((g) => (g.start === g.end ? `${g.start}` : `${g.start}–${g.end}`)).join(', ') || 'none'])));
  }
  return out.join('\n') + '\n';
}

export const STATE_TEXT: Readonly<Record<PortNode['state'], string>> = {
  bound: 'bound as planned',
  planned: 'planned, not bound',
  unplanned: 'bound, not planned',
  container: 'container port',
};

function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const escape = (cell: string) => cell.replace(/\|/g, '\\|');
  return [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.map(escape).join(' | ')} |`)];
}
