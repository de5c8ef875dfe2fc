import { freePortList, windowOf, type PortWindow } from '../allocate/nextFree';
import { isMarkdownPlanPath, isComposePath, isNativePlanPath } from '../syntax/fileKinds';
import { serviceNameFromKey } from '../syntax/names';
import { LineIndex, type Position, type Range } from '../text';
import type { PortRange, ServiceEntry } from '../plan/portPlan';
import type { Topology } from '../topology/topology';
import { basename } from '../util/paths';
import { livePorts, type EngineState } from './state';

/** Free ports offered per range: enough to choose from, few enough to read. */
const PER_RANGE = 5;

/** One port to complete: the digits it replaces, and why it is free. */
export interface PortCompletion {
  readonly port: number;
  readonly range: Range;
  /** `free in Core Services (4100–4119)` */
  readonly detail: string;
  readonly documentation: string;
  /** Keeps the lowest port first in the editor's list. */
  readonly sortText: string;
}

/** Where a port value is being typed, and the range (by its service) it should come from. */
interface Slot {
  /** The digits under the cursor (empty when none yet). */
  readonly range: Range;
  /** The service's range; undefined when the service is not known yet (every bounded range is offered). */
  readonly portRange?: PortRange;
  readonly service?: string;
}

/**
 * Completion of a port value where one is written by hand: a service's `port:` (or a labelled port
 * under `ports:`) in ports.yaml, the Port cell of a Markdown plan row, a Compose `ports:` item, an
 * `.env` `*_PORT=`. Offers the next free ports of the range the service belongs to, each saying
 * its range and why it is free. `text` is the document as the editor has it now.
 */
export function completionsAt(state: EngineState, path: string, text: string, position: Position): PortCompletion[] {
  const { topology } = state;
  if (!topology.plan) return [];
  const lines = new LineIndex(text);
  const slot = slotAt(topology, path, lines, position);
  if (!slot) return [];
  const ranges = slot.portRange ? [slot.portRange] : topology.plan.ranges.filter((r) => r.start !== undefined);
  const busy = livePorts(state);
  const out: PortCompletion[] = [];
  for (const range of ranges) {
    const window = windowOf(range);
    if (!window) continue;
    for (const port of freePortList(topology, window, PER_RANGE, busy)) {
      out.push({
        port,
        range: slot.range,
        detail: `free in ${range.name} (${range.start}–${range.end})`,
        documentation: whyFree(port, window, slot.service, state.live !== undefined),
        sortText: String(port).padStart(5, '0'),
      });
    }
  }
  return out;
}

function whyFree(port: number, window: PortWindow, service: string | undefined, live: boolean): string {
  const reserved = window.reserved.length ? `, outside the reserved ${window.reserved.map((r) => (r.start === r.end ? `${r.start}` : `${r.start}–${r.end}`)).join(', ')}` : '';
  const now = live ? '; nothing listens on it now' : '';
  const forWhom = service ? ` for ${service}` : '';
  return `${port} is free${forWhom} in ${window.name}: no service is planned at it, nothing in this workspace binds, publishes or points at it${reserved}, and it is no well-known port${now}.`;
}

function slotAt(topology: Topology, path: string, lines: LineIndex, position: Position): Slot | undefined {
  const line = lines.lineText(position.line);
  const digits = digitsAround(line, position);
  const prefix = line.slice(0, digits.start);
  const range: Range = { start: { line: position.line, character: digits.start }, end: { line: position.line, character: digits.end } };
  if (isNativePlanPath(path) && !/\.jsonc?$/i.test(path)) return yamlPlanSlot(topology, lines, position.line, prefix, range);
  if (isMarkdownPlanPath(path)) return markdownPlanSlot(topology, path, lines, position.line, prefix, range);
  if (isComposePath(path)) return composeSlot(topology, path, lines, position.line, prefix, range);
  if (/^\.env(?:\..+)?$|\.env$/.test(basename(path))) return dotenvSlot(topology, path, prefix, range);
  return undefined;
}

/** The run of digits at the cursor: where a completion's text goes. */
function digitsAround(line: string, position: Position): { start: number; end: number } {
  let start = Math.min(position.character, line.length);
  let end = start;
  while (start > 0 && /\d/.test(line[start - 1])) start--;
  while (end < line.length && /\d/.test(line[end])) end++;
  return { start, end };
}

