// `npm run bench`: the figures of the performance targets, each against ripgrep over the same
// tree in the same run, on a real monorepo when one is at hand (`../shared/corpus/langfuse`, or
// `--tree DIR`), ten copies of it side by side, and the synthetic monorepo at ×1 and ×10:
// cold and warm `check` as whole processes, the language server's time to ready, memory,
// keystroke and hover latency, a storm of edits, and one port at 2k/20k/200k sites. Figures are
// compared with the last committed ones (bench/baseline.json); the exit code only says whether
// something crashed. Timings never go into tests.
//
// Usage: node scripts/bench.mjs [--tree DIR]... [--runs 5] [--quick] [--json] [--save-baseline]
// Needs the bundles (`npm run build`) and the compiled tests (`npx tsc -b server`): npm run bench does both.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { cliHasCache, pairWithRipgrep, ripgrepVersion, runCli, runRipgrep } from './bench/processes.mjs';
import { loadClient, measureServer, sitesFromMap, storm } from './bench/server.mjs';
import { fail, mb, ms, msSince, progress } from './bench/stats.mjs';
import { copiesTree, syntheticTree, writeTwoServices } from './bench/trees.mjs';

const SCRIPT = fileURLToPath(import.meta.url);
const REPO = resolve(dirname(SCRIPT), '..');
const CLI = join(REPO, 'server', 'out', 'cli.js');
const BUILD = join(REPO, 'server', 'build');
const BENCH_DIR = join(REPO, '.bench');
const BASELINE = join(REPO, 'bench', 'baseline.json');
const REAL_TREE = resolve(REPO, '..', 'shared', 'corpus', 'langfuse');
/** The issue's targets: ratios to rg, milliseconds, megabytes. */
const TARGETS = {
  coldRatio: { real: 5, large: 3 },
  warmRatio: { real: 3, large: 1.5 },
  largeRssMb: 300,
  serverReadyMs: 4000,
  serverRssMb: 200,
  keystrokeP95: 10,
  hoverP95: 5,
  stormP95: 50,
  stormRssMb: 300,
};
/** Sites of one port, written by two services: the shape that made findings grow as sites². */
const SITE_COUNTS = [2_000, 20_000, 200_000];

if (process.argv[2] === '--child') await runChild(process.argv[3], process.argv[4]);
else await main();

async function main() {
  const args = options();
  const say = args.json ? (line) => process.stderr.write(`${line}\n`) : (line) => console.log(line);
  if (!existsSync(CLI) || !existsSync(join(BUILD, 'test', 'helpers', 'lspClient.js'))) fail('no build: run `npm run build && npx tsc -b server` (npm run bench does)');
  const rg = ripgrepVersion();
  if (!rg) fail('rg (ripgrep) is not on PATH: every figure is a ratio to it. Install it (apt-get install ripgrep, brew install ripgrep).');
  const trees = benchTrees(args, say);
  const hasCache = cliHasCache(CLI);
  const result = { machine: describeMachine(), rg, cache: hasCache, trees: [], server: [], storm: undefined, sites: [] };
  for (const tree of trees) result.trees.push(measureCheck(tree, args, hasCache));
  const client = loadClient(BUILD);
  for (const tree of trees.filter((t) => t.server)) {
    progress(`server on ${tree.label}`);
    // rg just before: the tree is then in the page cache for the server too (this VM evicts it between
    // runs, which alone can double the time to ready), and its time says how the disk was at that moment.
    const rgMs = runRipgrep(tree.dir);
    result.server.push({ label: tree.label, files: tree.files, rgMs, ...(await measureServer(client, tree.dir, tree.sites)) });
  }
  const small = trees.find((t) => t.storm);
  if (small) {
    progress(`storm on ${small.label}`);
    result.storm = { label: small.label, ...(await storm(client, small.dir, small.sites)) };
  }
  if (!args.quick) result.sites = siteScaling(args);
  progress('');
  const baseline = existsSync(BASELINE) ? JSON.parse(readFileSync(BASELINE, 'utf8')) : undefined;
  if (args.json) console.log(JSON.stringify(result, null, 2));
  else printReport(result, baseline);
  if (args['save-baseline']) {
    mkdirSync(dirname(BASELINE), { recursive: true });
    writeFileSync(BASELINE, JSON.stringify(result, null, 2) + '\n');
    say(`saved ${BASELINE}`);
  }
}

