import picomatch from 'picomatch';
import type { Finding, RuleId } from '../checks/finding';
import { isRuleId, RULE_IDS, SEVERITY_SETTINGS, type SeveritySetting } from '../checks/finding';
import type { RuleSettings } from '../checks/runChecks';
import type { IgnoreEntry } from '../checks/suppressions';
import type { ContextDeclaration } from '../plan/portPlan';
import { field, parsePlanTree, type PlanEntry, type PlanNode } from '../plan/yamlPlan';
import { LineIndex, type Range, type Span } from '../text';
import { didYouMean } from '../util/closest';
import { dirname } from '../util/paths';

/**
 * The committed config: what a repository says about how Port Schema checks it, so CI and every
 * teammate's editor agree. It is the `rules`/`include`/`exclude`/`ignore`/`contexts` sections of a
 * native plan (`ports.yaml`), or `port-schema.config.jsonc` beside a Markdown or PM2 plan (or at the
 * workspace root). Paths in it are relative to its own folder. Read from text, never executed; a
 * problem in it is a positioned `config` finding there, never an exception.
 */
export interface CommittedConfig {
  /** Workspace-relative path of the file it was read from. */
  readonly file: string;
  readonly rules: RuleSettings;
  /** A severity (or `true`) for `contiguous` asks for the check even where the plan does not. */
  readonly contiguous: boolean;
  /** Workspace-relative globs, added to the editor's or the CLI's own. */
  readonly include: readonly string[];
  readonly exclude: readonly string[];
  readonly ignore: readonly IgnoreEntry[];
  readonly contexts: readonly ContextDeclaration[];
  readonly problems: readonly Finding[];
}

const CONFIG_KEYS = ['rules', 'include', 'exclude', 'ignore', 'contexts'] as const;
/** What a native plan holds besides the config sections. */
const PLAN_KEYS = ['version', 'hosts', 'ranges', 'services'] as const;
/** Plan rules that live in the plan's `rules:` beside the severities. */
const PLAN_RULE_KEYS = ['avoid', 'pairs'] as const;
const IGNORE_KEYS = ['files', 'rule', 'port', 'reason'] as const;
const CONTEXT_KEYS = ['compose', 'host', 'governed', 'description'] as const;

export const emptyConfig = (file = ''): CommittedConfig => ({ file, rules: {}, contiguous: false, include: [], exclude: [], ignore: [], contexts: [], problems: [] });

/**
 * Reads a committed config. `isPlan`: the file is also the plan (`ports.yaml`), whose own keys and
 * parse errors the plan reader reports; only the config sections are read here.
 */
export function parseCommittedConfig(file: string, text: string, isPlan: boolean): CommittedConfig {
  const reader = new ConfigReader(file, text, isPlan);
  reader.read();
  return reader.result();
}

class ConfigReader {
  readonly #lines: LineIndex;
  readonly #dir: string;
  readonly #problems: Finding[] = [];
  readonly #rules: RuleSettings = {};
  #contiguous = false;
  readonly #include: string[] = [];
  readonly #exclude: string[] = [];
  readonly #ignore: IgnoreEntry[] = [];
  readonly #contexts: ContextDeclaration[] = [];

  constructor(readonly file: string, readonly text: string, readonly isPlan: boolean) {
    this.#lines = new LineIndex(text);
    this.#dir = dirname(file);
  }

