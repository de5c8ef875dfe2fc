import { normalizeServiceName } from '../syntax/names';
import {
  rangeContains,
  wellKnownOwners,
  type PlannedPort,
  type PortRange,
  type PortPlan,
  type PlanLocation,
  type PlanProblem,
  type ServiceEntry,
} from './portPlan';

/**
 * Findings about the plan itself, each positioned on the plan entry it is about. Problems found
 * while loading (`schema-parse`, `invalid-port`) stay in `plan.problems` and are not repeated
 * here: the caller reports both lists.
 *
 * When the rules apply:
 * - `contiguous` runs when the plan asks for it: `rules.contiguous` in ports.yaml, a Markdown plan
 *   whose prose says "contiguous" (PortOS's PORTS.md), and every PM2 plan (PortOS convention).
 * - `pairing` runs on `rules.pairs` (partners found by name: `chat-server` ↔ `chat-web`) and on a
 *   Markdown "Corresponds to Server" column (`3030 chat-server`), matching the last two digits.
 * - `range-full` counts the ports services hold; reserved blocks are the range's headroom, not use.
 */

export type Severity = PlanProblem['severity'];

export const PLAN_RULES = [
  'invalid-port', 'range-overlap', 'schema-duplicate', 'out-of-range', 'reserved', 'unplanned-range',
  'well-known', 'contiguous', 'pairing', 'range-full',
] as const;
export type PlanRule = (typeof PLAN_RULES)[number];

export interface ValidateOptions {
  /** Per rule: another severity, or `off` to drop it. */
  readonly severities?: Readonly<Partial<Record<PlanRule, Severity | 'off'>>>;
}

/** Share of a range's ports in use above which it is reported as nearly full. */
const FULL_SHARE = 0.8;

export function validatePlan(plan: PortPlan, options: ValidateOptions = {}): PlanProblem[] {
  const view = new PlanView(plan);
  const problems = [
    ...checkRangeOverlap(view),
    ...checkDuplicates(view),
    ...checkPlacement(view),
    ...checkReserved(view),
    ...checkWellKnown(view),
    ...(plan.rules.contiguous ? checkContiguous(view) : []),
    ...checkPairs(view),
    ...checkRangeFull(view),
  ];
  return applySeverities(problems, options);
}

function applySeverities(problems: PlanProblem[], options: ValidateOptions): PlanProblem[] {
  const out: PlanProblem[] = [];
  for (const p of problems) {
    const setting = options.severities?.[p.rule as PlanRule];
    if (setting === 'off') continue;
    out.push(setting ? { ...p, severity: setting } : p);
  }
  return out;
}

/** One planned port with its service, where it runs and the range it was listed under. */
interface Slot {
  readonly service: ServiceEntry;
  readonly planned: PlannedPort;
  readonly host?: string;
  readonly section?: PortRange;
  /** `rangeName` the plan gives, even when no range of that name exists. */
  readonly sectionName?: string;
}

class PlanView {
  readonly bounded: readonly PortRange[];
  readonly slots: readonly Slot[];

  constructor(readonly plan: PortPlan) {
    this.bounded = plan.ranges.filter((r) => r.start !== undefined && r.end !== undefined);
    this.slots = plan.services.flatMap((service) =>
      service.ports.map((planned) => {
        const sectionName = planned.rangeName ?? service.rangeName;
        const section = sectionName ? this.rangeNamed(sectionName) : undefined;
        const host = service.host ?? section?.host;
        return { service, planned, ...(host ? { host } : {}), ...(section ? { section } : {}), ...(sectionName ? { sectionName } : {}) };
      }),
    );
  }

  rangeNamed(name: string): PortRange | undefined {
    return this.plan.ranges.find((r) => r.name.toLowerCase() === name.toLowerCase());
  }

  isPlanned(port: number): boolean {
    return this.slots.some((s) => s.planned.port === port);
  }

  isReserved(port: number): boolean {
    return this.plan.ranges.some((r) => r.reserved.some((b) => port >= b.start && port <= b.end));
  }