function options() {
  const { values } = parseArgs({
    options: {
      tree: { type: 'string', multiple: true, default: [] },
      runs: { type: 'string', default: '5' },
      quick: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      'save-baseline': { type: 'boolean', default: false },
    },
  });
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) fail('--runs must be a positive integer');
  return { ...values, runs };
}

/**
 * What to measure: the trees named with --tree, else the real monorepo (and ten copies of it) when
 * present; always the synthetic one at ×1 and ×10 (unless --quick). `real` trees carry the
 * issue's real-monorepo targets, `large` ones the 10× targets.
 */
function benchTrees(args, say) {
  const trees = [];
  const real = args.tree.length ? args.tree.map((t) => resolve(t)) : existsSync(REAL_TREE) ? [REAL_TREE] : [];
  for (const dir of real) {
    if (!existsSync(dir)) fail(`--tree ${dir}: no such folder`);
    trees.push({ label: basename(dir), dir, scale: 'real', server: true });
    if (!args.quick) trees.push({ label: `${basename(dir)} ×10`, dir: copiesTree(dir, join(BENCH_DIR, `${basename(dir)}-x10`), 10, say), scale: 'large', server: true });
  }
  const generator = join(REPO, 'scripts', 'bench-generate.mjs');
  trees.push({ label: 'synthetic ×1', dir: syntheticTree(generator, join(BENCH_DIR, 'synthetic-2000'), 2000, say), scale: 'synthetic', server: !real.length, storm: true });
  if (!args.quick) trees.push({ label: 'synthetic ×10', dir: syntheticTree(generator, join(BENCH_DIR, 'synthetic-20000'), 20_000, say), scale: 'synthetic' });
  return trees;
}

/**
 * Cold (no cache), warm (a primed cache, nothing changed: the recorded check is replayed) and rechecked
 * (the facts and folder listings primed, the recorded check gone: what a run after an edit pays) `check`
 * against rg, and the sites the server part uses.
 */
function measureCheck(tree, args, hasCache) {
  const runs = tree.scale === 'large' ? Math.min(args.runs, 3) : args.runs;
  const check = ['check', '.', '--format', 'json', '--fail-on', 'never'];
  progress(`cold check on ${tree.label}`);
  const cold = pairWithRipgrep(CLI, tree.dir, hasCache ? [...check, '--no-cache'] : check, runs);
  let warm;
  let rechecked;
  if (hasCache) {
    const cacheDir = mkdtempSync(join(os.tmpdir(), 'port-schema-bench-cache-'));
    try {
      progress(`warm check on ${tree.label}`);
      warm = pairWithRipgrep(CLI, tree.dir, [...check, '--cache', '--cache-location', cacheDir], runs);
      if (warm.last.stdout !== cold.last.stdout) fail(`${tree.label}: check output with the cache differs from the output without it`);
      progress(`rechecked on ${tree.label}`);
      rechecked = pairWithRipgrep(CLI, tree.dir, [...check, '--cache', '--cache-location', cacheDir], runs, () => rmSync(join(cacheDir, 'check.json'), { force: true }));
      if (rechecked.last.stdout !== cold.last.stdout) fail(`${tree.label}: check output from the cached facts differs from the output without them`);
    } finally {
      rmSync(cacheDir, { recursive: true, force: true });
    }
  }
  const map = runCli(CLI, tree.dir, ['map', '.', '--format', 'json']);
  tree.sites = sitesFromMap(tree.dir, map.stdout);
  const { files, heapMb } = child('heap', tree.dir);
  tree.files = files;
  const findings = JSON.parse(cold.last.stdout).findings.length;
  return { label: tree.label, scale: tree.scale, files, heapMb, findings, cold: strip(cold), warm: warm && strip(warm), rechecked: rechecked && strip(rechecked) };
}

function strip({ rg, ms: time, ratio, peakRssMb }) {
  return { rg, ms: time, ratio, peakRssMb };
}

