import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultExtractors } from '../../engine/extract/extractors';
import type { Extractor } from '../../engine/extract/extractor';
import type { WorkspaceEngine } from '../../engine/portEngine';
import { engineFor, summaries, type Files } from '../helpers/inMemoryWorkspace';
import { joinLines } from '../helpers/extract';

const PLAN = joinLines('version: 1', 'ranges:', '  - { name: Core Services, ports: 4100-4119 }', 'services:', '  billing:', '    port: 4102', '');
const BILLING: Files = {
  'services/billing/go.mod': 'module example.com/billing\n',
  'services/billing/main.go': joinLines('package main', '', 'import "net/http"', '', 'func main() {', '\thttp.ListenAndServe(":4105", nil)', '}', ''),
};

describe('a malformed plan', () => {
  it('keeps the last good plan and reports schema-parse on the plan file; the fix clears it', async () => {
    const engine = await engineFor({ 'ports.yaml': PLAN, ...BILLING });
    assert.deepEqual(summaries(engine.findings()), ['drift warning services/billing/main.go:6 4105 billing']);

    engine.updateFile('ports.yaml', 2, PLAN.replace('services:\n', 'services: [\n'));
    const parse = engine.findings().filter((f) => f.rule === 'schema-parse');
    assert.ok(parse.length >= 1, summaries(engine.findings()).join('\n'));
    assert.ok(parse.every((f) => f.file === 'ports.yaml' && f.severity === 'error'), summaries(parse).join('\n'));
    assert.deepEqual(summaries(engine.findings(), 'drift'), ['drift warning services/billing/main.go:6 4105 billing'], 'still checked against the last good plan');
    assert.equal(engine.topology().plan?.services[0]?.name, 'billing');

    engine.updateFile('ports.yaml', 3, PLAN.replace('port: 4102', 'port: 4105'));
    assert.deepEqual(summaries(engine.findings()), []);
  });

  it('a plan that never parsed gives schema-parse and no plan checks, without throwing', async () => {
    const engine = await engineFor({ 'ports.yaml': 'version: 1\nservices:\n  billing: { port: 4102\n', ...BILLING });
    assert.ok(engine.findings().some((f) => f.rule === 'schema-parse' && f.file === 'ports.yaml'));
    assert.deepEqual(summaries(engine.findings(), 'drift', 'unassigned'), []);
  });
});

/** Every public entry point must answer, not throw, on any file content. */
async function assertSurvives(files: Files, extractors?: readonly Extractor[]): Promise<WorkspaceEngine> {
  const started = Date.now();
  const engine = await engineFor(files, {}, extractors);
  assert.ok(Array.isArray(engine.findings()));
  for (const path of Object.keys(files)) engine.hover(path, { line: 0, character: 0 }, (p) => p);
  assert.ok(Date.now() - started < 5000, `took ${Date.now() - started} ms`);
  return engine;
}

/** "Billion laughs": 9^7 strings if every alias were expanded. */
const bomb = joinLines(
  'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]',
  'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]',
  'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]',
  'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]',
  'e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]',
  'f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]',
  'g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]',
  'services:',
  '  web:',
  '    image: nginx',
  '    ports: *g',
  '',
);

