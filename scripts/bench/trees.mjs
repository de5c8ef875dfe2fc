// The trees the bench measures: a real monorepo when one is at hand (and ten copies of it side by
// side), the synthetic monorepo at two scales, and two-service trees with one port at N sites.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fail } from './stats.mjs';

/**
 * Makes `dir` hold what `wanted` describes, by calling `make(dir)` unless a stamp beside it says it
 * already does. Only a tree this bench made (it has a stamp) is ever deleted.
 */
function ensureStamped(dir, wanted, make, say) {
  const stampPath = join(dirname(dir), `${basename(dir)}.stamp.json`);
  const stamp = existsSync(stampPath) ? readFileSync(stampPath, 'utf8') : undefined;
  const present = existsSync(dir) && readdirSync(dir).length > 0;
  if (present && stamp === JSON.stringify(wanted)) return dir;
  if (present && stamp === undefined) fail(`${dir} exists but was not made by the bench; delete it or pass another --out`);
  rmSync(dir, { recursive: true, force: true });
  say(`making ${dir} ...`);
  make(dir);
  writeFileSync(stampPath, JSON.stringify(wanted));
  return dir;
}

/** The synthetic monorepo of `files` files (scripts/bench-generate.mjs), regenerated when the generator changes. */
export function syntheticTree(generator, dir, files, say) {
  const wanted = { files, generator: createHash('sha256').update(readFileSync(generator)).digest('hex').slice(0, 16) };
  return ensureStamped(dir, wanted, (out) => {
    const gen = spawnSync(process.execPath, [generator, out, '--files', String(files)], { encoding: 'utf8' });
    if (gen.status !== 0) fail(`bench-generate failed (exit ${gen.status}): ${gen.stderr || gen.stdout}`);
  }, say);
}

/** `copies` copies of `source` side by side in `dir`: a tree ten times the size with the same shape. */
export function copiesTree(source, dir, copies, say) {
  const wanted = { source, copies, files: countFiles(source) };
  return ensureStamped(dir, wanted, (out) => {
    for (let i = 0; i < copies; i++) cpSync(source, join(out, `copy-${i}`), { recursive: true, verbatimSymlinks: true });
  }, say);
}

function countFiles(dir) {
  let n = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) if (entry.isFile()) n++;
  return n;
}

/** Two services whose files hold `sitesEach` lines `const port = 3000;` each, in files of at most 10,000 lines (under the 1 MB size limit). */
export function writeTwoServices(dir, sitesEach) {
  const perFile = 10_000;
  rmSync(dir, { recursive: true, force: true });
  for (const name of ['alpha', 'beta']) {
    mkdirSync(join(dir, 'services', name), { recursive: true });
    writeFileSync(join(dir, 'services', name, 'package.json'), JSON.stringify({ name }) + '\n');
    for (let i = 0; i * perFile < sitesEach; i++) {
      writeFileSync(join(dir, 'services', name, `server-${i}.js`), 'const port = 3000;\n'.repeat(Math.min(perFile, sitesEach - i * perFile)));
    }
  }
}