/** Runs one in-process measurement in a fresh Node process (no warm JIT, module or engine caches). */
function child(mode, dir) {
  const out = spawnSync(process.execPath, ['--expose-gc', SCRIPT, '--child', mode, dir], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (out.status !== 0) fail(`bench child "${mode}" failed (exit ${out.status}${out.signal ? `, ${out.signal}` : ''}):\n${out.stderr}${out.stdout}`);
  return JSON.parse(out.stdout);
}

/** For each count, a fresh two-service tree (one port at `count` sites) checked down to its JSON report in a fresh process. */
function siteScaling(args) {
  const rows = [];
  for (const count of SITE_COUNTS) {
    progress(`${count} sites of one port`);
    const dir = join(BENCH_DIR, `sites-${count}`);
    writeTwoServices(dir, count / 2);
    const runs = [];
    for (let run = 0; run < Math.min(args.runs, 3); run++) runs.push(child('sites', dir));
    rmSync(dir, { recursive: true, force: true });
    rows.push({ sites: count, ...runs.sort((a, b) => a.totalMs - b.totalMs)[Math.floor(runs.length / 2)] });
  }
  return rows;
}

// ---- child: in-process measurements --------------------------------------------------------

async function runChild(mode, dir) {
  const require = createRequire(join(BUILD, 'bench.cjs'));
  const { createPortEngine, nulLogger } = require('./engine/api.js');
  const { NodeWorkspace } = require('./node/nodeWorkspace.js');
  const start = process.hrtime.bigint();
  const engine = createPortEngine({ workspace: new NodeWorkspace(dir, { logger: nulLogger }), logger: nulLogger });
  await engine.indexAll();
  const findings = engine.findings();
  if (mode === 'heap') {
    // Files indexed and the heap the engine still holds after indexing and checking (after a GC; the engine is used after it, so it is kept).
    globalThis.gc?.();
    const heapMb = process.memoryUsage().heapUsed / 2 ** 20;
    return process.stdout.write(JSON.stringify({ files: engine.status().files, heapMb }));
  }
  const { writeFindingsJson } = require('./cli/format/json.js');
  let bytes = 0;
  writeFindingsJson({ write: (chunk) => (bytes += chunk.length) }, findings, []);
  const totalMs = msSince(start);
  globalThis.gc?.();
  process.stdout.write(
    JSON.stringify({
      totalMs,
      findings: findings.length,
      maxRelated: findings.reduce((m, f) => Math.max(m, f.related.length), 0),
      reportMb: bytes / 2 ** 20,
      heapRetainedMb: process.memoryUsage().heapUsed / 2 ** 20,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
    }),
  );
}

// ---- report --------------------------------------------------------------------------------

function printReport(r, baseline) {
  const was = (value, old, unit) => (old === undefined || value === undefined ? '' : `  (was ${unit(old)})`);
  const mark = (value, target) => (value === undefined || target === undefined ? '' : value <= target ? '  met' : `  MISSED (target ≤ ${target})`);
  console.log(`machine: ${r.machine.cpu} × ${r.machine.cores} cores, ${r.machine.memoryGb.toFixed(1)} GB, Node ${r.machine.node}; ${r.rg}`);
  console.log(`ratios: median of port-schema check over median of \`rg -c '(?-u)\\b[1-9][0-9]{3,4}\\b' .\` in the same tree, runs interleaved${r.cache ? '' : '; this build has no facts cache (no warm figures)'}`);
  console.log('');
  for (const t of r.trees) {
    const old = baseline?.trees?.find((b) => b.label === t.label);
    const times = (x) => `${x.toFixed(1)}×`;
    const target = (kind) => (t.scale === 'real' || t.scale === 'large' ? TARGETS[kind][t.scale] : undefined);
    console.log(`${t.label}: ${t.files} files indexed, ${t.findings} findings, heap ${mb(t.heapMb)} after indexing${was(t.heapMb, old?.heapMb, mb)}`);
    console.log(`  cold check  ${ms(t.cold.ms.p50).padStart(8)} vs rg ${ms(t.cold.rg.p50).padStart(8)} = ${times(t.cold.ratio)}${was(t.cold.ratio, old?.cold?.ratio, times)}${mark(t.cold.ratio, target('coldRatio'))}; peak RSS ${mb(t.cold.peakRssMb)}${t.scale === 'large' ? mark(t.cold.peakRssMb, TARGETS.largeRssMb) : ''}`);
    if (t.warm) console.log(`  warm check  ${ms(t.warm.ms.p50).padStart(8)} vs rg ${ms(t.warm.rg.p50).padStart(8)} = ${times(t.warm.ratio)}${was(t.warm.ratio, old?.warm?.ratio, times)}${mark(t.warm.ratio, target('warmRatio'))}`);
    if (t.rechecked) console.log(`  rechecked   ${ms(t.rechecked.ms.p50).padStart(8)} vs rg ${ms(t.rechecked.rg.p50).padStart(8)} = ${times(t.rechecked.ratio)}${was(t.rechecked.ratio, old?.rechecked?.ratio, times)}  (cached facts, the last check not replayable)`);
  }
  for (const s of r.server) {
    const old = baseline?.server?.find((b) => b.label === s.label);
    const large = /×10$/.test(s.label);
    console.log('');
    console.log(`server on ${s.label} (${s.files} files): ready after ${ms(s.readyMs)}${was(s.readyMs, old?.readyMs, ms)}${large ? mark(s.readyMs, TARGETS.serverReadyMs) : ''}, RSS ${mb(s.rssMb)}${was(s.rssMb, old?.rssMb, mb)}${large ? mark(s.rssMb, TARGETS.serverRssMb) : ''}${s.rgMs === undefined ? '' : ` (rg just before: ${ms(s.rgMs)})`}`);
    if (s.warmReadyMs !== undefined) console.log(`  started again on its storage (the facts cache): ready after ${ms(s.warmReadyMs)}${was(s.warmReadyMs, old?.warmReadyMs, ms)}${large ? mark(s.warmReadyMs, TARGETS.serverReadyMs) : ''}, RSS ${mb(s.warmRssMb)}${large ? mark(s.warmRssMb, TARGETS.serverRssMb) : ''}`);
    if (s.keystroke) console.log(`  keystroke → that file's diagnostics (debounce 0), ${s.keystroke.ms.n} over ${s.keystroke.files} files: p50 ${ms(s.keystroke.ms.p50)}, p95 ${ms(s.keystroke.ms.p95)}${was(s.keystroke.ms.p95, old?.keystroke?.ms?.p95, ms)}${mark(s.keystroke.ms.p95, TARGETS.keystrokeP95)}`);
    if (s.keystroke?.republished) console.log(`    files published per keystroke (the typed one and those whose diagnostics it changed): p50 ${s.keystroke.republished.p50}, p95 ${s.keystroke.republished.p95}, max ${s.keystroke.republished.max}`);
    if (s.hover) console.log(`  hover, ${s.hover.count} (${s.hover.answered} answered): p50 ${ms(s.hover.ms.p50)}, p95 ${ms(s.hover.ms.p95)}${was(s.hover.ms.p95, old?.hover?.ms?.p95, ms)}${mark(s.hover.ms.p95, TARGETS.hoverP95)}`);
  }
  if (r.storm) {
    const old = baseline?.storm;
    console.log('');
    console.log(`storm on ${r.storm.label}: ${r.storm.ops} operations (keystrokes, 1 MB pastes, close/reopen), each followed by a hover`);
    console.log(`  hover round trip p50 ${ms(r.storm.ms.p50)}, p95 ${ms(r.storm.ms.p95)}${was(r.storm.ms.p95, old?.ms?.p95, ms)}${mark(r.storm.ms.p95, TARGETS.stormP95)}; RSS after ${mb(r.storm.rssMb)}${mark(r.storm.rssMb, TARGETS.stormRssMb)}`);
  }
  if (r.sites.length) {
    console.log('');
    console.log('one port at N sites (two services), index + check + JSON report in a fresh process:');
    const base = r.sites[0];
    for (const s of r.sites) {
      console.log(
        `  ${String(s.sites).padStart(7)} sites: ${ms(s.totalMs).padStart(8)} (${(s.totalMs / base.totalMs).toFixed(1)}× for ${s.sites / base.sites}× the sites), ` +
          `${s.findings} findings, ≤ ${s.maxRelated} related each, report ${s.reportMb.toFixed(1)} MB, heap held ${mb(s.heapRetainedMb)}, peak RSS ${mb(s.peakRssMb)}`,
      );
    }
  }
}

function describeMachine() {
  const cpus = os.cpus();
  return { cpu: cpus[0]?.model ?? 'unknown CPU', cores: cpus.length, memoryGb: os.totalmem() / 2 ** 30, node: process.version };
}
