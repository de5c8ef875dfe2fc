import { yamlRefusal } from '../syntax/yamlLimits';
import { parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { isAlias, isMap, isScalar, isSeq, parseDocument, type Document } from 'yaml';
import { LineIndex, type Span } from '../text';
import { extname } from '../util/paths';
import {
  emptyRules,
  locationOf,
  type HostEntry,
  type PairRule,
  type PlannedPort,
  type PortRange,
  type PortPlan,
  type ReservedBlock,
  type PlanLocation,
  type PlanProblem,
  type PlanRules,
  type ServiceEntry,
} from './portPlan';

/**
 * The native plan (`ports.yaml`, `ports.json`, ...). YAML and JSON are both turned into one small
 * positioned tree first, so one reader builds the model from either and every value keeps its span.
 */

/** A plan bigger than this is not a hand-written plan; refuse it rather than stall the server. */
const MAX_PLAN_CHARS = 512_000;
/** Deeper than any real plan (5 levels); guards the recursive readers against hostile nesting. */
const MAX_DEPTH = 32;
/**
 * Aliases are expanded while the tree is built; a plan needs a handful. The budget stops alias
 * bombs (`maxAliasCount` in `yaml` only guards `toJS`, which this reader does not call).
 */
const MAX_ALIASES = 50;

export type PlanNode =
  | { readonly kind: 'map'; readonly span: Span; readonly entries: readonly PlanEntry[] }
  | { readonly kind: 'seq'; readonly span: Span; readonly items: readonly PlanNode[] }
  | { readonly kind: 'scalar'; readonly span: Span; readonly value: unknown };

export interface PlanEntry {
  readonly key: string;
  readonly keySpan: Span;
  /** `key: value` as written, for hovers and diagnostics on the whole entry. */
  readonly span: Span;
  readonly value: PlanNode;
}

export function isJsonPlanPath(path: string): boolean {
  return extname(path) === '.json' || extname(path) === '.jsonc';
}

/** Reads a native plan file; never throws: a malformed file gives `schema-parse` problems. */
export function loadNativePlan(path: string, text: string): PortPlan {
  const { root, problems } = parsePlanTree(path, text);
  const reader = new PlanReader(path, text, problems);
  if (root) reader.readRoot(root);
  return reader.result();
}

interface PlanTree {
  readonly root: PlanNode | undefined;
  readonly problems: readonly PlanProblem[];
}

/** The last tree built, and from what: the plan and the committed config read the same file one after the other. */
let lastTree: { readonly path: string; readonly text: string; readonly tree: PlanTree } | undefined;

/**
 * The positioned tree of a native plan or config file, and why it could not be built (positioned
 * `schema-parse` problems): what the plan reader and the committed-config reader read, from the
 * same parse rules. Both get the same tree for the same text (it is never changed after it is built).
 */
export function parsePlanTree(path: string, text: string): PlanTree {
  if (lastTree?.path === path && lastTree.text === text) return lastTree.tree;
  const reader = new PlanReader(path, text);
  const root = reader.parse();
  const tree = { root, problems: reader.result().problems };
  lastTree = { path, text, tree };
  return tree;
}

class PlanReader {
  readonly #lines: LineIndex;
  readonly #problems: PlanProblem[] = [];
  readonly #ranges: PortRange[] = [];
  readonly #services: ServiceEntry[] = [];
  readonly #hosts: HostEntry[] = [];
  #rules: PlanRules = emptyRules;

  constructor(
    readonly path: string,
    readonly text: string,
    /** Found while the tree was built. */
    parseProblems: readonly PlanProblem[] = [],
  ) {
    this.#lines = new LineIndex(text);
    this.#problems.push(...parseProblems);
  }

  result(): PortPlan {
    return {
      files: [this.path],
      format: isJsonPlanPath(this.path) ? 'json' : 'yaml',
      ranges: this.#ranges,
      services: this.#services,
      hosts: this.#hosts,
      rules: this.#rules,
      problems: this.#problems,
    };
  }

  parse(): PlanNode | undefined {
    if (this.text.trim() === '') {
      // An empty plan is still selected as the plan; say so, or a file left unsaved looks like "all good".
      this.#problem('schema-parse', 'warning', { start: 0, end: 0 }, 'is empty: it plans no service. Add your services and ranges (see the format in the README), or delete the file');
      return undefined;
    }
    if (this.text.length > MAX_PLAN_CHARS) {
      this.#parseProblem({ start: 0, end: 0 }, `is ${this.text.length} characters long; a port plan is a few kilobytes, so it was not read. Split or trim it`);
      return undefined;
    }
    try {
      return isJsonPlanPath(this.path) ? this.#parseJson() : this.#parseYaml();
    } catch (err) {
      this.#parseProblem({ start: 0, end: 0 }, `could not be read (${err instanceof Error ? err.message : String(err)})`);
      return undefined;
    }
  }

  #parseYaml(): PlanNode | undefined {
    const refusal = yamlRefusal(this.text);
    if (refusal) {
      this.#parseProblem({ start: 0, end: 0 }, `is not read: ${refusal}. Keep the plan a plain, small YAML file`);
      return undefined;
    }
    const doc = parseDocument(this.text, { keepSourceTokens: true, prettyErrors: false, uniqueKeys: true });
    for (const error of doc.errors) {
      this.#parseProblem({ start: error.pos[0], end: Math.max(error.pos[1], error.pos[0]) }, `is not valid YAML: ${firstLine(error.message)}`);
    }
    if (doc.errors.length) return undefined;
    const budget = { text: this.text, aliases: MAX_ALIASES };
    const tree = yamlNode(doc, doc.contents, 0, budget);
    // Entries past the alias budget were dropped: say so rather than plan with half the services.
    if (budget.aliases < 0) this.#parseProblem({ start: 0, end: 0 }, `uses more than ${MAX_ALIASES} aliases (*name); write the entries out instead of expanding aliases`);
    return tree;
  }

  #parseJson(): PlanNode | undefined {
    const errors: ParseError[] = [];
    const tree = parseTree(this.text, errors, { allowTrailingComma: true, disallowComments: false });
    for (const error of errors) {
      this.#parseProblem({ start: error.offset, end: error.offset + error.length }, `is not valid JSON: ${describeJsonError(printParseErrorCode(error.error))}`);
    }
    if (errors.length || !tree) return undefined;
    return jsonNode(tree, 0);
  }

  readRoot(root: PlanNode): void {
    const top = this.#expectMap(root, 'the plan', 'a mapping with `ranges:` and `services:`');
    if (!top) return;
    for (const entry of top.entries) {
      switch (entry.key) {
        case 'hosts':
          this.#readHosts(entry.value);
          break;
        case 'rules':
          this.#rules = this.#readRules(entry.value);
          break;
        case 'ranges':
          this.#readRanges(entry.value);
          break;
        case 'services':
          this.#readServices(entry.value);
          break;
        case 'version':
          if (!(entry.value.kind === 'scalar' && Number(entry.value.value) === 1)) {
            this.#problem('schema-parse', 'warning', entry.value.span, `has version ${this.#source(entry.value.span)}; this reader knows version 1. Write \`version: 1\``);
          }
          break;
        default:
          break; // Unknown keys are left to the JSON Schema in the editor; the plan still loads.
      }
    }
  }

  #readHosts(node: PlanNode): void {
    const map = this.#expectMap(node, '`hosts`', 'a mapping of host name to `{ address }`');
    for (const entry of map?.entries ?? []) {
      const address = entry.value.kind === 'map' ? this.#string(entry.value, 'address') : undefined;
      this.#hosts.push({ name: entry.key, ...(address ? { address } : {}), location: this.#loc(entry.span) });
    }
  }

  #readRules(node: PlanNode): PlanRules {
    const map = this.#expectMap(node, '`rules`', 'a mapping with `avoid`, `contiguous`, `pairs`');
    if (!map) return emptyRules;
    const avoid = this.#list(field(map, 'avoid')).flatMap((item) => this.#port(item, 'rules.avoid')?.port ?? []);
    const contiguousNode = field(map, 'contiguous');
    const contiguous = contiguousNode?.kind === 'scalar' && contiguousNode.value === true;
    const pairs = this.#list(field(map, 'pairs')).flatMap((item) => this.#pairRule(item) ?? []);
    return { avoid, contiguous, pairs };
  }

  #pairRule(node: PlanNode): PairRule | undefined {
    const map = this.#expectMap(node, 'a `rules.pairs` entry', '`{ from: 3030-3059, to: 5010-5049, match: last-two-digits }`');
    if (!map) return undefined;
    const from = this.#bounds(field(map, 'from'), 'rules.pairs from');
    const to = this.#bounds(field(map, 'to'), 'rules.pairs to');
    if (!from || !to) return undefined;
    const match = this.#string(map, 'match') === 'last-digit' ? 'last-digit' : 'last-two-digits';
    return { from: { start: from.start, end: from.end }, to: { start: to.start, end: to.end }, match };
  }

  #readRanges(node: PlanNode): void {
    for (const item of this.#list(node)) {
      const map = this.#expectMap(item, 'a `ranges` entry', '`{ name: Core, ports: 3000-3009 }`');
      if (!map) continue;
      const name = this.#string(map, 'name');
      const portsNode = field(map, 'ports');
      const bounds = portsNode ? this.#bounds(portsNode, `range ${name ?? ''}`.trim()) : undefined;
      const rangeName = name ?? (bounds ? `${bounds.start}-${bounds.end}` : undefined);
      if (!rangeName) {
        this.#problem('schema-parse', 'error', map.span, 'has a range with neither `name` nor `ports`; give it `name: ...` and `ports: 3000-3009`');
        continue;
      }
      const reserved = this.#list(field(map, 'reserved')).flatMap((r) => this.#reservedBlock(r, rangeName) ?? []);
      const purpose = this.#string(map, 'purpose');
      const host = this.#string(map, 'host');
      this.#ranges.push({
        name: rangeName,
        ...(bounds ? { start: bounds.start, end: bounds.end } : {}),
        ...(purpose ? { purpose } : {}),
        ...(host ? { host } : {}),
        reserved,
        location: this.#loc(map.span),
      });
    }
  }

  #reservedBlock(node: PlanNode, rangeName: string): ReservedBlock | undefined {
    const bounds = this.#bounds(node, `reserved block of ${rangeName}`);
    return bounds && { start: bounds.start, end: bounds.end, location: this.#loc(node.span) };
  }

  #readServices(node: PlanNode): void {
    const map = this.#expectMap(node, '`services`', 'a mapping of service name to `{ port }` or `{ ports: { label: port } }`');
    for (const entry of map?.entries ?? []) {
      const service = this.#service(entry);
      if (service) this.#services.push(service);
    }
  }

  /** `name: 3001` (shorthand) or `name: { port | ports, runtime, description, host, range, paths }`. */
  #service(entry: PlanEntry): ServiceEntry | undefined {
    const name = entry.key;
    const location = this.#loc(entry.span);
    if (entry.value.kind === 'scalar') {
      return { name, ports: this.#plannedPorts(entry.value, entry.span, name, undefined, undefined), location };
    }
    const map = this.#expectMap(entry.value, `service ${name}`, '`{ port: 3001 }` or `{ ports: { api: 3001 } }`');
    if (!map) return undefined;
    const rangeName = this.#string(map, 'range');
    const ports: PlannedPort[] = [];
    const single = map.entries.find((e) => e.key === 'port');
    if (single) ports.push(...this.#plannedPorts(single.value, single.span, name, undefined, rangeName));
    const many = field(map, 'ports');
    if (many?.kind === 'map') {
      for (const e of many.entries) ports.push(...this.#plannedPorts(e.value, e.span, name, e.key, rangeName));
    } else if (many) {
      for (const item of this.#list(many)) ports.push(...this.#plannedPorts(item, item.span, name, undefined, rangeName));
    }
    const runtime = this.#string(map, 'runtime');
    const description = this.#string(map, 'description');
    const host = this.#string(map, 'host');
    const paths = this.#list(field(map, 'paths')).flatMap((p) => (p.kind === 'scalar' && typeof p.value === 'string' ? [p.value] : []));
    return {
      name,
      ports,
      ...(runtime ? { runtime } : {}),
      ...(description ? { description } : {}),
      ...(host ? { host } : {}),
      ...(rangeName ? { rangeName } : {}),
      ...(paths.length ? { paths } : {}),
      location,
    };
  }

  /** The port of one entry: none when the value is not a port (an `invalid-port` problem says why). */
  #plannedPorts(node: PlanNode, entrySpan: Span, service: string, label: string | undefined, rangeName: string | undefined): PlannedPort[] {
    const what = label ? `${service} ${label}` : service;
    const found = this.#port(node, what);
    if (!found) return [];
    return [{
      port: found.port,
      ...(label ? { label } : {}),
      location: this.#loc(found.span),
      entryLocation: this.#loc(entrySpan),
      ...(rangeName ? { rangeName } : {}),
    }];
  }

  /** A port written as a decimal integer (quoted or not); anything else is an `invalid-port` on the value. */
  #port(node: PlanNode, what: string): { port: number; span: Span } | undefined {
    const raw = this.#source(node.span);
    const digits = /^(["']?)(\d{1,5})\1$/.exec(raw);
    const port = digits ? Number(digits[2]) : NaN;
    if (node.kind === 'scalar' && digits && port >= 1 && port <= 65535) {
      const start = node.span.start + digits[1].length;
      return { port, span: { start, end: start + digits[2].length } };
    }
    this.#problem('invalid-port', 'error', node.span, `gives ${what} the port ${shorten(raw)}, which is not a port: write a whole number from 1 to 65535`);
    return undefined;
  }

  /** `3000-3009`, `"3000-3009"` or a single port `3010`. */
  #bounds(node: PlanNode | undefined, what: string): { start: number; end: number } | undefined {
    if (!node) return undefined;
    const m = node.kind === 'scalar' ? /^["']?\s*(\d{1,5})\s*(?:-\s*(\d{1,5}))?\s*["']?$/.exec(this.#source(node.span)) : null;
    const start = m ? Number(m[1]) : NaN;
    const end = m?.[2] ? Number(m[2]) : start;
    if (m && start >= 1 && end <= 65535 && start <= end) return { start, end };
    this.#problem('invalid-port', 'error', node.span, `gives ${what} ${shorten(this.#source(node.span))}, which is not a port range: write \`3000-3009\` (first port, dash, last port)`);
    return undefined;
  }

  #list(node: PlanNode | undefined): readonly PlanNode[] {
    if (!node || (node.kind === 'scalar' && node.value === null)) return [];
    if (node.kind === 'seq') return node.items;
    return [node];
  }

  #string(map: PlanNode & { kind: 'map' }, key: string): string | undefined {
    const node = field(map, key);
    return node?.kind === 'scalar' && node.value !== null && typeof node.value !== 'object' ? String(node.value) : undefined;
  }

  #expectMap(node: PlanNode, what: string, expected: string): (PlanNode & { kind: 'map' }) | undefined {
    if (node.kind === 'map') return node;
    if (node.kind === 'scalar' && node.value === null) return undefined;
    this.#problem('schema-parse', 'error', node.span, `has ${what} written as a ${node.kind === 'seq' ? 'list' : 'single value'}; expected ${expected}`);
    return undefined;
  }

  #parseProblem(span: Span, what: string): void {
    this.#problem('schema-parse', 'error', span, what);
  }

  #problem(rule: string, severity: PlanProblem['severity'], span: Span, what: string): void {
    this.#problems.push({ rule, severity, message: `${this.path} ${what}.`, location: this.#loc(span) });
  }

  #loc(span: Span): PlanLocation {
    return locationOf(this.path, this.#lines, span);
  }

  #source(span: Span): string {
    return this.text.slice(span.start, span.end);
  }
}

