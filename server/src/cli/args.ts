import { parseArgs } from 'node:util';

/**
 * The command line, on Node's own `util.parseArgs`: each subcommand has its own options and its
 * own `--help`; an unknown option, a missing value or a value outside its choices is a usage error
 * (exit 2) that names the option and the fix, never silently ignored.
 */

export class UsageError extends Error {
  constructor(message: string, readonly command?: CommandName) {
    super(message);
  }
}

interface OptionSpec {
  readonly type: 'string' | 'boolean';
  /** May be given more than once (and as a comma-separated list). */
  readonly multiple?: boolean;
  /** What the value is, in the help (`FILE`, `GLOB,...`). */
  readonly value?: string;
  readonly choices?: readonly string[];
  readonly help: string;
}

const COMMON: Readonly<Record<string, OptionSpec>> = {
  schema: { type: 'string', value: 'FILE', help: 'the plan file (default: ports.yaml, else PORT_SCHEMA.md/PORTS.md, else ecosystem.config.*)' },
  config: { type: 'string', value: 'FILE', help: 'the committed config (default: the plan\'s own sections, else port-schema.config.jsonc beside the plan or at the root)' },
  include: { type: 'string', multiple: true, value: 'GLOB,...', help: 'also read these files (on top of the config\'s include)' },
  exclude: { type: 'string', multiple: true, value: 'GLOB,...', help: 'never read these files (on top of the config\'s exclude)' },
  'ignore-parse-errors': { type: 'string', multiple: true, value: 'GLOB,...', help: 'no parse-error finding for these files' },
  'output-file': { type: 'string', value: 'FILE', help: 'write the report to FILE instead of standard output' },
  cache: { type: 'boolean', help: 'keep each file\'s facts between runs and read only the files that changed (off by default)' },
  'no-cache': { type: 'boolean', help: 'neither read nor write the cache (over --cache)' },
  'cache-location': { type: 'string', value: 'DIR', help: 'where --cache keeps its file (default: $XDG_CACHE_HOME/port-schema/<tree>, never inside the tree)' },
  verbose: { type: 'boolean', help: 'log skipped files to standard error' },
  help: { type: 'boolean', help: 'show this help' },
};

export const COMMANDS = {
  check: {
    summary: 'report collisions, drift from the plan and stale references',
    usage: 'port-schema check [dir] [options]',
    options: {
      format: { type: 'string', value: 'FORMAT', choices: ['text', 'json', 'sarif', 'github'], help: 'text (default), json, sarif (code scanning) or github (workflow annotations)' },
      'fail-on': { type: 'string', value: 'LEVEL', choices: ['error', 'warning', 'never'], help: 'exit 1 when a finding is at or above LEVEL (default: error)' },
      'min-severity': { type: 'string', value: 'LEVEL', choices: ['error', 'warning', 'info', 'hint'], help: 'list findings at or above LEVEL in text and github output (default: info)' },
      rule: { type: 'string', multiple: true, value: 'ID=SEVERITY', help: 'set a rule to error, warning, info, hint or off (over the config\'s rules); repeatable' },
      baseline: { type: 'string', value: 'FILE', help: 'report only findings whose fingerprint is not in FILE' },
      'write-baseline': { type: 'string', value: 'FILE', help: 'write every finding\'s fingerprint to FILE (then exit 0)' },
      'report-unused-disables': { type: 'boolean', help: 'report suppression comments and ignore entries that silence nothing' },
      ...COMMON,
    },
  },
  map: {
    summary: 'show the plan and what the code binds, side by side',
    usage: 'port-schema map [dir] [options]',
    options: {
      format: { type: 'string', value: 'FORMAT', choices: ['text', 'json'], help: 'text (default) or json' },
      ...COMMON,
    },
  },
  next: {
    summary: 'print the next free ports of a range',
    usage: 'port-schema next [dir] --range NAME|START-END [options]',
    options: {
      range: { type: 'string', value: 'NAME|START-END', help: 'a range of the plan by name, or START-END' },
      count: { type: 'string', value: 'N', help: 'how many contiguous free ports (1-1000, default 1)' },
      ...COMMON,
    },
  },
} as const satisfies Record<string, { summary: string; usage: string; options: Record<string, OptionSpec> }>;

export type CommandName = keyof typeof COMMANDS;
export type OptionValues = Readonly<Record<string, string | boolean | string[] | undefined>>;

export type Invocation =
  | { readonly kind: 'run'; readonly command: CommandName; readonly dir: string; readonly values: OptionValues }
  | { readonly kind: 'print'; readonly text: string };

