import { existsSync, statSync } from 'node:fs';
import * as nodePath from 'node:path';
import { nextFreePorts, resolveWindow } from '../engine/allocate/nextFree';
import { isRuleId, type Severity, type SeveritySetting } from '../engine/checks/finding';
import type { RuleSettings } from '../engine/checks/runChecks';
import { buildPortMap, formatPortMap } from '../engine/features/portMap';
import { usedPorts } from '../engine/features/usedPorts';
import { noopToken, type ILogger } from '../engine/host';
import { PortEngine } from '../engine/index';
import { NodeWorkspace } from '../node/nodeWorkspace';
import { oneOf, parseArgs, UsageError } from './args';
import { formatFindingsJson } from './format/json';
import { formatFindingsSarif } from './format/sarif';
import { formatFindingsText, SEVERITY_RANK } from './format/text';

const VERSION = '0.1.0';

const USAGE = `port-schema ${VERSION}: keeps a workspace honest about network ports

Usage:
  port-schema check [dir] [--schema FILE] [--format text|json|sarif] [--fail-on error|warning|never]
                          [--min-severity error|warning|info|hint] [--rule ID=SEVERITY|off]...
  port-schema map   [dir] [--schema FILE] [--format text|json]
  port-schema next  [dir] --range NAME|START-END [--count N] [--schema FILE]

Common options: --include GLOB,... --exclude GLOB,... --verbose (log skipped files to stderr)
Exit codes: 0 ok, 1 findings at or above --fail-on, 2 usage or input error.`;

const VALUE_FLAGS = new Set(['schema', 'format', 'fail-on', 'min-severity', 'rule', 'range', 'count', 'include', 'exclude']);
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
  const schema = flags.get('schema');
  if (schema && !existsSync(nodePath.resolve(dir, schema))) throw new UsageError(`plan file ${schema} not found in ${dir}`);
  const list = (name: string) => (flags.get(name) ?? '').split(',').filter(Boolean);
  const workspace = new NodeWorkspace(dir, { include: [...list('include'), ...(schema ? [toPosix(schema)] : [])], exclude: list('exclude'), logger });
  const engine = new PortEngine({ workspace, logger, settings: { schemaFiles: schema ? [toPosix(nodePath.relative(dir, nodePath.resolve(dir, schema)))] : [], rules: ruleSettings(flags.get('rule')) } });
  await engine.indexAll(noopToken);
  return engine;
}

function ruleSettings(spec: string | undefined): RuleSettings {
  const rules: RuleSettings = {};
  for (const item of (spec ?? '').split(',').filter(Boolean)) {
    const [id, level] = item.split('=');
    if (!isRuleId(id)) throw new UsageError(`--rule: unknown rule '${id}'`);
    rules[id] = oneOf<SeveritySetting>('rule', level, ['error', 'warning', 'info', 'hint', 'off'], 'warning');
  }
  return rules;
}

function check(engine: PortEngine, flags: Map<string, string>): number {
  const format = oneOf('format', flags.get('format'), ['text', 'json', 'sarif'], 'text');
  const failOn = oneOf('fail-on', flags.get('fail-on'), ['error', 'warning', 'never'], 'error');
  const minimum = oneOf<Severity>('min-severity', flags.get('min-severity'), ['error', 'warning', 'info', 'hint'], 'info');
  const findings = engine.findings();
  const schemaFiles = engine.index.selectedSchemaFiles();
  print(format === 'json' ? formatFindingsJson(findings, schemaFiles) : format === 'sarif' ? formatFindingsSarif(findings, VERSION) : formatFindingsText(findings, schemaFiles, minimum));
  if (failOn === 'never') return 0;
  return findings.some((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[failOn]) ? 1 : 0;
}

function map(engine: PortEngine, flags: Map<string, string>): number {
  const format = oneOf('format', flags.get('format'), ['text', 'json'], 'text');
  const portMap = buildPortMap(engine.analysis());
  return print(format === 'json' ? JSON.stringify(portMap, null, 2) : formatPortMap(portMap, engine.index.selectedSchemaFiles()));
}

function next(engine: PortEngine, flags: Map<string, string>): number {
  const spec = flags.get('range');
  if (!spec) throw new UsageError('next needs --range NAME or --range START-END');
  const count = Number(flags.get('count') ?? '1');
  if (!Number.isInteger(count) || count < 1 || count > 1000) throw new UsageError(`--count must be a whole number from 1 to 1000 (got '${flags.get('count')}')`);
  const analysis = engine.analysis();
  const window = resolveWindow(analysis.schema, spec);
  if (typeof window === 'string') throw new UsageError(window);
  const ports = nextFreePorts(window, analysis.schema, usedPorts(analysis), count);
  if (ports.length === 0) {
    process.stderr.write(`port-schema: no ${count} free contiguous port(s) left in ${window.name} (${window.start}-${window.end}).\n`);
    return 1;
  }
  return print(ports.join('\n'));
}

function print(text: string): number {
  process.stdout.write(text + '\n');
  return 0;
}

function toPosix(p: string): string {
  return p.split(nodePath.sep).join('/');
}

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
