import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { runCli } from '../helpers/cli';
import { REPO_ROOT } from '../helpers/lspClient';

/**
 * The built CLI on fixtures of what real repositories hold (server/testFixtures/reading/*), against
 * each fixture's EXPECTED.md: what fixtureExpectations.test.ts does not cover (text output, the map, flags).
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
  it('with dot-git renamed to .git, .git/info/exclude drops scratch/: no finding, no lockfile among the files', () => {
    const dir = copyFixture('lockfiles');
    renameSync(path.join(dir, 'dot-git'), path.join(dir, '.git'));
    // The findings in place and with .git are checked against EXPECTED.md by fixtureExpectations.test.ts.
    assert.deepEqual(mapServices(dir), ['api', 'web']);
  });
});

describe('CLI on reading/unparseable-yaml', () => {
  it('text output says what was not read, and the map has every service of the rejected files', () => {
    const dir = copyFixture('unparseable-yaml');
    const { stdout } = runCli('check', dir, '--fail-on', 'never');
    assert.match(stdout, /^backup-stack\/docker-compose\.yml:7:74 {2}info {5}parse-error {7}Not valid YAML here \(missing closing 'quote\); other parsers may accept it\. Port Schema read this Compose file without lines 5-8: ports there are not counted\.$/m);
    assert.match(stdout, /^13 findings \(8 errors, 2 warnings, 3 info, 0 hints\) in 5 files; plan: none$/m);
    assert.deepEqual(mapServices(dir), ['adminer', 'api-blue', 'api-green', 'db', 'ipmi-exporter', 'node-exporter', 'prometheus', 'search', 'status', 'thanos-query', 'web', 'wiki']);
  });

  it('--verbose says once per chart and per template folder that templates are not read', () => {
    const { stderr } = runCli('check', copyFixture('unparseable-yaml'), '--verbose', '--fail-on', 'never');
    const templates = stderr.split('\n').filter((l) => /not YAML until rendered/.test(l));
    assert.deepEqual(templates, [
      '[info] ansible/roles/app: Jinja templates are not YAML until rendered, so ansible/roles/app/templates/docker-compose.yml and any other there are not read',
      '[info] charts/gateway: Helm chart templates are not YAML until rendered, so charts/gateway/templates/ is not read',
    ]);
  });

  it('--ignore-parse-errors silences the files it matches; their ports still count', () => {
    const dir = copyFixture('unparseable-yaml');
    const { code, stdout, stderr } = runCli('check', dir, '--format', 'json', '--fail-on', 'never', '--min-severity', 'hint', '--ignore-parse-errors', 'backup-stack/**,k8s/*.yaml');
    assert.equal(code, 0, stderr);
    const findings = (JSON.parse(stdout) as { findings: { rule: string; file: string }[] }).findings;
    assert.deepEqual(findings.filter((f) => f.rule === 'parse-error').map((f) => f.file), ['wiki-stack/docker-compose.yml']);
    assert.equal(findings.filter((f) => f.rule === 'collision').length, 10);
    assert.match(runCli('check', dir, '--rule', 'parse-error=off').stdout, /^10 findings/m);
  });
});