  /** The range a free port should come from, for the fix in a message. */
  nextHint(slot: Slot): Hint {
    const range = slot.section ? (isBounded(slot.section) ? slot.section : undefined) : this.bounded.find((r) => rangeContains(r, slot.planned.port));
    return range
      ? { cli: `pick a free port with 'port-schema next --range "${range.name}"'`, editor: `the quick fix moves it to the next free port of ${range.name}` }
      : { cli: `pick a free port with 'port-schema next'`, editor: `pick a free port with "Port Schema: Next Free Port…"` };
  }
}

/**
 * The next step a message ends with, as the CLI says it (a command to run) and as the editor says
 * it (the quick fix or command that does it there).
 */
interface Hint {
  readonly cli: string;
  readonly editor: string;
}

/** A message ending in a hint, in both wordings. */
function worded(build: (hint: string) => string, hint: Hint): Worded {
  return { message: build(hint.cli), editorMessage: build(hint.editor) };
}

interface Worded {
  readonly message: string;
  readonly editorMessage?: string;
}

function isBounded(range: PortRange): boolean {
  return range.start !== undefined && range.end !== undefined;
}

function who(slot: Slot): string {
  return slot.planned.label ? `${slot.service.name} (${slot.planned.label})` : slot.service.name;
}

function span(range: PortRange): string {
  return isBounded(range) ? `${range.start}-${range.end}` : 'no fixed ports';
}

function problem(rule: PlanRule, severity: Severity, location: PlanLocation, text: string | Worded, port?: number, services?: readonly string[]): PlanProblem {
  const { message, editorMessage } = typeof text === 'string' ? { message: text, editorMessage: undefined } : text;
  return { rule, severity, message, location, ...(editorMessage ? { editorMessage } : {}), ...(port !== undefined ? { port } : {}), ...(services ? { services } : {}) };
}

function slotProblem(rule: PlanRule, severity: Severity, slot: Slot, text: string | Worded, others: readonly Slot[] = []): PlanProblem {
  return problem(rule, severity, slot.planned.location, text, slot.planned.port, [slot.service.name, ...others.map((o) => o.service.name)]);
}

function checkRangeOverlap(view: PlanView): PlanProblem[] {
  const out: PlanProblem[] = [];
  view.bounded.forEach((b, i) => {
    for (const a of view.bounded.slice(0, i)) {
      const first = Math.max(a.start!, b.start!);
      const last = Math.min(a.end!, b.end!);
      if (first > last || (a.host && b.host && a.host !== b.host)) continue;
      const shared = first === last ? `port ${first}` : `ports ${first}-${last}`;
      out.push(problem('range-overlap', 'warning', b.location, `Range "${b.name}" ${span(b)} overlaps "${a.name}" ${span(a)} on ${shared}; move or shrink one of them so every port has one range.`, first));
    }
  });
  return out;
}

/** Same port on one host, or where either host is unknown: one problem at each entry. */
function checkDuplicates(view: PlanView): PlanProblem[] {
  const out: PlanProblem[] = [];
  for (const slot of view.slots) {
    const others = view.slots.filter((o) => o !== slot && o.planned.port === slot.planned.port && sameMachine(o, slot));
    if (!others.length) continue;
    const where = slot.host && others.every((o) => o.host === slot.host) ? ` on host ${slot.host}` : '';
    out.push(slotProblem('schema-duplicate', 'error', slot, worded((hint) => `${who(slot)} ${slot.planned.port} is also planned for ${others.map(who).join(', ')}${where}; one port can have one listener: ${hint}.`, view.nextHint(slot)), others));
  }
  return out;
}

function sameMachine(a: Slot, b: Slot): boolean {
  return !a.host || !b.host || a.host === b.host;
}

