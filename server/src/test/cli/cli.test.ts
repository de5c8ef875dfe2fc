import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { REPO_ROOT } from '../helpers/lspClient';

const CLI = path.join(REPO_ROOT, 'server/out/cli.js');
const EXAMPLES = path.join(REPO_ROOT, 'examples/monorepo');

function run(...args: string[]) {
  const res = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 60000 });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

interface JsonFinding {
  rule: string;
  severity: string;
  port: number;
  services: string[];
  file: string;
  line: number;
  column: number;
  message: string;
  related: { file: string; line: number; column: number }[];
}

describe('port-schema CLI on examples/monorepo', () => {
  it('check --format json lists every kind of finding with 1-based positions', () => {
    const { code, stdout } = run('check', EXAMPLES, '--format', 'json', '--fail-on', 'never');
    assert.equal(code, 0);
    const out = JSON.parse(stdout) as { version: number; schemaFiles: string[]; findings: JsonFinding[] };
    assert.equal(out.version, 1);
    assert.deepEqual(out.schemaFiles, ['ports.yaml']);
    const rules = new Set(out.findings.map((f) => f.rule));
    for (const rule of ['collision', 'drift', 'unassigned', 'out-of-range', 'stale-reference', 'reserved']) assert.ok(rules.has(rule), `missing ${rule}`);
    const collision = out.findings.find((f) => f.rule === 'collision' && f.file === 'services/search/app/main.py');
    assert.ok(collision);
    assert.equal(collision.port, 4101);
    assert.deepEqual(collision.services, ['search', 'auth']);
    assert.ok(collision.related.some((r) => r.file === 'services/auth/src/server.ts'));
    const drift = out.findings.find((f) => f.rule === 'drift' && f.file === 'services/billing/main.go')!;
    assert.equal(drift.port, 4105);
    const line = readFileSync(path.join(EXAMPLES, drift.file), 'utf8').split('\n')[drift.line - 1] as string;
    assert.equal(line.slice(drift.column - 1, drift.column + 3), '4105', 'column points at the digits');
  });

  it('check exits 1 on findings at or above --fail-on, 0 below', () => {
    assert.equal(run('check', EXAMPLES, '--fail-on', 'warning').code, 1);
    assert.equal(run('check', EXAMPLES, '--fail-on', 'error').code, 0);
  });

  it('check --format sarif is SARIF 2.1.0 with the stable rule ids', () => {
    const sarif = JSON.parse(run('check', EXAMPLES, '--format', 'sarif', '--fail-on', 'never').stdout);
    assert.equal(sarif.version, '2.1.0');
    const results = sarif.runs[0].results as { ruleId: string; locations: { physicalLocation: { region: { startLine: number } } }[] }[];
    assert.ok(results.some((r) => r.ruleId === 'collision'));
    assert.ok(results.every((r) => r.locations[0].physicalLocation.region.startLine >= 1));
  });

  it('map --format json puts plan and reality side by side', () => {
    const map = JSON.parse(run('map', EXAMPLES, '--format', 'json').stdout) as {
      services: { name: string; planned: { port: number }[]; bound: { port: number; file: string; line: number }[] }[];
      ranges: { name: string; start: number; end: number; used: number; free: number }[];
    };
    const billing = map.services.find((s) => s.name === 'billing')!;
    assert.deepEqual(billing.planned.map((p) => p.port), [4102]);
    assert.deepEqual(billing.bound.map((b) => [b.port, b.file]), [[4105, 'services/billing/main.go']]);
    const notifier = map.services.find((s) => s.name === 'notifier')!;
    assert.deepEqual(notifier.planned, []);
    const core = map.ranges.find((r) => r.name === 'Core Services')!;
    assert.equal(core.start, 4100);
    assert.equal(core.used + core.free + 5, 20, 'used + free + 5 reserved = the 20 ports of the range');
  });

  it('next finds free ports, contiguous when asked', () => {
    assert.equal(run('next', EXAMPLES, '--range', 'Core Services').stdout.trim(), '4104');
    const three = run('next', EXAMPLES, '--range', 'core services', '--count', '3').stdout.trim().split('\n').map(Number);
    assert.equal(three.length, 3);
    assert.deepEqual(three, [three[0], three[0] + 1, three[0] + 2]);
    assert.equal(run('next', EXAMPLES, '--range', '7000-7002').stdout.trim(), '7000');
  });

  it('bad input gets a clear message and exit 2', () => {
    const unknown = run('next', EXAMPLES, '--range', 'Nope');
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /No range 'Nope' in the plan\. Known ranges: 'Core Services'/);
    const missing = run('check', path.join(EXAMPLES, 'does-not-exist'));
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /is not a folder/);
    const flag = run('check', EXAMPLES, '--formta', 'json');
    assert.equal(flag.code, 2);
    assert.match(flag.stderr, /unknown option --formta/);
  });
});
