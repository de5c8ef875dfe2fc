import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadNativePlan } from '../../engine/plan/yamlPlan';
import { fixture, textAt } from './fixtures';
import { joinLines } from '../helpers/extract';

test('the design doc sample loads: hosts, rules, ranges with reserved blocks, services', () => {
  const text = fixture('ports.yaml');
  const plan = loadNativePlan('ports.yaml', text);
  assert.deepEqual(plan.problems, []);
  assert.equal(plan.format, 'yaml');
  assert.deepEqual(plan.hosts.map((h) => `${h.name} ${h.address ?? '-'}`), ['mac-mini -', 'gpu-box 192.168.178.11']);
  assert.deepEqual(plan.rules, { avoid: [3000, 8080], contiguous: true, pairs: [{ from: { start: 3030, end: 3059 }, to: { start: 5010, end: 5049 }, match: 'last-two-digits' }] });
  assert.deepEqual(
    plan.ranges.map((r) => `${r.name} ${r.start}-${r.end} [${r.reserved.map((b) => `${b.start}-${b.end}`)}]`),
    ['Core Platform Services 3000-3009 [3006-3009]', 'AI/ML Services 3020-3029 [3025-3029]'],
  );
  const [auth, llm, browser] = plan.services;
  assert.deepEqual([auth.name, auth.runtime, auth.description, auth.host], ['mana-auth', 'Hono/Bun', 'Authentication, JWT, sessions', 'mac-mini']);
  assert.deepEqual(auth.ports[0].location.range, { start: { line: 14, character: 10 }, end: { line: 14, character: 14 } });
  assert.equal(textAt(text, auth.ports[0].entryLocation), 'port: 3001');
  assert.deepEqual(llm.paths, ['services/mana-llm/**']);
  assert.deepEqual(browser.ports.map((p) => `${p.label}:${p.port}=${textAt(text, p.location)}`), ['cdp:5556=5556', 'health:5557=5557']);
  assert.equal(textAt(text, browser.ports[0].entryLocation), 'cdp: 5556');
  assert.match(textAt(text, browser.location), /^portos-browser:\n {4}ports: \{ cdp: 5556, health: 5557 \}$/);
});

test('JSONC plan: same model, comments and trailing commas allowed, quoted ports located on the digits', () => {
  const text = fixture('ports.jsonc');
  const plan = loadNativePlan('ports.jsonc', text);
  assert.deepEqual(plan.problems, []);
  assert.equal(plan.format, 'json');
  assert.deepEqual(plan.services.map((s) => `${s.name} ${s.ports.map((p) => `${p.label ?? ''}:${p.port}`)}`), ['mana-auth :3001', 'portos-browser cdp:5556,health:5557']);
  assert.equal(textAt(text, plan.services[0].ports[0].location), '3001');
  assert.equal(textAt(text, plan.services[0].ports[0].entryLocation), '"port": 3001');
  assert.equal(plan.ranges[0].reserved[0].start, 3006);
  const quoted = loadNativePlan('ports.json', '{ "services": { "web": { "port": "8081" } } }');
  assert.equal(textAt('{ "services": { "web": { "port": "8081" } } }', quoted.services[0].ports[0].location), '8081');
});

test('wrong values are invalid-port problems on the value; the rest of the plan still loads', () => {
  const text = joinLines(
    'services:',
    '  a: { port: "abc" }',
    '  b: { port: 0 }',
    '  c: { port: 70000 }',
    '  d: { port: 3.5 }',
    '  e: { port: 0x0BB8 }',
    '  f: 4000',
    'ranges:',
    '  - { name: Bad, ports: 3009-3000 }',
  );
  const plan = loadNativePlan('ports.yml', text);
  assert.deepEqual(plan.problems.map((p) => `${p.rule} ${p.severity} ${textAt(text, p.location)}`), [
    'invalid-port error "abc"',
    'invalid-port error 0',
    'invalid-port error 70000',
    'invalid-port error 3.5',
    'invalid-port error 0x0BB8',
    'invalid-port error 3009-3000',
  ]);
  assert.match(plan.problems[2].message, /^ports\.yml gives c the port 70000, which is not a port: write a whole number from 1 to 65535\.$/);
  assert.deepEqual(plan.services.map((s) => `${s.name}:${s.ports.map((p) => p.port)}`), ['a:', 'b:', 'c:', 'd:', 'e:', 'f:4000']);
});

test('malformed YAML: a schema-parse error naming the file, at the error', () => {
  const text = joinLines('services:', '  web:', '    port: 3000', '   bad: [1, 2', 'ranges: []');
  const plan = loadNativePlan('config/ports.yaml', text);
  assert.ok(plan.problems.length >= 1);
  const [first] = plan.problems;
  assert.equal(first.rule, 'schema-parse');
  assert.equal(first.severity, 'error');
  assert.match(first.message, /^config\/ports\.yaml is not valid YAML: /);
  assert.ok(first.location.range.start.line >= 3, `error placed at line ${first.location.range.start.line}`);
  assert.deepEqual(plan.services, []);
});

test('malformed JSON: a positioned schema-parse error that says what is missing', () => {
  const text = joinLines('{', '  "services": {', '    "web": { "port": 3000 }', '    "api": { "port": 3001 }', '  }', '}');
  const plan = loadNativePlan('ports.json', text);
  assert.equal(plan.problems[0].rule, 'schema-parse');
  assert.match(plan.problems[0].message, /^ports\.json is not valid JSON: a comma is missing\.$/);
  assert.deepEqual(plan.problems[0].location.range.start, { line: 3, character: 4 });
});

test('alias bombs and huge files are refused, not expanded', () => {
  const bomb = joinLines(
    'a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1]',
    'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]',
    'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]',
    'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]',
    'e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]',
    'f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]',
    'services: { web: 8081 }',
  );
  const started = Date.now();
  const plan = loadNativePlan('ports.yaml', bomb);
  assert.ok(Date.now() - started < 1000);
  assert.equal(plan.services[0]?.ports[0].port, 8081);
  const huge = loadNativePlan('ports.yaml', `# ${'x'.repeat(600_000)}\n`);
  assert.equal(huge.problems[0].rule, 'schema-parse');
  assert.match(huge.problems[0].message, /600003 characters long/);
});

test('a list where a mapping belongs is a schema-parse problem on that value', () => {
  const text = joinLines('services:', '  - web', '  - api');
  const plan = loadNativePlan('ports.yaml', text);
  assert.deepEqual(plan.problems.map((p) => `${p.rule} ${textAt(text, p.location)}`), ['schema-parse - web\n  - api']);
  assert.match(plan.problems[0].message, /`services` written as a list; expected a mapping/);
});