describe('hostile files give no exception to the caller', () => {
  it('an extractor that throws is skipped; the others still read the file', async () => {
    const throwing: Extractor = {
      id: 'throws',
      matches: (p) => p.endsWith('.go'),
      extract() {
        throw new RangeError('boom');
      },
    };
    const engine = await assertSurvives({ 'ports.yaml': PLAN, ...BILLING }, [throwing, ...defaultExtractors]);
    assert.deepEqual(summaries(engine.findings()), ['drift warning services/billing/main.go:6 4105 billing']);
  });

  it('binary-ish garbage with NULs and lone surrogates: the readers go on past it', async () => {
    let garbage = '';
    for (let i = 0; i < 20000; i++) garbage += String.fromCharCode((i * 7919) % 0xffff) + (i % 80 === 79 ? '\n' : '');
    const garbageLines = garbage.split('\n').length;
    const engine = await assertSurvives({
      'ports.yaml': PLAN,
      'services/blob/index.js': `${garbage}\napp.listen(4100);\n`,
      'services/blob/compose.yaml': garbage,
      'docs/PORTS.md': `| Port | Service |\n|---|---|\n${garbage}\n`,
      '.env': `PORT=${garbage}\nBLOB_PORT=4101\n`,
    });
    assert.deepEqual(engine.topology().plan?.services.map((s) => s.name), ['billing'], 'the plan still loads');
    const found = [...engine.topology().occurrencesByFile].flatMap(([file, occs]) => occs.map((o) => `${file}:${o.range.start.line + 1} ${o.kind} ${o.port}`));
    // Only the two lines planted after the garbage: nothing made up from it, nothing after it lost.
    assert.deepEqual(found.sort(), [`.env:${garbageLines + 1} reference 4101`, `services/blob/index.js:${garbageLines + 1} bind 4100`]);
  });

  it('a 50,000-character line', async () => {
    const long = 'x'.repeat(25000) + ' listen(4100) ' + '9'.repeat(25000);
    const engine = await assertSurvives({ 'ports.yaml': PLAN, 'services/min/bundle.js': `app.listen(${'('.repeat(50000)}\n${long}\n`, 'main.py': `x = "${'a'.repeat(50000)}"\nport = 4110\n` });
    // A line that long marks a generated file: its `listen(4100)` is no listener, and nothing throws or hangs.
    assert.deepEqual(engine.topology().sites.map((l) => l.occ.file), []);
    assert.deepEqual(summaries(engine.findings()), []);
  });

  it('deeply nested YAML in a Compose file and in the plan', async () => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const nestedMap = Array.from({ length: 3000 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n') + ' 4100\n';
    const engine = await assertSurvives({ 'ports.yaml': `services: ${deep}\n`, 'compose.yaml': `services:\n  web:\n    ports: ${deep}\n`, 'k8s/deploy.yaml': nestedMap });
    assert.ok(engine.findings().some((f) => f.rule === 'schema-parse' && f.file === 'ports.yaml'), summaries(engine.findings()).join('\n'));
  });

  it('a YAML alias bomb ("billion laughs") in a Compose file and in the plan', async () => {
    const engine = await assertSurvives({ 'ports.yaml': bomb, 'compose.yaml': bomb, ...BILLING });
    // The plan is refused with a reason, not half-read: no services, one positioned problem.
    assert.deepEqual(engine.topology().plan?.services.map((s) => s.name), []);
    assert.match(engine.findings().filter((f) => f.rule === 'schema-parse').map((p) => p.message).join('\n'), /ports\.yaml uses more than \d+ aliases/);
  });

  it('an alias where a plan port belongs still reads: x: &p 4100 … port: *p', async () => {
    const engine = await engineFor({ 'ports.yaml': 'version: 1\nx: &p 4100\nservices:\n  web:\n    port: *p\n' });
    assert.deepEqual(engine.topology().plan?.services.map((s) => [s.name, s.ports.map((p) => p.port)]), [['web', [4100]]]);
  });

  it('a plan whose alias budget runs out says so on the plan file instead of dropping entries silently', async () => {
    const engine = await engineFor({ 'ports.yaml': bomb, ...BILLING });
    const problems = engine.findings().filter((f) => f.file === 'ports.yaml');
    assert.ok(problems.some((f) => f.rule === 'schema-parse' && /alias/i.test(f.message)), summaries(engine.findings()).join('\n'));
  });
});

describe('an empty plan', () => {
  it('is reported on the file instead of passing for a plan with nothing to say', async () => {
    const engine = await engineFor({ 'ports.yaml': '\n', 'services/api/index.js': 'app.listen(4100);\n' });
    assert.deepEqual(summaries(engine.findings(), 'schema-parse'), ['schema-parse warning ports.yaml:1 0 ']);
    assert.match(engine.findings()[0].message, /ports\.yaml is empty: it plans no service/);
  });
});