/** `    port: |` or a labelled port under `ports:` (block or flow) of a service under `services:`. */
function yamlPlanSlot(topology: Topology, lines: LineIndex, line: number, prefix: string, range: Range): Slot | undefined {
  if (!/(?:^|[\s{,])[\w.-]+\s*:\s*$/.test(prefix)) return undefined;
  const keys = yamlKeyPath(lines, line, prefix);
  const [top, service, ...rest] = keys;
  if (top !== 'services' || !service || !rest.length) return undefined;
  if (!(rest[0] === 'port' || rest[0] === 'ports')) return undefined;
  const planned = topology.ownership.service(service);
  return { range, service, portRange: planned ? boundedRangeOf(topology, planned) : rangeNamedIn(topology, lines, line) };
}

/**
 * The keys from the document's top down to the one being written on `line` (block YAML, plus a flow
 * map opened on the line: `ports: { api: |`). Good enough for a plan file, which is hand-written.
 */
function yamlKeyPath(lines: LineIndex, line: number, prefix: string): string[] {
  const own = [...prefix.matchAll(/([\w.@/-]+)\s*:/g)].map((m) => m[1]);
  const path: string[] = [];
  let indent = indentOf(prefix);
  for (let l = line - 1; l >= 0 && indent > 0; l--) {
    const text = lines.lineText(l);
    if (!text.trim() || text.trimStart().startsWith('#')) continue;
    const m = /^(\s*)(?:-\s+)?["']?([^"':#\s][^"':#]*?)["']?\s*:(?:\s|$)/.exec(text);
    if (!m || m[1].length >= indent) continue;
    path.unshift(m[2].trim());
    indent = m[1].length;
  }
  return [...path, ...own];
}

/** A `range:` written in the service's block (a new service the plan does not know yet). */
function rangeNamedIn(topology: Topology, lines: LineIndex, line: number): PortRange | undefined {
  for (let l = line - 1; l >= 0 && l >= line - 12; l--) {
    const m = /^\s*range:\s*["']?([^"'#]+?)["']?\s*(?:#.*)?$/.exec(lines.lineText(l));
    if (m) return topology.plan?.ranges.find((r) => r.name === m[1] && r.start !== undefined);
  }
  return undefined;
}

/** The Port cell of a row in a Markdown plan table, under the heading of its range. */
function markdownPlanSlot(topology: Topology, path: string, lines: LineIndex, line: number, prefix: string, range: Range): Slot | undefined {
  if (!prefix.trimStart().startsWith('|')) return undefined;
  const cell = (prefix.match(/\|/g) ?? []).length - 1;
  const header = tableHeader(lines, line);
  if (!header || header.findIndex((h) => /^port$/i.test(h)) !== cell) return undefined;
  const heading = (topology.plan?.ranges ?? []).filter((r) => r.location.file === path && r.location.range.start.line < line).at(-1);
  return { range, ...(heading?.start !== undefined ? { portRange: heading } : {}) };
}

/** The header cells of the table a line is in: the row above its `|---|` delimiter. */
function tableHeader(lines: LineIndex, line: number): string[] | undefined {
  for (let l = line - 1; l >= 1; l--) {
    const text = lines.lineText(l).trim();
    if (!text.startsWith('|')) return undefined;
    if (/^\|[\s:|-]+\|?$/.test(text)) return cellsOf(lines.lineText(l - 1));
  }
  return undefined;
}

function cellsOf(row: string): string[] {
  return row.trim().replace(/^\||\|$/g, '').split('|').map((c) => c.trim());
}

/** A host port being written in a Compose service's `ports:` list (`- "|`, `- |:8080`). */
function composeSlot(topology: Topology, path: string, lines: LineIndex, line: number, prefix: string, range: Range): Slot | undefined {
  if (!/^\s*-\s*["']?(?:\d{1,3}(?:\.\d{1,3}){3}:)?$/.test(prefix)) return undefined;
  const keys = yamlKeyPath(lines, line, prefix.replace(/-\s*["']?.*$/, ''));
  const at = keys.lastIndexOf('ports');
  if (at < 1 || keys[0] !== 'services' || at !== keys.length - 1) return undefined;
  const key = keys[1];
  const owner = topology.ownership.composeOwner(path, key);
  return { range, service: owner.name, ...(owner.service ? { portRange: boundedRangeOf(topology, owner.service) } : {}) };
}

/** `SEARCH_PORT=|` (search's range) or `PORT=|` (the range of the service whose folder holds the file). */
function dotenvSlot(topology: Topology, path: string, prefix: string, range: Range): Slot | undefined {
  const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*["']?$/.exec(prefix);
  if (!m || !/(^|_)PORT$/i.test(m[1])) return undefined;
  const named = /^PORT$/i.test(m[1]) ? undefined : serviceNameFromKey(m[1]);
  const service = named ? topology.ownership.service(named) : topology.ownership.ownerOfPath(path).service;
  return { range, ...(service ? { service: service.name, portRange: boundedRangeOf(topology, service) } : named ? { service: named } : {}) };
}

function boundedRangeOf(topology: Topology, service: ServiceEntry): PortRange | undefined {
  const range = topology.rangeOfService(service);
  return range?.start !== undefined ? range : undefined;
}

function indentOf(text: string): number {
  return /^\s*/.exec(text)![0].length;
}
