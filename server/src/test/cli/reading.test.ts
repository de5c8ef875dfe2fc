import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { checkFindings, runCli } from '../helpers/cli';
import { REPO_ROOT } from '../helpers/lspClient';

/**
 * The built CLI on fixtures of what real repositories hold (server/testFixtures/reading/*), against
 * each fixture's EXPECTED.md. Lines are `rule severity file:line:column port services`, 1-based.
 */

const READING = path.join(REPO_ROOT, 'server/testFixtures/reading');
const temporary: string[] = [];
after(() => temporary.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A fixture copied to a temp folder, so a test may rename or add files. */
function copyFixture(name: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), `port-schema-${name}-`));
  temporary.push(dir);
  cpSync(path.join(READING, name), dir, { recursive: true });
  return dir;
}

/** Service names of `map --format json`. */
function mapServices(dir: string): string[] {
  const { code, stdout, stderr } = runCli('map', dir, '--format', 'json');
  assert.equal(code, 0, stderr);
  return (JSON.parse(stdout) as { services: { name: string }[] }).services.map((s) => s.name).sort();
}

describe('CLI on reading/lockfiles', () => {
  it('in place: lockfiles are not read; scratch/ is an ordinary Compose project', () => {
    assert.deepEqual(checkFindings(path.join(READING, 'lockfiles')).lines, [
      'collision error scratch/docker-compose.yml:6:10 4850 try-a,try-b',
      'unassigned info scratch/docker-compose.yml:6:10 4850 try-a',
      'collision error scratch/docker-compose.yml:10:10 4850 try-b,try-a',
      'unassigned info scratch/docker-compose.yml:10:10 4850 try-b',
    ]);
  });

  it('with dot-git renamed to .git, .git/info/exclude drops scratch/: no finding, no lockfile among the files', () => {
    const dir = copyFixture('lockfiles');
    renameSync(path.join(dir, 'dot-git'), path.join(dir, '.git'));
    assert.deepEqual(checkFindings(dir).lines, []);
    assert.deepEqual(mapServices(dir), ['api', 'web']);
  });
});
