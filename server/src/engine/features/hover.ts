import { freePortsIn, windowOf } from '../allocate/nextFree';
import type { PortOccurrence } from '../extract/occurrence';
import type { LiveListener } from '../host';
import type { PortRange, ServiceEntry } from '../plan/portPlan';
import { resolvePortsReferences } from '../syntax/ecosystem';
import { isEcosystemPath } from '../syntax/fileKinds';
import { containsPosition, LineIndex, type Position, type Range } from '../text';
import { describeContext, type RunContext } from '../topology/contexts';
import { portsOf, type Listener } from '../topology/listeners';
import type { Owner } from '../topology/ownership';
import type { Topology } from '../topology/topology';
import { plannedPortOf } from '../checks/collisions';
import { livePorts, type EngineState } from './state';
import { planRowAt, referenceTarget, type PlanRow } from './target';

/** Other listeners a hover names before "and N more": the hover stays above the fold. */
const MAX_OTHERS_SHOWN = 3;

/** Turns a workspace path and 0-based line into a Markdown link target (the shell knows URIs). */
export type LinkFor = (path: string, line: number) => string;

export interface HoverResult {
  readonly range: Range;
  readonly markdown: string;
}

/**
 * Hover on a port literal in code, or on a port in the plan: one line that says who listens here,
 * where it runs and whom the plan gives the port to; then a short list (other listeners, the plan
 * row, the range, how often it is referenced, what listens right now).
 */
export function hoverAt(state: EngineState, path: string, position: Position, linkFor: LinkFor): HoverResult | undefined {
  const { topology } = state;
  const row = planRowAt(topology, path, position);
  if (row) return { range: row.entry.location.range, markdown: describePlanRow(state, row, linkFor) };
  // A range literal (`3000-3005`) gets a hover too: it is about its first port.
  const occ = topology.occurrencesByFile.get(path)?.find((o) => containsPosition(o.range, position));
  if (occ) return { range: occ.range, markdown: describeOccurrence(state, occ, linkFor) };
  return hoverPortsReference(state, path, position, linkFor);
}

/** `PORTS.API` in a PM2 ecosystem file stands for the number in the PORTS object: hover shows that port. */
function hoverPortsReference(state: EngineState, path: string, position: Position, linkFor: LinkFor): HoverResult | undefined {
  const { topology } = state;
  const text = isEcosystemPath(path) ? state.planTexts.get(path) : undefined;
  if (text === undefined) return undefined;
  const lines = new LineIndex(text);
  const offset = lines.offsetAt(position);
  const ref = resolvePortsReferences(text).find((r) => offset >= r.span.start && offset <= r.span.end);
  if (!ref) return undefined;
  const declared = topology.occurrencesByFile.get(path)?.find((o) => o.port === ref.port && o.kind === 'bind');
  const [planned] = topology.plannedOwners(ref.port);
  const entry = planned?.ports.find((p) => p.port === ref.port);
  const markdown = planned && entry ? describePlanRow(state, { service: planned, entry }, linkFor) : declared ? describeOccurrence(state, declared, linkFor) : `**Port ${ref.port}**`;
  return { range: lines.rangeOf(ref.span), markdown };
}

/** On a plan row: whom it is planned for, and what the code does with it. */
function describePlanRow(state: EngineState, row: PlanRow, linkFor: LinkFor): string {
  const { topology } = state;
  const { service, entry } = row;
  const port = entry.port;
  const listeners = topology.listenersByService.get(service) ?? [];
  const here = listeners.filter((l) => l.port === port);
  const instead = listeners.filter((l) => l.port !== port && l.sites.some((s) => plannedPortOf(s) === port));
  const code = here.length
    ? `${tick(service.name)} listens on it (${contextsOf(here)})`
    : instead.length
      ? `${tick(service.name)} listens on ${[...new Set(instead.map((l) => l.port))].join(', ')} instead (${siteLink(instead[0], linkFor)})`
      : 'not bound in this workspace';
  const lead = `**Port ${port}** · planned for ${serviceName(row)} · ${code}`;
  const items = [
    ...othersOn(topology, port, (l) => l.owner.service !== service, linkFor),
    ...serviceDetails(service),
    ...rangeLine(topology.rangeOfPort(port) ?? topology.rangeOfService(service)),
    ...referenceCount(topology, port),
    ...liveLine(state, port),
  ];
  return render(lead, items);
}

