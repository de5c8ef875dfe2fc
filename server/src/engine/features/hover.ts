import { freePortsIn, windowOf } from '../allocate/nextFree';
import type { PortOccurrence } from '../extract/occurrence';
import type { PlannedPort, PortRange, ServiceEntry } from '../plan/portPlan';
import { resolvePortsReferences } from '../syntax/ecosystem';
import { isEcosystemPath } from '../syntax/fileKinds';
import { containsPosition, LineIndex, type Position, type Range } from '../text';
import { describeContext } from '../topology/contexts';
import { portsOf } from '../topology/listeners';
import type { Topology } from '../topology/topology';
import type { EngineState } from './state';

/** Listeners a hover lists by name before "and N more". */
const MAX_LISTENERS_SHOWN = 8;

/** Turns a workspace path and 0-based line into a Markdown link target (the shell knows URIs). */
export type LinkFor = (path: string, line: number) => string;

export interface HoverResult {
  readonly range: Range;
  readonly markdown: string;
}

/** Hover on a port literal in code, or on a port in the plan itself. */
export function hoverAt(state: EngineState, path: string, position: Position, linkFor: LinkFor): HoverResult | undefined {
  const { topology } = state;
  const occ = topology.occurrencesByFile.get(path)?.find((o) => containsPosition(o.range, position));
  const planned = findPlannedAt(topology, path, position);
  if (planned) return { range: planned.entry.location.range, markdown: describePort(topology, planned.entry.port, linkFor, planned.service) };
  if (!occ) return hoverPortsReference(state, topology, path, position, linkFor);
  return { range: occ.range, markdown: describePort(topology, occ.port, linkFor, undefined, occ) };
}

/** `PORTS.API` in a PM2 ecosystem file stands for the number in the PORTS object: hover shows that port. */
function hoverPortsReference(state: EngineState, topology: Topology, path: string, position: Position, linkFor: LinkFor): HoverResult | undefined {
  const text = isEcosystemPath(path) ? state.planTexts.get(path) : undefined;
  if (text === undefined) return undefined;
  const lines = new LineIndex(text);
  const offset = lines.offsetAt(position);
  const ref = resolvePortsReferences(text).find((r) => offset >= r.span.start && offset <= r.span.end);
  if (!ref) return undefined;
  const declared = topology.occurrencesByFile.get(path)?.find((o) => o.port === ref.port && o.kind === 'bind');
  return { range: lines.rangeOf(ref.span), markdown: describePort(topology, ref.port, linkFor, undefined, declared) };
}

function findPlannedAt(topology: Topology, path: string, position: Position): { service: ServiceEntry; entry: PlannedPort } | undefined {
  for (const service of topology.plan?.services ?? []) {
    for (const entry of service.ports) {
      if (entry.location.file === path && containsPosition(entry.location.range, position)) return { service, entry };
    }
  }
  return undefined;
}

function describePort(topology: Topology, port: number, linkFor: LinkFor, plannedService?: ServiceEntry, occ?: PortOccurrence): string {
  const lines: string[] = [];
  const owner = occ ? topology.ownerOf(occ) : undefined;
  const plannedFor = topology.plannedOwners(port);
  // The port's owner is whom the plan gives it to; the code here may belong to someone else.
  const service = plannedService ?? plannedFor[0] ?? owner?.service;
  lines.push(`**Port ${port}**${occ ? ` — ${kindText(occ)}${owner ? ` by \`${owner.name}\`` : ''}` : ''}`);
  lines.push('');
  if (service) lines.push(...describeService(topology, service, port, linkFor));
  if (owner && service && owner.service !== service) {
    const theirs = owner.service?.ports.map((p) => p.port).join(', ');
    lines.push(`Here: \`${owner.name}\`${theirs ? `, planned at ${theirs}` : ', not in the plan'}`, '');
  }
  if (!plannedFor.length) lines.push(...describeUnplanned(topology, port));
  lines.push(...describeSites(topology, port, linkFor));
  return lines.join('\n');
}

