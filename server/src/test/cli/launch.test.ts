import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { runCli } from '../helpers/cli';
import { REPO_ROOT } from '../helpers/lspClient';

/** The `port-schema` launcher and the code cache the build leaves beside the CLI bundle. */

const OUT = path.join(REPO_ROOT, 'server/out');
const BUNDLE_FILES = ['cli.js', 'cliMain.js', 'cliMain.js.codecache', 'extractWorker.js'];
const EXAMPLE = path.join(REPO_ROOT, 'examples/monorepo');
const VERSION_LINE = 'var VERSION = "0.1.0";';

/** A copy of the built CLI whose bundle `edit` may change; the code cache is copied as the build made it. */
function copiedCli(edit: (bundle: string) => string = (bundle) => bundle): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'port-schema-launch-'));
  for (const file of BUNDLE_FILES) copyFileSync(path.join(OUT, file), path.join(dir, file));
  const bundle = path.join(dir, 'cliMain.js');
  writeFileSync(bundle, edit(readFileSync(bundle, 'utf8')));
  return dir;
}

const run = (dir: string, ...args: string[]) => spawnSync(process.execPath, [path.join(dir, 'cli.js'), ...args], { encoding: 'utf8', timeout: 60000 });

describe('the CLI launcher', () => {
  const made: string[] = [];
  after(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('finds beside it a code cache the build made for exactly this bundle', () => {
    const cache = readFileSync(path.join(OUT, 'cliMain.js.codecache'));
    const digest = createHash('sha256').update(readFileSync(path.join(OUT, 'cliMain.js'))).digest('hex');
    assert.equal(cache.toString('latin1', 0, cache.indexOf(10)), digest);
    assert.ok(cache.length > 100_000, `the cache holds compiled code, not only its header (${cache.length} bytes)`);
  });

  it('does not use the cache of another bundle, even one of the same length that V8 would take', () => {
    // The same length is what V8 checks of a source; the launcher's digest is what tells the two apart.
    const dir = copiedCli((bundle) => {
      assert.ok(bundle.includes(VERSION_LINE), 'the bundle declares its version as the test expects');
      return bundle.replace(VERSION_LINE, VERSION_LINE.replace('0.1.0', '9.1.0'));
    });
    made.push(dir);
    const res = run(dir, '--version');
    assert.equal(res.stderr, '');
    assert.equal(res.stdout.trim(), '9.1.0');
  });

  it('reports the same with the cache, with a corrupt one and without one', () => {
    const expected = runCli('check', EXAMPLE, '--format', 'json', '--no-cache', '--fail-on', 'never');
    assert.equal(expected.code, 0, expected.stderr);
    const corrupt = copiedCli();
    const missing = copiedCli();
    made.push(corrupt, missing);
    const cacheOf = (dir: string) => path.join(dir, 'cliMain.js.codecache');
    const built = readFileSync(cacheOf(corrupt));
    const header = built.subarray(0, built.indexOf(10) + 1);
    writeFileSync(cacheOf(corrupt), Buffer.concat([header, Buffer.alloc(4096, 7)]));
    rmSync(cacheOf(missing));
    for (const dir of [corrupt, missing]) {
      const res = run(dir, 'check', EXAMPLE, '--format', 'json', '--no-cache', '--fail-on', 'never');
      assert.deepEqual({ code: res.status, stderr: res.stderr }, { code: 0, stderr: '' });
      assert.equal(res.stdout, expected.stdout.replaceAll(OUT, dir));
    }
  });
});