/** On a literal in code: who listens, publishes, exposes, points at or mentions this port, and the plan's word on it. */
function describeOccurrence(state: EngineState, occ: PortOccurrence, linkFor: LinkFor): string {
  const { topology } = state;
  const port = occ.port;
  const owner = topology.ownerOf(occ);
  const sites = topology.sites.filter((s) => s.occ === occ);
  const target = occ.kind === 'reference' ? referenceTarget(topology, occ) : undefined;
  const lead = `**Port ${occ.portEnd !== undefined ? `${port}–${occ.portEnd}` : port}** · ${whatHappensHere(topology, occ, owner, sites.map((s) => s.context), target)}${planClause(topology, port, occ.kind === 'reference' ? target : owner)}`;
  const subject = target ?? owner;
  const items = [
    ...othersOn(topology, port, (l) => l.owner.id !== subject.id, linkFor),
    ...plannedElsewhere(subject, port, linkFor),
    ...plannedOwnerDetails(topology, port, linkFor),
    ...(topology.plannedOwners(port).length ? rangeLine(topology.rangeOfPort(port)) : unplannedLine(state, port)),
    ...referenceCount(topology, port),
    ...liveLine(state, port),
  ];
  return render(lead, items);
}

function whatHappensHere(topology: Topology, occ: PortOccurrence, owner: Owner, contexts: readonly RunContext[], target: Owner | undefined): string {
  const who = tick(owner.name);
  switch (occ.kind) {
    case 'bind':
      // No site: the code runs only in containers, which publish or override it otherwise.
      return contexts.length ? `${who} listens here (${unique(contexts.map(describeContext)).join('; ')})` : `${who}'s default, not opened on a machine: it runs in a container`;
    case 'publish':
      return `${who} is published here${contexts.length ? ` (${unique(contexts.map(describeContext)).join('; ')})` : ''}`;
    case 'expose':
      return `inside ${who}'s container, not on the machine`;
    case 'reference': {
      const subject = occ.key ? tick(occ.key) : 'this address';
      if (!target) return `${subject} points here; nothing in this workspace answers to it`;
      const listening = (topology.listenersByPort.get(occ.port) ?? []).filter((l) => l.owner.id === target.id);
      return `${subject} points at ${tick(target.name)}${listening.length ? `, which listens here (${contextsOf(listening)})` : `; ${target.name} does not listen on ${occ.port}`}`;
    }
    default:
      return 'mentioned here';
  }
}

/** " · the plan gives it to **auth**", " · as planned", " · not in the plan" (nothing without a plan). */
function planClause(topology: Topology, port: number, subject: Owner | undefined): string {
  if (!topology.plan) return '';
  const planned = topology.plannedOwners(port);
  if (!planned.length) return ' · not in the plan';
  if (subject?.service && planned.includes(subject.service)) return ' · as planned';
  return ` · the plan gives it to ${planned.map((s) => `**${s.name}**`).join(', ')}`;
}

/** Other owners listening on the port, each with its context and first site. */
function othersOn(topology: Topology, port: number, other: (l: Listener) => boolean, linkFor: LinkFor): string[] {
  const byOwner = new Map<string, Listener[]>();
  for (const l of (topology.listenersByPort.get(port) ?? []).filter(other)) byOwner.set(l.owner.id, [...(byOwner.get(l.owner.id) ?? []), l]);
  const lines = [...byOwner.values()].slice(0, MAX_OTHERS_SHOWN).map((ls) => {
    const sites = ls.reduce((n, l) => n + l.sites.length, 0);
    return `also on ${port}: ${tick(ls[0].owner.name)} (${contextsOf(ls)}) — ${siteLink(ls[0], linkFor)}${sites > 1 ? ` (+${sites - 1})` : ''}`;
  });
  if (byOwner.size > MAX_OTHERS_SHOWN) lines.push(`… and ${byOwner.size - MAX_OTHERS_SHOWN} more on ${port}`);
  return lines;
}

/** The subject's own plan row when it is planned at another port than this one. */
function plannedElsewhere(subject: Owner, port: number, linkFor: LinkFor): string[] {
  const service = subject.service;
  if (!service || service.ports.some((p) => p.port === port) || !service.ports.length) return [];
  const entry = service.ports[0];
  const ports = service.ports.map((p) => `**${p.port}**${p.label ? ` (${p.label})` : ''}`).join(', ');
  return [`${tick(service.name)} is planned at ${ports} — ${planLink(entry.location, linkFor)}`];
}

