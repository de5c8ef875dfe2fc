import { closeSync, existsSync, mkdirSync, openSync, realpathSync, statSync, writeFileSync, writeSync } from 'node:fs';
import * as nodePath from 'node:path';
import { pathToFileURL } from 'node:url';
import { createPortEngine, noopToken, RULE_IDS, SEVERITY_RANK, SEVERITY_SETTINGS, type EngineSettings, type ILogger, type IWorkspace, type PortEngine, type RuleId, type RuleSettings, type Severity, type SeveritySetting } from '../engine/api';
import { defaultCacheHome, FactsCache, openTreeCache, toolIdentity, treeCacheDir } from '../node/factsCache';
import { ChunkedOutput } from '../node/chunkedOutput';
import { NodeWorkspace } from '../node/nodeWorkspace';
import { readRecordedCheck, recordCheck, type CheckResult, type WalkGlobs } from '../node/recordedCheck';
import { isInside } from '../node/treeWalk';
import { findSourceRoot, prefixWithin } from '../node/sourceRoot';
import { flagOption, listOption, parseCommandLine, stringOption, UsageError, type CommandName, type OptionValues } from './args';
import { baselineOf, readBaseline } from './baseline';
import { writeFindingsGithub } from './format/github';
import { writeFindingsJson } from './format/json';
import { streamedArray, writeJson } from './format/output';
import { writeFindingsSarif } from './format/sarif';
import { writeFindingsText } from './format/text';

const VERSION = '0.1.0';

async function main(argv: string[]): Promise<number> {
  const invocation = parseCommandLine(argv, VERSION);
  if (invocation.kind === 'print') return print(invocation.text);
  const { command, values } = invocation;
  const dir = nodePath.resolve(invocation.dir);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`${dir} is not a folder`, command);
  const run = prepareRun(dir, command, values);
  switch (command) {
    case 'check':
      return check(await checkResult(run), dir, values);
    case 'map':
      return map((await indexedEngine(run)).engine, values);
    case 'next':
      return next((await indexedEngine(run)).engine, values);
  }
}

/** What a run reads the tree with: its settings, its cache, and how it walks the folder. */
interface Run {
  readonly logger: ComplainingLogger;
  readonly settings: EngineSettings;
  readonly cache: FactsCache;
  /** The folder, settings and command-line globs as one string: a recorded check is replayed only under the same (a `--cache-location` may serve several trees). */
  readonly key: string;
  /** Whether this run's check is recorded for the next (a `check` with a persistent cache): its listing's disk versions are then taken. */
  readonly records: boolean;
  walk(committed: WalkGlobs, readsAhead?: boolean): NodeWorkspace;
}

/** A logger that remembers whether it said anything worse than information: such a run is not replayed later. */
interface ComplainingLogger extends ILogger {
  readonly complained: boolean;
}

function prepareRun(dir: string, command: CommandName, values: OptionValues): Run {
  const verbose = flagOption(values, 'verbose');
  let complained = false;
  const logger: ComplainingLogger = {
    log: (level, message) => {
      if (level !== 'info') complained = true;
      if (verbose || level === 'error') process.stderr.write(`[${level}] ${message}\n`);
    },
    get complained() {
      return complained;
    },
  };
  const plan = fileInside(dir, stringOption(values, 'schema'), 'plan file', command);
  const config = fileInside(dir, stringOption(values, 'config'), 'config file', command);
  const settings: EngineSettings = {
    planFiles: plan ? [plan] : [],
    rules: ruleSettings(listOption(values, 'rule')),
    parseErrorsIgnore: listOption(values, 'ignore-parse-errors'),
    ...(config ? { configFile: config } : {}),
    reportUnusedDisables: flagOption(values, 'report-unused-disables'),
  };
  const forced = [plan, config].filter((p): p is string => Boolean(p));
  const cache = openCache(dir, values, logger);
  const include = [...listOption(values, 'include'), ...forced];
  const exclude = listOption(values, 'exclude');
  return {
    logger,
    settings,
    cache,
    key: JSON.stringify({ dir, settings, include, exclude }),
    records: command === 'check' && cache.persistent,
    walk: (committed, readsAhead = true) =>
      new NodeWorkspace(dir, { include: [...include, ...committed.include], exclude: [...exclude, ...committed.exclude], logger, cache, readsAhead }),
  };
}

/**
 * The check's findings: replayed from the tree's last check when that was made under the same
 * settings and no listed file has changed since, else checked and recorded for the next run.
 */
async function checkResult(run: Run): Promise<CheckResult> {
  const recorded = readRecordedCheck(run.cache, run.key);
  let walked: ListedWorkspace | undefined;
  if (recorded) {
    // Listed without reading threads: a replay reads nothing, and the few files a miss finds changed are read here.
    walked = await listed(run.walk(recorded.committed, false), true);
    if (walked.state === recorded.state) {
      run.logger.log('info', 'check replayed from the facts cache: no listed file changed since the last check under these settings');
      run.cache.keep();
      return recorded.result;
    }
    // Only a walk without committed globs is the one indexing starts from.
    if (recorded.committed.include.length || recorded.committed.exclude.length) walked = undefined;
  }
  const { engine, final } = await indexedEngine(run, walked);
  const result = { findings: engine.findings(), fingerprints: engine.fingerprints(), planFiles: engine.planFiles() };
  if (final.state !== undefined && !run.logger.complained) recordCheck(run.cache, { key: run.key, committed: final.committed, state: final.state, result }, run.logger);
  return result;
}