export function parseCommandLine(argv: readonly string[], version: string): Invocation {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h') return { kind: 'print', text: mainHelp(version) };
  if (first === '--version' || first === '-v') return { kind: 'print', text: version };
  if (first === 'help') {
    const topic = rest[0];
    if (topic === undefined) return { kind: 'print', text: mainHelp(version) };
    return { kind: 'print', text: commandHelp(commandNamed(topic)) };
  }
  const command = commandNamed(first);
  const spec = COMMANDS[command];
  let parsed: { values: OptionValues; positionals: string[] };
  try {
    parsed = parseArgs({ args: [...rest], options: nodeOptions(spec.options), allowPositionals: true, strict: true }) as { values: OptionValues; positionals: string[] };
  } catch (err) {
    throw new UsageError(describeParseError(err, command), command);
  }
  if (parsed.values.help) return { kind: 'print', text: commandHelp(command) };
  if (parsed.positionals.length > 1) throw new UsageError(`${command} takes one folder, got ${parsed.positionals.length}: ${parsed.positionals.join(' ')}`, command);
  for (const [name, option] of Object.entries(spec.options) as [string, OptionSpec][]) {
    const value = parsed.values[name];
    if (option.choices && typeof value === 'string' && !option.choices.includes(value)) {
      throw new UsageError(`--${name} must be one of ${option.choices.join(', ')} (got '${value}')`, command);
    }
  }
  return { kind: 'run', command, dir: parsed.positionals[0] ?? '.', values: parsed.values };
}

function commandNamed(name: string): CommandName {
  if (Object.prototype.hasOwnProperty.call(COMMANDS, name)) return name as CommandName;
  if (name.startsWith('-')) throw new UsageError(`${name} needs a command first: port-schema check|map|next ${name}`);
  throw new UsageError(`unknown command '${name}' (check, map or next)`);
}

function nodeOptions(options: Readonly<Record<string, OptionSpec>>) {
  return Object.fromEntries(Object.entries(options).map(([name, o]) => [name, { type: o.type, ...(o.multiple ? { multiple: true } : {}) }])) as Record<string, { type: 'string' | 'boolean'; multiple?: boolean }>;
}

/** Node's messages, said the way the rest of the CLI says things. */
function describeParseError(err: unknown, command: CommandName): string {
  const message = err instanceof Error ? err.message : String(err);
  const code = (err as { code?: string }).code;
  const option = /'(-{1,2}[^' ]+)/.exec(message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option) {
    const name = option.replace(/^-+/, '');
    const known = Object.keys(COMMANDS[command].options);
    const guess = known.find((k) => similar(k, name));
    return `${command}: unknown option --${name}${guess ? ` (did you mean --${guess}?)` : ''}`;
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option) {
    const spec = (COMMANDS[command].options as Record<string, OptionSpec>)[option.replace(/^-+/, '')];
    if (spec?.type === 'boolean') return `${option} takes no value`;
    return `${option} needs a value${spec?.value ? ` (${option} ${spec.value})` : ''}`;
  }
  return `${command}: ${message}`;
}

/** The same letters, give or take one transposition, insertion or deletion: `formta` ↔ `format`. */
function similar(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  const sorted = (s: string) => [...s].sort().join('');
  if (a.length === b.length && sorted(a) === sorted(b)) return true;
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  for (let i = 0; i < long.length; i++) if (long.slice(0, i) + long.slice(i + 1) === short) return true;
  return false;
}

function mainHelp(version: string): string {
  const commands = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(6)} ${c.summary}`);
  return [
    `port-schema ${version}: keeps a workspace honest about network ports`,
    '',
    'Usage: port-schema <command> [dir] [options]',
    '',
    'Commands:',
    ...commands,
    '',
    'port-schema <command> --help (or port-schema help <command>) lists its options.',
    'The committed config (ports.yaml sections or port-schema.config.jsonc) applies to every command; flags go over it.',
    EXIT_CODES,
  ].join('\n');
}

const EXIT_CODES = 'Exit codes: 0 ok, 1 findings at or above --fail-on, 2 usage or input error.';

export function commandHelp(command: CommandName): string {
  const spec = COMMANDS[command];
  const rows = (Object.entries(spec.options) as [string, OptionSpec][]).map(([name, o]) => {
    const flag = `--${name}${o.value ? ` ${o.value}` : ''}`;
    return `  ${flag.padEnd(30)} ${o.help}`;
  });
  return [`port-schema ${command}: ${spec.summary}`, '', `Usage: ${spec.usage}`, '', 'Options:', ...rows, '', EXIT_CODES].join('\n');
}

/** A string option, if given. */
export function stringOption(values: OptionValues, name: string): string | undefined {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
}

/** A repeatable option's values, each also split at commas: `--exclude a,b --exclude c`. */
export function listOption(values: OptionValues, name: string): string[] {
  const v = values[name];
  const items = Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
  return items.flatMap((item) => item.split(',')).map((s) => s.trim()).filter(Boolean);
}

export function flagOption(values: OptionValues, name: string): boolean {
  return values[name] === true;
}
