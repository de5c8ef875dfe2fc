// Whole-process timings: a CLI run against ripgrep over the same tree, interleaved run by run so
// that both see the same machine (page cache, other load).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { fail, msSince, stats } from './stats.mjs';

const PEAK_RSS = pathToFileURL(join(dirname(fileURLToPath(import.meta.url)), 'peakRss.mjs')).href;
/** The content scan the issue's ratios are measured against: every 4–5 digit number, per file. */
export const RG_ARGS = ['-c', '(?-u)\\b[1-9][0-9]{3,4}\\b', '.'];

export function ripgrepVersion() {
  const probe = spawnSync('rg', ['--version'], { encoding: 'utf8' });
  return probe.error || probe.status !== 0 ? undefined : probe.stdout.split('\n')[0];
}

/** Runs `rg` once in `dir`; 1 (nothing matched) is fine, 2 is an error. */
export function runRipgrep(dir) {
  const start = process.hrtime.bigint();
  const out = spawnSync('rg', RG_ARGS, { cwd: dir, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const elapsed = msSince(start);
  if (out.error || out.status === 2) fail(`rg failed in ${dir}: ${out.error?.message ?? out.stderr}`);
  return elapsed;
}

/** Runs the CLI once in `dir` with `args`; returns its wall time, peak RSS and standard output. */
export function runCli(cli, dir, args) {
  const scratch = mkdtempSync(join(tmpdir(), 'port-schema-bench-rss-'));
  const rssFile = join(scratch, 'rss');
  try {
    const start = process.hrtime.bigint();
    const out = spawnSync(process.execPath, ['--import', PEAK_RSS, cli, ...args], {
      cwd: dir,
      encoding: 'utf8',
      maxBuffer: 512 * 1024 * 1024,
      env: { ...process.env, PORT_SCHEMA_BENCH_RSS: rssFile },
    });
    const elapsed = msSince(start);
    if (out.error || out.status === null || out.status > 1) fail(`port-schema ${args.join(' ')} failed in ${dir} (exit ${out.status}${out.signal ? `, ${out.signal}` : ''}):\n${out.stderr}`);
    return { ms: elapsed, peakRssMb: Number(readFileSync(rssFile, 'utf8')) / 1024, stdout: out.stdout, stderr: out.stderr };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * `runs` interleaved pairs of rg and the CLI (after one unmeasured warm-up of each, so both read
 * from the page cache): medians and the ratio of the medians.
 */
export function pairWithRipgrep(cli, dir, args, runs, before = () => {}) {
  runRipgrep(dir);
  before();
  runCli(cli, dir, args);
  const rg = [];
  const ours = [];
  const rss = [];
  let last;
  for (let i = 0; i < runs; i++) {
    rg.push(runRipgrep(dir));
    before();
    last = runCli(cli, dir, args);
    ours.push(last.ms);
    rss.push(last.peakRssMb);
  }
  const rgStats = stats(rg);
  const oursStats = stats(ours);
  return { rg: rgStats, ms: oursStats, ratio: oursStats.p50 / rgStats.p50, peakRssMb: stats(rss).p50, last };
}

/** Whether this build of the CLI has the facts cache flags. */
export function cliHasCache(cli) {
  const help = spawnSync(process.execPath, [cli, 'check', '--help'], { encoding: 'utf8' });
  return /--cache-location/.test(help.stdout ?? '');
}