  result(): CommittedConfig {
    return { file: this.file, rules: this.#rules, contiguous: this.#contiguous, include: this.#include, exclude: this.#exclude, ignore: this.#ignore, contexts: this.#contexts, problems: this.#problems };
  }

  read(): void {
    if (!this.isPlan && this.text.trim() === '') return; // an empty config says nothing, and that is fine
    const tree = parsePlanTree(this.file, this.text);
    if (!tree.root) {
      // The plan reports its own parse errors (schema-parse); a config file's are ours.
      if (!this.isPlan) for (const p of tree.problems) this.#problems.push(this.#finding('error', p.location.range, p.message.replace(/\.$/, '; nothing in it applies until it parses.')));
      return;
    }
    if (tree.root.kind !== 'map') {
      if (!this.isPlan) this.#problem('error', tree.root.span, `is not an object: write \`{ "rules": { … }, "exclude": [ … ] }\``);
      return;
    }
    for (const entry of tree.root.entries) this.#topLevel(entry);
  }

  #topLevel(entry: PlanEntry): void {
    switch (entry.key) {
      case 'rules':
        return this.#readRules(entry.value);
      case 'include':
        return void this.#include.push(...this.#globs(entry.value, 'include'));
      case 'exclude':
        return void this.#exclude.push(...this.#globs(entry.value, 'exclude'));
      case 'ignore':
        return this.#readIgnore(entry.value);
      case 'contexts':
        return this.#readContexts(entry.value);
      case '$schema':
        return;
      default: {
        if (this.isPlan && (PLAN_KEYS as readonly string[]).includes(entry.key)) return;
        const known = this.isPlan ? [...PLAN_KEYS, ...CONFIG_KEYS] : [...CONFIG_KEYS];
        this.#problem('warning', entry.keySpan, `has an unknown key '${entry.key}'${didYouMean(entry.key, known)}; it is ignored. Known keys: ${known.join(', ')}`);
      }
    }
  }