/** `out-of-range` for a port outside the range it is listed under; `unplanned-range` for one in no range. */
function checkPlacement(view: PlanView): PlanProblem[] {
  const out: PlanProblem[] = [];
  for (const slot of view.slots) {
    const { port } = slot.planned;
    if (slot.sectionName && !slot.section) {
      out.push(slotProblem('out-of-range', 'warning', slot, `${who(slot)} ${port} names the range "${slot.sectionName}", which the plan does not define; add that range or name one of: ${view.plan.ranges.map((r) => `"${r.name}"`).join(', ') || '(none yet)'}.`));
    } else if (slot.section && isBounded(slot.section) && !rangeContains(slot.section, port)) {
      // postgres on 5432 filed under "Infrastructure & Exporters" is its software's own port, merely listed there: a note, not a warning.
      const ownWellKnown = ownedBy(slot.service.name, wellKnownOwners(port) ?? []);
      out.push(slotProblem('out-of-range', ownWellKnown ? 'info' : 'warning', slot, worded((hint) => `${who(slot)} ${port} is listed under "${slot.section!.name}" (${span(slot.section!)}) but lies outside it; move the entry to the range that holds ${port}, or ${hint}.`, view.nextHint(slot))));
    } else if (!slot.section && view.bounded.length && !view.bounded.some((r) => rangeContains(r, port))) {
      // A service placed in a range without bounds ("Infrastructure: on their software's default ports") is planned.
      out.push(slotProblem('unplanned-range', 'info', slot, worded((hint) => `${who(slot)} ${port} lies in no range of the plan; add a range for it, or move it into one ${hint}.`, { cli: `with 'port-schema next --range "<range>"'`, editor: 'with "Port Schema: Next Free Port…"' })));
    }
  }
  return out;
}

function checkReserved(view: PlanView): PlanProblem[] {
  const out: PlanProblem[] = [];
  for (const slot of view.slots) {
    for (const range of view.plan.ranges) {
      const block = range.reserved.find((b) => slot.planned.port >= b.start && slot.planned.port <= b.end);
      if (!block || reservedForService(block.reservedFor, slot.service.name)) continue;
      const blockText = block.start === block.end ? `${block.start}` : `${block.start}-${block.end}`;
      const of = block.start === range.start && block.end === range.end ? `"${range.name}"` : `of ${range.name}`;
      out.push(slotProblem('reserved', 'warning', slot, worded((hint) => `${who(slot)} ${slot.planned.port} lies in reserved block ${blockText} ${of}; ${hint}.`, { cli: `pick a free port with 'port-schema next --range "${range.name}"'`, editor: `the quick fix moves it to the next free port of ${range.name}` })));
    }
  }
  return out;
}

/** "Reserved for PortOS extensions" admits `portos-db`: the service's first name part is the owner. */
function reservedForService(owner: string | undefined, service: string): boolean {
  return !!owner && normalizeServiceName(service).split('-')[0] === normalizeServiceName(owner);
}

function checkWellKnown(view: PlanView): PlanProblem[] {
  const out: PlanProblem[] = [];
  for (const slot of view.slots) {
    const { port } = slot.planned;
    if (view.plan.rules.avoid.includes(port)) {
      out.push(slotProblem('well-known', 'warning', slot, worded((hint) => `${who(slot)} ${port} is on the plan's avoid list (rules.avoid); ${hint}.`, view.nextHint(slot))));
      continue;
    }
    const owners = wellKnownOwners(port);
    if (!owners || ownedBy(slot.service.name, owners)) continue;
    const whose = port < 1024 ? 'a privileged system port' : owners.length ? `the well-known port of ${owners[0]}` : 'a common default that other tools grab first';
    out.push(slotProblem('well-known', 'info', slot, worded((hint) => `${who(slot)} ${port} is ${whose}; ${hint}.`, view.nextHint(slot))));
  }
  return out;
}

function ownedBy(service: string, owners: readonly string[]): boolean {
  const parts = normalizeServiceName(service).split('-');
  return owners.some((owner) => parts.includes(owner));
}

