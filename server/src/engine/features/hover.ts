import { nextFreePorts, windowOf } from '../allocate/nextFree';
import { describeNamespace, portsOf, type Analysis } from '../checks/analysis';
import type { PortOccurrence } from '../extract/occurrence';
import type { PortEngine } from '../index';
import type { PlannedPort, PortRange, ServiceEntry } from '../schema/model';
import { resolvePortsReferences } from '../schema/pm2Schema';
import { isEcosystemPath } from '../schema/select';
import { containsPosition, LineIndex, type Position, type Range } from '../text';
import { usedPorts } from './usedPorts';

/** Turns a workspace path and 0-based line into a Markdown link target (the shell knows URIs). */
export type LinkFor = (path: string, line: number) => string;

export interface HoverResult {
  readonly range: Range;
  readonly markdown: string;
}

/** Hover on a port literal in code, or on a port in the plan itself. */
export function hoverAt(engine: PortEngine, path: string, position: Position, linkFor: LinkFor): HoverResult | undefined {
  const analysis = engine.analysis();
  const occ = analysis.occurrencesByFile.get(path)?.find((o) => containsPosition(o.range, position));
  const planned = findPlannedAt(analysis, path, position);
  if (planned) return { range: planned.entry.location.range, markdown: describePort(analysis, planned.entry.port, linkFor, planned.service) };
  if (!occ) return hoverPortsReference(engine, analysis, path, position, linkFor);
  return { range: occ.range, markdown: describePort(analysis, occ.port, linkFor, undefined, occ) };
}

/** `PORTS.API` in a PM2 ecosystem file stands for the number in the PORTS object: hover shows that port. */
function hoverPortsReference(engine: PortEngine, analysis: Analysis, path: string, position: Position, linkFor: LinkFor): HoverResult | undefined {
  const text = isEcosystemPath(path) ? engine.index.planTexts.get(path) : undefined;
  if (text === undefined) return undefined;
  const lines = new LineIndex(text);
  const offset = lines.offsetAt(position);
  const ref = resolvePortsReferences(text).find((r) => offset >= r.span.start && offset <= r.span.end);
  if (!ref) return undefined;
  const declared = analysis.occurrencesByFile.get(path)?.find((o) => o.port === ref.port && o.kind === 'bind');
  return { range: lines.rangeOf(ref.span), markdown: describePort(analysis, ref.port, linkFor, undefined, declared) };
}

function findPlannedAt(analysis: Analysis, path: string, position: Position): { service: ServiceEntry; entry: PlannedPort } | undefined {
  for (const service of analysis.schema?.services ?? []) {
    for (const entry of service.ports) {
      if (entry.location.file === path && containsPosition(entry.location.range, position)) return { service, entry };
    }
  }
  return undefined;
}

function describePort(analysis: Analysis, port: number, linkFor: LinkFor, plannedService?: ServiceEntry, occ?: PortOccurrence): string {
  const lines: string[] = [];
  const owner = occ ? analysis.ownerOf(occ) : undefined;
  const plannedFor = analysis.plannedOwners(port);
  // The port's owner is whom the plan gives it to; the code here may belong to someone else.
  const service = plannedService ?? plannedFor[0] ?? owner?.service;
  lines.push(`**Port ${port}**${occ ? ` — ${kindText(occ)}${owner ? ` by \`${owner.name}\`` : ''}` : ''}`);
  lines.push('');
  if (service) lines.push(...describeService(analysis, service, port, linkFor));
  if (owner && service && owner.service !== service) {
    const theirs = owner.service?.ports.map((p) => p.port).join(', ');
    lines.push(`Here: \`${owner.name}\`${theirs ? `, planned at ${theirs}` : ', not in the plan'}`, '');
  }
  if (!plannedFor.length) lines.push(...describeUnplanned(analysis, port));
  lines.push(...describeSites(analysis, port, linkFor));
  return lines.join('\n');
}

function describeService(analysis: Analysis, service: ServiceEntry, port: number, linkFor: LinkFor): string[] {
  const entry = service.ports.find((p) => p.port === port) ?? service.ports[0];
  const out = [`Service: **${service.name}**${entry?.label ? ` (${entry.label})` : ''}${service.runtime ? ` · ${service.runtime}` : ''}`];
  if (service.description || entry?.description) out.push(`${entry?.description ?? service.description}`);
  const range = analysis.rangeOfPort(port) ?? analysis.rangeOfService(service);
  if (range) out.push(`Range: ${describeRange(range)}`);
  if (service.host) out.push(`Host: ${service.host}`);
  const planned = service.ports.map((p) => `${p.port}${p.label ? ` (${p.label})` : ''}`).join(', ');
  if (entry) out.push(`Plan: ${planned} — [${entry.location.file}:${entry.location.range.start.line + 1}](${linkFor(entry.location.file, entry.location.range.start.line)})`);
  out.push('');
  return out;
}

function describeUnplanned(analysis: Analysis, port: number): string[] {
  if (!analysis.schema) return ['No port plan in this workspace.', ''];
  const range = analysis.rangeOfPort(port);
  const window = range && windowOf(range);
  if (!range || !window) return [`${port} is not in the plan, and no range of the plan holds it.`, ''];
  const [next] = nextFreePorts(window, analysis.schema, usedPorts(analysis));
  return [`${port} is not in the plan. It lies in ${describeRange(range)}${next !== undefined ? `; the next free port there is **${next}**` : '; the range has no free port left'}.`, ''];
}

function describeSites(analysis: Analysis, port: number, linkFor: LinkFor): string[] {
  const listeners = analysis.listenersByPort.get(port) ?? [];
  const out: string[] = [];
  if (listeners.length) {
    out.push('Bound by:');
    for (const l of listeners.slice(0, 8)) {
      out.push(`- \`${l.owner.name}\` — [${l.occ.file}:${l.occ.range.start.line + 1}](${linkFor(l.occ.file, l.occ.range.start.line)}) (${l.occ.kind}, ${describeNamespace(l.ns)})`);
    }
    if (listeners.length > 8) out.push(`- … and ${listeners.length - 8} more`);
  } else {
    out.push('Bound by: nothing in this workspace');
  }
  let references = 0;
  let containers = 0;
  for (const [path, occurrences] of analysis.occurrencesByFile) {
    if (analysis.planFiles.has(path)) continue;
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
