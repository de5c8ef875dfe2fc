// Runs every compiled test file with Node's own test runner (no extra framework needed).
// Usage: node scripts/run-tests.mjs [filter]   (filter: substring of the test file path)
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const root = 'server/build/test';
const sources = 'server/src/test';
const filter = process.argv[2];
const files = [];
(function walk(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    // A compiled test whose source was moved or deleted is a stale leftover of an earlier build.
    else if (name.endsWith('.test.js') && existsSync(join(sources, p.slice(root.length + 1).replace(/\.js$/, '.ts'))) && (!filter || p.includes(filter))) files.push(p);
  }
})(root);
files.sort();
if (files.length === 0) {
  console.error(`no test files under ${root}${filter ? ` matching ${filter}` : ''}`);
  process.exit(1);
}
const res = spawnSync(process.execPath, ['--test', '--test-reporter=spec', ...files], { stdio: 'inherit' });
process.exit(res.status ?? 1);
