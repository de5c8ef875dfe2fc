import { existsSync, statSync } from 'node:fs';
import * as nodePath from 'node:path';
import { createPortEngine, RULE_IDS, SEVERITIES, SEVERITY_RANK, SEVERITY_SETTINGS, type ILogger, type PortEngine, type RuleId, type RuleSettings, type Severity } from '../engine/api';
import { NodeWorkspace } from '../node/nodeWorkspace';
import { oneOf, parseArgs, UsageError } from './args';
import { writeFindingsJson } from './format/json';
import { ChunkedOutput, streamedArray, writeJson } from './format/output';
import { writeFindingsSarif } from './format/sarif';
import { writeFindingsText } from './format/text';

const VERSION = '0.1.0';

const USAGE = `port-schema ${VERSION}: keeps a workspace honest about network ports

Usage:
  port-schema check [dir] [--schema FILE] [--format text|json|sarif] [--fail-on error|warning|never]
                          [--min-severity error|warning|info|hint] [--rule ID=SEVERITY|off]...
  port-schema map   [dir] [--schema FILE] [--format text|json]
  port-schema next  [dir] --range NAME|START-END [--count N] [--schema FILE]

Common options: --include GLOB,... --exclude GLOB,... --ignore-parse-errors GLOB,... (no parse-error for these files)
                --verbose (log skipped files to stderr)
Exit codes: 0 ok, 1 findings at or above --fail-on, 2 usage or input error.`;

const VALUE_FLAGS = new Set(['schema', 'format', 'fail-on', 'min-severity', 'rule', 'range', 'count', 'include', 'exclude', 'ignore-parse-errors']);
const BOOLEAN_FLAGS = new Set(['verbose', 'help', 'version']);

async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv, VALUE_FLAGS, BOOLEAN_FLAGS);
  if (args.flags.has('version')) return print(VERSION);
  if (args.flags.has('help') || !args.command) return print(USAGE);
  const dir = nodePath.resolve(args.positional[0] ?? '.');
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`${dir} is not a folder`);
  const engine = await loadEngine(dir, args.flags);
  switch (args.command) {
    case 'check':
      return check(engine, args.flags);
    case 'map':
      return map(engine, args.flags);
    case 'next':
      return next(engine, args.flags);
    default:
      throw new UsageError(`unknown command '${args.command}' (check, map or next)`);
  }
}

async function loadEngine(dir: string, flags: Map<string, string>): Promise<PortEngine> {
  const verbose = flags.has('verbose');
  const logger: ILogger = { log: (level, message) => (verbose || level === 'error' ? process.stderr.write(`[${level}] ${message}\n`) : undefined) };
  const plan = flags.get('schema');
  if (plan && !existsSync(nodePath.resolve(dir, plan))) throw new UsageError(`plan file ${plan} not found in ${dir}`);
  const list = (name: string) => (flags.get(name) ?? '').split(',').filter(Boolean);
  const workspace = new NodeWorkspace(dir, { include: [...list('include'), ...(plan ? [toPosix(plan)] : [])], exclude: list('exclude'), logger });
  const planFiles = plan ? [toPosix(nodePath.relative(dir, nodePath.resolve(dir, plan)))] : [];
  const engine = createPortEngine({ workspace, logger, settings: { planFiles, rules: ruleSettings(flags.get('rule')), parseErrorsIgnore: list('ignore-parse-errors') } });
  await engine.indexAll();
  return engine;
}

function ruleSettings(spec: string | undefined): RuleSettings {
  const rules: RuleSettings = {};
  for (const item of (spec ?? '').split(',').filter(Boolean)) {
    const [id, level] = item.split('=');
    if (!(RULE_IDS as readonly string[]).includes(id)) throw new UsageError(`--rule: unknown rule '${id}'`);
    rules[id as RuleId] = oneOf('rule', level, SEVERITY_SETTINGS, 'warning');
  }
  return rules;
}

function check(engine: PortEngine, flags: Map<string, string>): number {
  const format = oneOf('format', flags.get('format'), ['text', 'json', 'sarif'], 'text');
  const failOn = oneOf('fail-on', flags.get('fail-on'), ['error', 'warning', 'never'], 'error');
  const minimum = oneOf<Severity>('min-severity', flags.get('min-severity'), SEVERITIES, 'info');
  const findings = engine.findings();
  const planFiles = engine.planFiles();
  const out = stdout();
  if (format === 'json') writeFindingsJson(out, findings, planFiles);
  else if (format === 'sarif') writeFindingsSarif(out, findings, VERSION);
  else writeFindingsText(out, findings, planFiles, minimum);
  out.flush();
  if (failOn === 'never') return 0;
  return findings.some((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[failOn]) ? 1 : 0;
}

function map(engine: PortEngine, flags: Map<string, string>): number {
  const format = oneOf('format', flags.get('format'), ['text', 'json'], 'text');
  if (format === 'text') return print(engine.mapText());
  const map = engine.map();
  const out = stdout();
  writeJson(out, { ...map, services: streamedArray }, map.services);
  out.flush();
  return 0;
}

function next(engine: PortEngine, flags: Map<string, string>): number {
  const spec = flags.get('range');
  if (!spec) throw new UsageError('next needs --range NAME or --range START-END');
  const count = Number(flags.get('count') ?? '1');
  if (!Number.isInteger(count) || count < 1 || count > 1000) throw new UsageError(`--count must be a whole number from 1 to 1000 (got '${flags.get('count')}')`);
  const free = engine.nextFree(spec, count);
  if (free.error !== undefined && !free.window) throw new UsageError(free.error);
  if (free.error !== undefined) {
    process.stderr.write(`port-schema: ${free.error}\n`);
    return 1;
  }
  return print(free.ports.join('\n'));
}

/** The report goes out in chunks; a reader that closes the pipe early (`| head`) ends the run quietly. */
function stdout(): ChunkedOutput {
  return new ChunkedOutput((chunk) => process.stdout.write(chunk));
}

function print(text: string): number {
  process.stdout.write(text + '\n');
  return 0;
}

function toPosix(p: string): string {
  return p.split(nodePath.sep).join('/');
}

process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code !== 'EPIPE') throw err;
  process.exit(process.exitCode ?? 0);
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`port-schema: ${err instanceof UsageError ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    if (err instanceof UsageError) process.stderr.write('Run port-schema --help for usage.\n');
    process.exitCode = 2;
  },
);