/** Who the plan gives the port to, with runtime, description and its row. */
function plannedOwnerDetails(topology: Topology, port: number, linkFor: LinkFor): string[] {
  return topology.plannedOwners(port).map((service) => {
    const entry = service.ports.find((p) => p.port === port)!;
    const about = [service.runtime, entry.description ?? service.description].filter(Boolean).join(' · ');
    return `**${service.name}**${entry.label ? ` (${entry.label})` : ''}${about ? `: ${about}` : ''} — ${planLink(entry.location, linkFor)}`;
  });
}

function serviceDetails(service: ServiceEntry): string[] {
  const about = [service.runtime, service.description, service.host ? `host ${service.host}` : undefined].filter(Boolean).join(' · ');
  const others = service.ports.length > 1 ? `its ports: ${service.ports.map((p) => `${p.port}${p.label ? ` (${p.label})` : ''}`).join(', ')}` : '';
  return [about, others].filter(Boolean);
}

function rangeLine(range: PortRange | undefined): string[] {
  return range ? [`range ${describeRange(range)}`] : [];
}

function unplannedLine(state: EngineState, port: number): string[] {
  const { topology } = state;
  if (!topology.plan) return ['no port plan in this workspace'];
  const range = topology.rangeOfPort(port);
  const window = range && windowOf(range);
  if (!range || !window) return [`no range of the plan holds ${port}`];
  const [next] = freePortsIn(topology, window, 1, livePorts(state)).ports;
  return [`in ${describeRange(range)}; ${next !== undefined ? `the next free port there is **${next}**` : 'no free port left there'}`];
}

function referenceCount(topology: Topology, port: number): string[] {
  let references = 0;
  let containers = 0;
  for (const [path, occurrences] of topology.occurrencesByFile) {
    if (topology.planFiles.has(path)) continue;
    for (const o of occurrences) {
      if (o.port > port || (o.portEnd ?? o.port) < port) continue;
      if (!portsOf(o).includes(port)) continue;
      if (o.kind === 'reference' || o.kind === 'doc') references++;
      else if (o.kind === 'expose') containers++;
    }
  }
  const parts = [...(references ? [`referenced ${references}×`] : []), ...(containers ? [`a container port in ${containers} place${containers === 1 ? '' : 's'}`] : [])];
  return parts.length ? [parts.join(' · ')] : [];
}

/** What listens on the port on this machine right now, when live listeners are on. */
function liveLine(state: EngineState, port: number): string[] {
  if (!state.live) return [];
  const now = state.live.filter((l) => l.port === port);
  if (!now.length) return [`nothing listens on ${port} now`];
  // Docker's proxy holds a published port: say which Compose service of the workspace publishes it there.
  const published = unique((state.topology.listenersByPort.get(port) ?? []).filter((l) => l.context.kind === 'compose' && l.sites.some((s) => s.occ.kind === 'publish')).map((l) => l.owner.name));
  const docker = now.some((l) => l.process === 'docker-proxy') && published.length ? ` (published by ${published.map(tick).join(', ')})` : '';
  return [`listening now: ${unique(now.map(describeLive)).join(', ')}${docker}`];
}

export function describeLive(l: LiveListener): string {
  const who = l.process ?? 'a process this user cannot see';
  const pid = l.pid !== undefined ? ` (pid ${l.pid})` : '';
  return `${who}${pid}${l.container ? ` → ${l.container}` : ''}`;
}

function render(lead: string, items: readonly string[]): string {
  return [lead, '', ...items.map((i) => `- ${i}`)].join('\n');
}

function contextsOf(listeners: readonly Listener[]): string {
  return unique(listeners.map((l) => describeContext(l.context))).join('; ');
}

function siteLink(listener: Listener, linkFor: LinkFor): string {
  const { occ } = listener.sites[0];
  return `[${occ.file}:${occ.range.start.line + 1}](${linkFor(occ.file, occ.range.start.line)})`;
}

function planLink(location: { readonly file: string; readonly range: Range }, linkFor: LinkFor): string {
  return `[${location.file}:${location.range.start.line + 1}](${linkFor(location.file, location.range.start.line)})`;
}

function serviceName(row: PlanRow): string {
  return `**${row.service.name}**${row.entry.label ? ` (${row.entry.label})` : ''}`;
}

function describeRange(range: PortRange): string {
  const bounds = range.start !== undefined ? ` ${range.start}–${range.end}` : '';
  const purpose = range.purpose && range.purpose !== range.name ? ` — ${range.purpose}` : '';
  return `**${range.name}**${bounds}${purpose}`;
}

function tick(name: string): string {
  return `\`${name}\``;
}

function unique(items: readonly string[]): string[] {
  return [...new Set(items)];
}