function describeService(topology: Topology, service: ServiceEntry, port: number, linkFor: LinkFor): string[] {
  const entry = service.ports.find((p) => p.port === port) ?? service.ports[0];
  const out = [`Service: **${service.name}**${entry?.label ? ` (${entry.label})` : ''}${service.runtime ? ` · ${service.runtime}` : ''}`];
  if (service.description || entry?.description) out.push(`${entry?.description ?? service.description}`);
  const range = topology.rangeOfPort(port) ?? topology.rangeOfService(service);
  if (range) out.push(`Range: ${describeRange(range)}`);
  if (service.host) out.push(`Host: ${service.host}`);
  const planned = service.ports.map((p) => `${p.port}${p.label ? ` (${p.label})` : ''}`).join(', ');
  if (entry) out.push(`Plan: ${planned} — [${entry.location.file}:${entry.location.range.start.line + 1}](${linkFor(entry.location.file, entry.location.range.start.line)})`);
  out.push('');
  return out;
}

function describeUnplanned(topology: Topology, port: number): string[] {
  if (!topology.plan) return ['No port plan in this workspace.', ''];
  const range = topology.rangeOfPort(port);
  const window = range && windowOf(range);
  if (!range || !window) return [`${port} is not in the plan, and no range of the plan holds it.`, ''];
  const [next] = freePortsIn(topology, window).ports;
  return [`${port} is not in the plan. It lies in ${describeRange(range)}${next !== undefined ? `; the next free port there is **${next}**` : '; the range has no free port left'}.`, ''];
}

function describeSites(topology: Topology, port: number, linkFor: LinkFor): string[] {
  const listeners = topology.listenersByPort.get(port) ?? [];
  const out: string[] = [];
  if (listeners.length) {
    out.push('Bound by:');
    // One line per listener, at its first site: a port written at thousands of sites stays a short hover.
    for (const l of listeners.slice(0, MAX_LISTENERS_SHOWN)) {
      const { occ } = l.sites[0];
      const more = l.sites.length > 1 ? `, and ${l.sites.length - 1} more site${l.sites.length === 2 ? '' : 's'}` : '';
      out.push(`- \`${l.owner.name}\` — [${occ.file}:${occ.range.start.line + 1}](${linkFor(occ.file, occ.range.start.line)}) (${occ.kind}, ${describeContext(l.context)}${more})`);
    }
    if (listeners.length > MAX_LISTENERS_SHOWN) out.push(`- … and ${listeners.length - MAX_LISTENERS_SHOWN} more`);
  } else {
    out.push('Bound by: nothing in this workspace');
  }
  let references = 0;
  let containers = 0;
  for (const [path, occurrences] of topology.occurrencesByFile) {
    if (topology.planFiles.has(path)) continue;
    for (const o of occurrences) {
      if (!portsOf(o).includes(port)) continue;
      if (o.kind === 'reference' || o.kind === 'doc') references++;
      else if (o.kind === 'expose') containers++;
    }
  }
  out.push('', `Referenced ${references} time${references === 1 ? '' : 's'}${containers ? `; a container port in ${containers} place${containers === 1 ? '' : 's'}` : ''}.`);
  return out;
}

function describeRange(range: PortRange): string {
  const bounds = range.start !== undefined ? ` ${range.start}–${range.end}` : '';
  const purpose = range.purpose && range.purpose !== range.name ? ` — ${range.purpose}` : '';
  return `**${range.name}**${bounds}${purpose}`;
}

function kindText(occ: PortOccurrence): string {
  switch (occ.kind) {
    case 'bind':
      return 'listened on';
    case 'publish':
      return 'published';
    case 'expose':
      return 'container port';
    case 'reference':
      return `referenced${occ.host ? ` at ${occ.host}` : ''}`;
    default:
      return 'mentioned';
  }
}