/** A walked tree: the workspace that serves its listing, and the digest of that listing's disk versions when asked for. */
interface ListedWorkspace {
  readonly workspace: IWorkspace;
  readonly state: string | undefined;
  readonly committed: WalkGlobs;
}

const NO_GLOBS: WalkGlobs = { include: [], exclude: [] };

/**
 * Lists the tree once, for the replay check and the index alike: the index is handed this listing
 * rather than walking the tree again, and reads each file with the version its digest looked at.
 */
async function listed(workspace: NodeWorkspace, withState: boolean, committed: WalkGlobs = NO_GLOBS): Promise<ListedWorkspace> {
  const paths = await workspace.list(noopToken);
  const state = withState ? workspace.stateDigest() : undefined;
  return { workspace: { root: workspace.root, list: () => Promise.resolve(paths), read: (path, wantsText) => workspace.read(path, wantsText) }, state, committed };
}

/**
 * An engine over the folder, indexed. The committed config may add globs to the walk: then the
 * folder is walked again with them (once: the config file itself is always read, so its lists cannot change that way).
 */
async function indexedEngine(run: Run, first?: ListedWorkspace): Promise<{ engine: PortEngine; final: ListedWorkspace }> {
  const { logger, settings, cache } = run;
  let final = first ?? (await listed(run.walk(NO_GLOBS), run.records));
  let engine = createPortEngine({ workspace: final.workspace, logger, settings, facts: cache });
  await engine.indexAll();
  const committed = engine.committedConfig();
  if (committed.file) logger.log('info', `config: ${committed.file}`);
  if (committed.include.length || committed.exclude.length) {
    const globs = { include: committed.include, exclude: committed.exclude };
    final = await listed(run.walk(globs), run.records, globs);
    engine = createPortEngine({ workspace: final.workspace, logger, settings, facts: cache });
    await engine.indexAll();
  }
  cache.save(logger);
  return { engine, final };
}

/**
 * The facts cache, with `--cache` (and without `--no-cache`): in `--cache-location`, else in a
 * folder of the user's cache named after the tree, trimmed with the others there. Never inside
 * the tree unless `--cache-location` puts it there: a checked tree is not written to. Without
 * one, a cache for this run only (where the reading threads of a large tree leave their facts).
 */
function openCache(dir: string, values: OptionValues, logger: ILogger): FactsCache {
  if (!flagOption(values, 'cache') || flagOption(values, 'no-cache')) return FactsCache.inMemory();
  const tool = toolIdentity(VERSION, __filename);
  const location = stringOption(values, 'cache-location');
  if (location !== undefined) return FactsCache.open(nodePath.resolve(location), tool, logger);
  const realRoot = realpathSync(dir);
  const home = defaultCacheHome();
  const folder = treeCacheDir(home, realRoot);
  if (isInside(realRoot, nodePath.resolve(folder))) {
    logger.log('info', `no facts cache: ${folder} is inside the checked folder (give --cache-location to put it there)`);
    return FactsCache.inMemory();
  }
  return openTreeCache(home, realRoot, tool, logger);
}

/** A file named on the command line (relative to the checked folder, else to the working folder), as a path inside `dir`. */
function fileInside(dir: string, file: string | undefined, what: string, command: CommandName): string | undefined {
  if (file === undefined) return undefined;
  const absolute = [nodePath.resolve(dir, file), nodePath.resolve(file)].find((p) => existsSync(p));
  if (!absolute) throw new UsageError(`${what} ${file} not found (looked in ${dir} and ${process.cwd()})`, command);
  const relative = nodePath.relative(dir, absolute);
  if (relative.startsWith('..') || nodePath.isAbsolute(relative)) throw new UsageError(`${what} ${file} is outside ${dir}; the paths in it are relative to its folder, so it must be inside the checked folder`, command);
  return relative.split(nodePath.sep).join('/');
}

function ruleSettings(items: readonly string[]): RuleSettings {
  const rules: RuleSettings = {};
  for (const item of items) {
    const [id, level, ...rest] = item.split('=');
    if (!(RULE_IDS as readonly string[]).includes(id)) throw new UsageError(`--rule: unknown rule '${id}' (rule ids: ${RULE_IDS.join(', ')})`, 'check');
    if (rest.length || (level !== undefined && !(SEVERITY_SETTINGS as readonly string[]).includes(level))) {
      throw new UsageError(`--rule ${item}: write ${id}=SEVERITY with SEVERITY one of ${SEVERITY_SETTINGS.join(', ')}`, 'check');
    }
    rules[id as RuleId] = (level ?? 'warning') as SeveritySetting;
  }
  return rules;
}