/** A service's ports should be one block: reported at the first port after each gap. */
function checkContiguous(view: PlanView): PlanProblem[] {
  const out: PlanProblem[] = [];
  for (const service of view.plan.services) {
    const slots = view.slots.filter((s) => s.service === service).sort((a, b) => a.planned.port - b.planned.port);
    for (let i = 1; i < slots.length; i++) {
      const before = slots[i - 1].planned.port;
      const port = slots[i].planned.port;
      if (port - before <= 1) continue;
      const missing = port - before === 2 ? `${before + 1}` : `${before + 1}-${port - 1}`;
      const all = slots.map((s) => s.planned.port).join(', ');
      out.push(slotProblem('contiguous', 'info', slots[i], `${service.name} ports ${all} are not one contiguous block (${missing} between them); the plan keeps each service's ports side by side: move ${slots[i].planned.label ?? port} next to ${before}.`));
    }
  }
  return out;
}

/** Backends and frontends paired by name or by a "Corresponds to Server" cell share their last digits. */
function checkPairs(view: PlanView): PlanProblem[] {
  const out: PlanProblem[] = [];
  for (const slot of view.slots) {
    const partner = correspondingServer(slot.service);
    if (partner) out.push(...pairProblem(view, slot, partner.port, partner.name, 100));
  }
  for (const rule of view.plan.rules.pairs) {
    const modulus = rule.match === 'last-digit' ? 10 : 100;
    const inRange = (s: Slot, r: { start: number; end: number }) => s.planned.port >= r.start && s.planned.port <= r.end;
    for (const from of view.slots.filter((s) => inRange(s, rule.from))) {
      for (const to of view.slots.filter((s) => inRange(s, rule.to) && s.service !== from.service && serviceStem(s.service.name) === serviceStem(from.service.name))) {
        out.push(...pairProblem(view, to, from.planned.port, from.service.name, modulus, rule.to));
      }
    }
  }
  return out;
}

function pairProblem(view: PlanView, slot: Slot, partnerPort: number, partner: string, modulus: number, within?: { start: number; end: number }): PlanProblem[] {
  const port = slot.planned.port;
  if (port % modulus === partnerPort % modulus) return [];
  const digits = modulus === 10 ? 'last digit' : 'last two digits';
  const candidate = port - (port % modulus) + (partnerPort % modulus);
  const fits = (!within || (candidate >= within.start && candidate <= within.end)) && !view.isPlanned(candidate) && !view.isReserved(candidate);
  const fix = fits ? `use ${candidate}` : `pick ports whose ${digits} match`;
  const pad = (n: number) => String(n % modulus).padStart(modulus === 10 ? 1 : 2, '0');
  return [slotProblem('pairing', 'hint', slot, `${slot.service.name} ${port} pairs with ${partner} ${partnerPort} but their ${digits} differ (${pad(port)} vs ${pad(partnerPort)}); ${fix}.`)];
}

/** `3030 chat-server` in a "Corresponds to Server" cell. */
function correspondingServer(service: ServiceEntry): { port: number; name: string } | undefined {
  const cell = Object.entries(service.attributes ?? {}).find(([column]) => /correspond/i.test(column))?.[1];
  const m = cell && /^(\d{1,5})\s+([\w.@/-]+)/.exec(cell);
  return m ? { port: Number(m[1]), name: m[2] } : undefined;
}

/** `chat-server`, `chat-web` → `chat`: what a backend and its frontend have in common. */
function serviceStem(name: string): string {
  return normalizeServiceName(name).replace(/-(?:server|api|backend|service|web|ui|client|frontend|app)$/, '');
}

function checkRangeFull(view: PlanView): PlanProblem[] {
  const out: PlanProblem[] = [];
  for (const range of view.bounded) {
    const size = range.end! - range.start! + 1;
    const used = new Set(view.slots.map((s) => s.planned.port).filter((p) => rangeContains(range, p))).size;
    if (used / size <= FULL_SHARE) continue;
    out.push(problem('range-full', 'info', range.location, `Range "${range.name}" ${span(range)} is ${Math.round((100 * used) / size)}% used (${used} of ${size} ports); widen it or plan the next range before it runs out.`));
  }
  return out;
}
