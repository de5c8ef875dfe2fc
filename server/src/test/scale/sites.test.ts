import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { MAX_RELATED } from '../../engine/checks/related';
import { writeFindingsJson } from '../../cli/format/json';
import { CLI_JS } from '../helpers/cli';
import { twoServicesOnOnePort, repeatedBinds } from '../helpers/generate';
import { heapUsedMb } from '../helpers/heap';
import { engineFor } from '../helpers/inMemoryWorkspace';
import { removeDir } from '../helpers/lspClient';

/** Cost grows with the sites, never with their square: one port written at thousands of places. */
describe('one port at thousands of sites', () => {
  it('20,000 sites in two services: one collision per site, each with a capped related list, in bounded heap', async () => {
    const baseline = heapUsedMb();
    const engine = await engineFor({
      'services/alpha/package.json': '{ "name": "alpha" }\n',
      'services/alpha/server.js': repeatedBinds(3000, 10_000),
      'services/beta/package.json': '{ "name": "beta" }\n',
      'services/beta/server.js': repeatedBinds(3000, 10_000),
    });
    const findings = engine.findings().filter((f) => f.rule === 'collision');
    assert.equal(findings.length, 20_000, 'every site says so, in its own file');
    assert.ok(findings.every((f) => f.related.length <= MAX_RELATED), `largest related list: ${Math.max(...findings.map((f) => f.related.length))}`);
    const first = findings[0];
    assert.deepEqual(first.related.map((r) => `${r.file}:${r.range.start.line + 1}`), [
      'services/beta/server.js:1',
      'services/beta/server.js:2',
      'services/beta/server.js:3',
      'services/beta/server.js:4',
    ]);
    assert.match(first.related[3].message, /and 9997 more sites of beta on 3000/);
    assert.match(first.message, /bound by alpha here and by beta \(services\/beta\/server\.js:1 and 9999 more\)/);
    let json = 0;
    writeFindingsJson({ write: (chunk) => (json += chunk.length) }, engine.findings(), []);
    assert.ok(json > 0);
    // Measured, not timed: what the engine and its findings hold once the run is over.
    const held = heapUsedMb() - baseline;
    assert.ok(held < 250, `the engine holds ${held.toFixed(0)} MB of heap after checking 20,000 sites`);
  });

  it('200,000 sites of one port: every site gets its collision, before and after an edit elsewhere, and no step spreads them into one call', async () => {
    const engine = await engineFor({
      'services/alpha/package.json': '{ "name": "alpha" }\n',
      'services/alpha/server.js': repeatedBinds(3000, 100_000),
      'services/beta/package.json': '{ "name": "beta" }\n',
      'services/beta/server.js': repeatedBinds(3000, 100_000),
      'services/gamma/package.json': '{ "name": "gamma" }\n',
      'services/gamma/server.js': repeatedBinds(4000, 1),
    });
    // More findings than a call's arguments may hold: a `push(...findings)` would overflow the stack here.
    assert.equal(engine.findings().filter((f) => f.rule === 'collision').length, 200_000);
    // A keystroke elsewhere patches the previous state, which carries every one of those sites along.
    assert.ok(engine.updateFile('services/gamma/server.js', 2, repeatedBinds(4001, 1)));
    assert.equal(engine.findings().filter((f) => f.rule === 'collision').length, 200_000);
    assert.ok(engine.topology().sites.some((s) => s.occ.port === 4001), 'the edit reached the topology');
  });

  it('50,000 binds of a planned service against its plan: a drift and an out-of-range at every site, in bounded heap', async () => {
    const baseline = heapUsedMb();
    const engine = await engineFor({
      'ports.yaml': 'version: 1\nranges:\n  - { name: Core, ports: 4100-4119 }\nservices:\n  alpha:\n    port: 4100\n',
      'services/alpha/package.json': '{ "name": "alpha" }\n',
      // A paste of one wrong port: the editor checks every line of it at each keystroke.
      'services/alpha/server.js': repeatedBinds(5000, 50_000),
    });
    const findings = engine.findingsIn('services/alpha/server.js');
    assert.equal(findings.filter((f) => f.rule === 'drift').length, 50_000);
    assert.equal(findings.filter((f) => f.rule === 'out-of-range').length, 50_000);
    const last = findings.at(-1)!;
    assert.equal(last.range.start.line, 49_999);
    assert.match(last.message, /alpha binds 5000, outside its range Core \(4100-4119\)/);
    assert.deepEqual(last.related.map((r) => r.message), ['range Core']);
    // Measured, not timed: each site's findings differ only in where they are, and say the rest once.
    const held = heapUsedMb() - baseline;
    assert.ok(held < 80, `the engine holds ${held.toFixed(0)} MB of heap after checking 50,000 binds against the plan`);
  });

  it('the CLI writes valid JSON for them, within a fixed heap', () => {
    const dir = twoServicesOnOnePort(3000, 10_000);
    try {
      // A hard heap limit: a report that grew as sites² would crash the process here.
      const res = spawnSync(process.execPath, ['--max-old-space-size=400', CLI_JS, 'check', dir, '--format', 'json', '--fail-on', 'never'], { encoding: 'utf8', maxBuffer: 512 * 2 ** 20, timeout: 120_000 });
      assert.equal(res.status, 0, res.stderr);
      const out = JSON.parse(res.stdout) as { findings: { rule: string; related: unknown[] }[] };
      const collisions = out.findings.filter((f) => f.rule === 'collision');
      assert.equal(collisions.length, 20_000);
      assert.ok(collisions.every((f) => f.related.length <= MAX_RELATED));
    } finally {
      removeDir(dir);
    }
  });

  it('SARIF and text stay linear too', () => {
    const dir = twoServicesOnOnePort(3000, 5_000);
    try {
      for (const format of ['sarif', 'text']) {
        const res = spawnSync(process.execPath, ['--max-old-space-size=300', CLI_JS, 'check', dir, '--format', format, '--fail-on', 'never'], { encoding: 'utf8', maxBuffer: 512 * 2 ** 20, timeout: 120_000 });
        assert.equal(res.status, 0, `${format}: ${res.stderr}`);
        if (format === 'sarif') {
          const results = (JSON.parse(res.stdout) as { runs: { results: { relatedLocations: unknown[] }[] }[] }).runs[0].results;
          assert.equal(results.length, 10_000);
          assert.ok(results.every((r) => r.relatedLocations.length <= MAX_RELATED));
        } else {
          assert.match(res.stdout, /^10000 findings \(0 errors, 10000 warnings, 0 info, 0 hints\) in 2 files; plan: none$/m);
        }
      }
    } finally {
      removeDir(dir);
    }
  });
});