function check({ findings: all, fingerprints, planFiles }: CheckResult, dir: string, values: OptionValues): number {
  const format = stringOption(values, 'format') ?? 'text';
  const failOn = stringOption(values, 'fail-on') ?? 'error';
  const minimum = (stringOption(values, 'min-severity') ?? 'info') as Severity;
  const writeBaseline = stringOption(values, 'write-baseline');
  const baselineFile = stringOption(values, 'baseline');
  const known = baselineFile ? readBaseline(baselineFile) : undefined;
  const findings = known ? all.filter((f) => !known.has(fingerprints.get(f) ?? '')) : all;
  if (known) {
    const current = new Set(fingerprints.values());
    reportBaseline(baselineFile!, all.length - findings.length, findings.length, [...known].filter((fp) => !current.has(fp)).length);
  }
  const root = findSourceRoot(dir);
  const prefix = prefixWithin(root, dir);
  const out = output(stringOption(values, 'output-file'));
  if (format === 'json') writeFindingsJson(out, findings, planFiles, fingerprints);
  else if (format === 'sarif') writeFindingsSarif(out, findings, { toolVersion: VERSION, fingerprints, srcRootUri: directoryUri(root), prefix });
  else if (format === 'github') writeFindingsGithub(out, findings, prefix, minimum);
  else writeFindingsText(out, findings, planFiles, minimum);
  out.close();
  if (writeBaseline) {
    writeFile(writeBaseline, `${JSON.stringify(baselineOf(all, fingerprints), null, 2)}\n`);
    process.stderr.write(`port-schema: wrote ${all.length} finding${all.length === 1 ? '' : 's'} to the baseline ${writeBaseline}\n`);
    return 0;
  }
  if (failOn === 'never') return 0;
  return findings.some((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[failOn as Severity]) ? 1 : 0;
}

/** Said on standard error, so a report on standard output stays what its format promises. */
function reportBaseline(file: string, hidden: number, shown: number, gone: number): void {
  const fixed = gone > 0 ? `; ${gone} of its entries match nothing now (fixed? write it again with --write-baseline)` : '';
  process.stderr.write(`port-schema: ${hidden} finding${hidden === 1 ? '' : 's'} in the baseline ${file} not reported, ${shown} new${fixed}\n`);
}

function map(engine: PortEngine, values: OptionValues): number {
  const out = output(stringOption(values, 'output-file'));
  if ((stringOption(values, 'format') ?? 'text') === 'text') out.write(`${engine.mapText()}\n`);
  else {
    const map = engine.map();
    writeJson(out, { ...map, services: streamedArray }, map.services);
  }
  out.close();
  return 0;
}

function next(engine: PortEngine, values: OptionValues): number {
  const spec = stringOption(values, 'range');
  if (!spec) throw new UsageError('next needs --range NAME or --range START-END', 'next');
  const raw = stringOption(values, 'count') ?? '1';
  const count = Number(raw);
  if (!/^\d+$/.test(raw) || count < 1 || count > 1000) throw new UsageError(`--count must be a whole number from 1 to 1000 (got '${raw}')`, 'next');
  const free = engine.nextFree(spec, count);
  if (free.error !== undefined && !free.window) throw new UsageError(free.error, 'next');
  if (free.error !== undefined) {
    process.stderr.write(`port-schema: ${free.error}\n`);
    return 1;
  }
  const out = output(stringOption(values, 'output-file'));
  out.write(`${free.ports.join('\n')}\n`);
  out.close();
  return 0;
}

/** Standard output or `--output-file` (its folder made if need be), written in chunks. */
function output(file: string | undefined): ChunkedOutput & { close(): void } {
  if (file === undefined) {
    // A reader that closes the pipe early (`| head`) ends the run quietly (see the EPIPE handler).
    const out = new ChunkedOutput((chunk) => process.stdout.write(chunk));
    return Object.assign(out, { close: () => out.flush() });
  }
  const fd = openForWriting(file);
  const out = new ChunkedOutput((chunk) => writeSync(fd, chunk));
  return Object.assign(out, {
    close: () => {
      out.flush();
      closeSync(fd);
    },
  });
}

function openForWriting(file: string): number {
  try {
    mkdirSync(nodePath.dirname(nodePath.resolve(file)), { recursive: true });
    return openSync(file, 'w');
  } catch (err) {
    throw new UsageError(`cannot write ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
}

function writeFile(file: string, text: string): void {
  try {
    mkdirSync(nodePath.dirname(nodePath.resolve(file)), { recursive: true });
    writeFileSync(file, text);
  } catch (err) {
    throw new UsageError(`cannot write ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
}

/** `file:///…/repo/`: a folder's URI ends in a slash, so relative URIs resolve inside it. */
function directoryUri(dir: string): string {
  const uri = pathToFileURL(dir).toString();
  return uri.endsWith('/') ? uri : `${uri}/`;
}

function print(text: string): number {
  process.stdout.write(text + '\n');
  return 0;
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
    if (err instanceof UsageError) process.stderr.write(`Run port-schema ${err.command ? `${err.command} ` : ''}--help for usage.\n`);
    process.exitCode = 2;
  },
);