  /** Rule severities; in a plan, `avoid`, `pairs` and a boolean `contiguous` are the plan's own rules. */
  #readRules(node: PlanNode): void {
    const map = this.#map(node, '`rules`', 'a mapping of rule id to error, warning, info, hint or off');
    for (const entry of map?.entries ?? []) {
      const value = entry.value.kind === 'scalar' ? entry.value.value : undefined;
      if ((PLAN_RULE_KEYS as readonly string[]).includes(entry.key)) {
        if (!this.isPlan) this.#problem('warning', entry.keySpan, `has the plan rule '${entry.key}' in \`rules\`; it is ignored here. Write it in the plan's \`rules:\` (ports.yaml)`);
        continue;
      }
      if (entry.key === 'contiguous' && typeof value === 'boolean') {
        this.#contiguous ||= value && !this.isPlan;
        continue;
      }
      if (!isRuleId(entry.key)) {
        this.#problem('warning', entry.keySpan, `sets a severity for '${entry.key}', which is not a Port Schema rule${didYouMean(entry.key, RULE_IDS)}; it is ignored. Rule ids: ${RULE_IDS.join(', ')}`);
        continue;
      }
      if (typeof value !== 'string' || !(SEVERITY_SETTINGS as readonly string[]).includes(value)) {
        this.#problem('warning', entry.value.span, `sets rule ${entry.key} to ${this.#source(entry.value.span) || 'nothing'}; write one of ${SEVERITY_SETTINGS.join(', ')}`);
        continue;
      }
      this.#rules[entry.key] = value as SeveritySetting;
      if (entry.key === 'contiguous' && value !== 'off') this.#contiguous = true;
    }
  }

  #readIgnore(node: PlanNode): void {
    for (const item of this.#list(node)) {
      const map = this.#map(item, 'an `ignore` entry', '`{ files: "package.json", rule: collision, port: 3000 }`');
      if (!map) continue;
      for (const e of map.entries) if (!(IGNORE_KEYS as readonly string[]).includes(e.key)) this.#unknownKey(e, 'an ignore entry', IGNORE_KEYS);
      const filesNode = field(map, 'files');
      const ruleNode = field(map, 'rule');
      if (!filesNode || !ruleNode) {
        this.#problem('warning', map.span, `has an ignore entry without \`${filesNode ? 'rule' : 'files'}\`; it silences nothing. Write the files (globs), the rule and, if you like, the port: \`{ files: "package.json", rule: collision, port: 3000 }\``);
        continue;
      }
      const files = this.#globs(filesNode, 'ignore.files');
      const rules = this.#ruleIds(ruleNode);
      const portNode = field(map, 'port');
      const ports = portNode ? this.#ports(portNode) : undefined;
      if (!files.length || !rules.length || (portNode && !ports?.length)) continue;
      this.#ignore.push({ files, matches: picomatch(files, { dot: true }), rules, ...(ports ? { ports } : {}), file: this.file, range: this.#range(map.span) });
    }
  }

  #readContexts(node: PlanNode): void {
    const map = this.#map(node, '`contexts`', 'a mapping of context name to `{ compose: [files], host, governed }`');
    for (const entry of map?.entries ?? []) {
      const context = this.#map(entry.value, `context ${entry.key}`, '`{ compose: [docker-compose.prod.yml], host: mac-mini }`');
      if (!context) continue;
      for (const e of context.entries) if (!(CONTEXT_KEYS as readonly string[]).includes(e.key)) this.#unknownKey(e, `context ${entry.key}`, CONTEXT_KEYS);
      const composeNode = field(context, 'compose');
      const compose = composeNode ? this.#paths(composeNode, `contexts.${entry.key}.compose`) : [];
      if (!compose.length) {
        this.#problem('warning', entry.keySpan, `declares context ${entry.key} without Compose files; it is ignored. Name them: \`compose: [docker-compose.prod.yml]\` (processes started on their own run on their plan service's \`host\`)`);
        continue;
      }
      const host = this.#string(context, 'host', `contexts.${entry.key}.host`);
      const governed = this.#boolean(context, 'governed', `contexts.${entry.key}.governed`);
      this.#contexts.push({ id: entry.key, compose, ...(host ? { host } : {}), ...(governed !== undefined ? { governed } : {}), location: { file: this.file, range: this.#range(entry.span) } });
    }
  }

  /** Globs relative to the config's folder, made workspace-relative; a bad one is a problem and left out. */
  #globs(node: PlanNode, what: string): string[] {
    return this.#strings(node, what).flatMap(({ value, span }) => {
      const problem = globProblem(value);
      const resolved = problem ? undefined : this.#resolve(value);
      if (problem || resolved === undefined) {
        this.#problem('warning', span, `has ${what} '${value}', which ${problem ?? 'points outside the workspace'}; it is ignored. Write a glob relative to ${this.#dir ? `${this.#dir}/` : 'the workspace root'} with / between folders`);
        return [];
      }
      return [resolved];
    });
  }

  #paths(node: PlanNode, what: string): string[] {
    return this.#strings(node, what).flatMap(({ value, span }) => {
      const resolved = /[\\*?[\]{}]/.test(value) || isAbsolute(value) ? undefined : this.#resolve(value);
      if (resolved === undefined) {
        this.#problem('warning', span, `has ${what} '${value}', which is not a file path inside the workspace; it is ignored. Write the path relative to ${this.#dir ? `${this.#dir}/` : 'the workspace root'} with / between folders`);
        return [];
      }
      return [resolved];
    });
  }

  /** `x`, `./x`, `../x` relative to the config's folder, as a workspace path; undefined when it climbs out. */
  #resolve(value: string): string | undefined {
    const parts: string[] = [];
    for (const seg of `${this.#dir}/${value}`.split('/')) {
      if (!seg || seg === '.') continue;
      if (seg === '..') {
        if (!parts.length) return undefined;
        parts.pop();
      } else parts.push(seg);
    }
    return parts.length ? parts.join('/') : undefined;
  }

  #ruleIds(node: PlanNode): RuleId[] {
    return this.#strings(node, 'ignore.rule').flatMap(({ value, span }) => {
      if (isRuleId(value)) return [value];
      this.#problem('warning', span, `ignores '${value}', which is not a Port Schema rule${didYouMean(value, RULE_IDS)}; the entry silences nothing. Rule ids: ${RULE_IDS.join(', ')}`);
      return [];
    });
  }

  #ports(node: PlanNode): number[] {
    return this.#list(node).flatMap((item) => {
      const port = item.kind === 'scalar' ? Number(item.value) : NaN;
      if (Number.isInteger(port) && port >= 1 && port <= 65535) return [port];
      this.#problem('warning', item.span, `has ignore.port ${this.#source(item.span)}, which is not a port; the entry silences nothing. Write a whole number from 1 to 65535`);
      return [];
    });
  }

  /** A string or a list of strings; anything else in it is a problem. */
  #strings(node: PlanNode, what: string): { value: string; span: Span }[] {
    return this.#list(node).flatMap((item) => {
      if (item.kind === 'scalar' && typeof item.value === 'string' && item.value.trim()) return [{ value: item.value.trim(), span: item.span }];
      this.#problem('warning', item.span, `has ${what} ${this.#source(item.span) || '(empty)'}, which is not a text; write a quoted path or glob`);
      return [];
    });
  }

  #string(map: PlanNode & { kind: 'map' }, key: string, what: string): string | undefined {
    const node = field(map, key);
    if (!node) return undefined;
    if (node.kind === 'scalar' && typeof node.value === 'string' && node.value) return node.value;
    this.#problem('warning', node.span, `has ${what} ${this.#source(node.span)}, which is not a name; write the host's name as the plan's \`hosts\` list it`);
    return undefined;
  }

  #boolean(map: PlanNode & { kind: 'map' }, key: string, what: string): boolean | undefined {
    const node = field(map, key);
    if (!node) return undefined;
    if (node.kind === 'scalar' && typeof node.value === 'boolean') return node.value;
    this.#problem('warning', node.span, `has ${what} ${this.#source(node.span)}; write true or false`);
    return undefined;
  }

  #list(node: PlanNode): readonly PlanNode[] {
    if (node.kind === 'scalar' && node.value === null) return [];
    return node.kind === 'seq' ? node.items : [node];
  }

  #map(node: PlanNode, what: string, expected: string): (PlanNode & { kind: 'map' }) | undefined {
    if (node.kind === 'map') return node;
    if (node.kind === 'scalar' && node.value === null) return undefined;
    this.#problem('warning', node.span, `has ${what} written as a ${node.kind === 'seq' ? 'list' : 'single value'}; expected ${expected}`);
    return undefined;
  }

  #unknownKey(entry: PlanEntry, where: string, known: readonly string[]): void {
    this.#problem('warning', entry.keySpan, `has an unknown key '${entry.key}' in ${where}${didYouMean(entry.key, known)}; it is ignored. Known keys: ${known.join(', ')}`);
  }

  #problem(severity: Finding['severity'], span: Span, what: string): void {
    this.#problems.push(this.#finding(severity, this.#range(span), `${this.file} ${what}.`));
  }

  #finding(severity: Finding['severity'], range: Range, message: string): Finding {
    return { rule: 'config', severity, port: 0, services: [], file: this.file, range, message, related: [], fixes: [] };
  }

  #range(span: Span): Range {
    return this.#lines.rangeOf(span);
  }

  #source(span: Span): string {
    return this.text.slice(span.start, span.end);
  }
}

/** Why a glob cannot be what its author meant, or undefined when it is fine. */
export function globProblem(glob: string): string | undefined {
  if (glob.includes('\\')) return 'has a backslash (globs use / on every system)';
  if (isAbsolute(glob)) return 'is an absolute path';
  for (const [open, close] of [['{', '}'], ['[', ']'], ['(', ')']] as const) {
    let depth = 0;
    for (const c of glob) {
      if (c === open) depth++;
      else if (c === close && --depth < 0) return `has a '${close}' without its '${open}'`;
    }
    if (depth > 0) return `has a '${open}' that is never closed`;
  }
  return undefined;
}

function isAbsolute(path: string): boolean {
  return path.startsWith('/') || /^[A-Za-z]:/.test(path);
}