export function field(map: PlanNode & { kind: 'map' }, key: string): PlanNode | undefined {
  return map.entries.find((e) => e.key === key)?.value;
}

/** `text` trims block collections, whose ranges run past their last line break. */
function yamlNode(doc: Document.Parsed, node: unknown, depth: number, budget: { readonly text: string; aliases: number }): PlanNode | undefined {
  if (depth > MAX_DEPTH) return undefined;
  if (isAlias(node) && --budget.aliases < 0) return undefined;
  const resolved = isAlias(node) ? node.resolve(doc) : node;
  if (isMap(resolved) && resolved.range) {
    const entries: PlanEntry[] = [];
    for (const pair of resolved.items) {
      if (!isScalar(pair.key) || !pair.key.range) continue;
      const keySpan = { start: pair.key.range[0], end: pair.key.range[1] };
      const value = yamlNode(doc, pair.value, depth + 1, budget) ?? { kind: 'scalar' as const, span: { start: keySpan.end, end: keySpan.end }, value: null };
      const end = Math.max(keySpan.end, isAlias(pair.value) && pair.value.range ? pair.value.range[1] : value.span.end);
      entries.push({ key: String(pair.key.value), keySpan, span: { start: keySpan.start, end }, value });
    }
    return { kind: 'map', span: { start: resolved.range[0], end: trimmedEnd(budget.text, resolved.range[1]) }, entries };
  }
  if (isSeq(resolved) && resolved.range) {
    const items = resolved.items.flatMap((item) => yamlNode(doc, item, depth + 1, budget) ?? []);
    return { kind: 'seq', span: { start: resolved.range[0], end: trimmedEnd(budget.text, resolved.range[1]) }, items };
  }
  if (isScalar(resolved) && resolved.range) {
    return { kind: 'scalar', span: { start: resolved.range[0], end: resolved.range[1] }, value: resolved.value };
  }
  return undefined;
}

function trimmedEnd(text: string, end: number): number {
  let e = end;
  while (e > 0 && /\s/.test(text[e - 1])) e--;
  return e;
}

function jsonNode(node: JsonNode, depth: number): PlanNode | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const span = { start: node.offset, end: node.offset + node.length };
  if (node.type === 'object') {
    const entries: PlanEntry[] = [];
    for (const prop of node.children ?? []) {
      const [key, valueNode] = prop.children ?? [];
      const value = valueNode && jsonNode(valueNode, depth + 1);
      if (!key || !value) continue;
      entries.push({ key: String(key.value), keySpan: { start: key.offset, end: key.offset + key.length }, span: { start: prop.offset, end: prop.offset + prop.length }, value });
    }
    return { kind: 'map', span, entries };
  }
  if (node.type === 'array') {
    return { kind: 'seq', span, items: (node.children ?? []).flatMap((c) => jsonNode(c, depth + 1) ?? []) };
  }
  return { kind: 'scalar', span, value: node.value };
}

const JSON_ERRORS: Readonly<Record<string, string>> = {
  CommaExpected: 'a comma is missing',
  ColonExpected: 'a colon is missing after a key',
  PropertyNameExpected: 'a quoted key is expected here',
  ValueExpected: 'a value is expected here',
  CloseBraceExpected: 'a closing } is missing',
  CloseBracketExpected: 'a closing ] is missing',
  EndOfFileExpected: 'there is text after the end of the plan',
  InvalidSymbol: 'this is not JSON (unquoted text?)',
};

function describeJsonError(code: string): string {
  return JSON_ERRORS[code] ?? code;
}

function firstLine(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}

function shorten(raw: string): string {
  return raw.length > 24 ? `${raw.slice(0, 21)}...` : raw;
}
