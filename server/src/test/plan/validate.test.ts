import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadMarkdownPlan } from '../../engine/plan/markdownPlan';
import { loadEcosystemPlan } from '../../engine/plan/ecosystemPlan';
import { loadNativePlan } from '../../engine/plan/yamlPlan';
import { validatePlan, type ValidateOptions } from '../../engine/plan/validate';
import { fixture, textAt } from './fixtures';
import { joinLines } from '../helpers/extract';

/** `rule severity <text under the location>` for every finding of a yaml plan. */
function findings(yaml: string, options?: ValidateOptions): string[] {
  return validatePlan(loadNativePlan('ports.yaml', yaml), options).map((p) => `${p.rule} ${p.severity} ${textAt(yaml, p.location)}`);
}

const RANGES = joinLines(
  'ranges:',
  '  - { name: Core, ports: 3000-3009, reserved: [3006-3009] }',
  '  - { name: AI/ML Services, ports: 3020-3029, reserved: [3025-3029] }',
);

test('a clean plan has no findings', () => {
  assert.deepEqual(findings(joinLines(RANGES, 'services:', '  auth: { port: 3001, range: Core }', '  llm: { port: 3020 }')), []);
});

test('range-overlap: one finding at the later range, none for ranges on different hosts', () => {
  const overlapping = joinLines('ranges:', '  - { name: Web, ports: 5000-5059 }', '  - { name: Playground, ports: 5050-5059 }');
  assert.deepEqual(findings(overlapping), ['range-overlap warning { name: Playground, ports: 5050-5059 }']);
  const apart = joinLines('ranges:', '  - { name: Web, ports: 5000-5059, host: a }', '  - { name: Playground, ports: 5050-5059, host: b }');
  assert.deepEqual(findings(apart), []);
});

test('schema-duplicate: one finding at each entry on one host; other hosts are fine', () => {
  const same = joinLines('services:', '  image-gen: { port: 3026 }', '  video-gen: { port: 3026, host: mac-mini }');
  assert.deepEqual(findings(same), ['schema-duplicate error 3026', 'schema-duplicate error 3026']);
  const problems = validatePlan(loadNativePlan('ports.yaml', same));
  assert.deepEqual(problems[0].services, ['image-gen', 'video-gen']);
  assert.match(problems[0].message, /^image-gen 3026 is also planned for video-gen; /);
  const apart = joinLines('services:', '  image-gen: { port: 3026, host: gpu-box }', '  video-gen: { port: 3026, host: mac-mini }');
  assert.deepEqual(findings(apart), []);
  const labels = joinLines('services:', '  browser: { ports: { cdp: 5556, health: 5556 } }');
  assert.deepEqual(findings(labels), ['schema-duplicate error 5556', 'schema-duplicate error 5556']);
});

test('out-of-range: the mana seed lists postgres 5432 under 9000-9199', () => {
  const text = fixture('mana-PORT_SCHEMA.md');
  const problems = validatePlan(loadMarkdownPlan('docs/PORT_SCHEMA.md', text)).filter((p) => p.rule === 'out-of-range');
  assert.deepEqual(problems.map((p) => `${p.services?.[0]} ${p.port} line ${p.location.range.start.line + 1}`), ['landings 4400 line 97', 'postgres 5432 line 150', 'redis 6379 line 151']);
  assert.match(problems[1].message, /^postgres 5432 is listed under "Infrastructure & Exporters" \(9000-9199\) but lies outside it; /);
  assert.deepEqual(findings(joinLines(RANGES, 'services:', '  auth: { port: 3001, range: Core }')), []);
  assert.deepEqual(findings(joinLines(RANGES, 'services:', '  auth: { port: 3011, range: Core }')).slice(0, 1), ['out-of-range warning 3011']);
  assert.deepEqual(findings(joinLines(RANGES, 'services:', '  auth: { port: 3001, range: Kore }')), ['out-of-range warning 3001']);
});

test('reserved: a service in a reserved block, with the fix in the message', () => {
  const text = joinLines(RANGES, 'services:', '  mana-video-gen: { port: 3026 }', '  mana-llm: { port: 3024 }');
  const problems = validatePlan(loadNativePlan('ports.yaml', text));
  assert.deepEqual(problems.map((p) => `${p.rule} ${textAt(text, p.location)}`), ['reserved 3026']);
  assert.equal(problems[0].message, `mana-video-gen 3026 lies in reserved block 3025-3029 of AI/ML Services; pick a free port with 'port-schema next --range "AI/ML Services"'.`);
});

test('reserved: "Reserved for PortOS extensions" admits PortOS services only', () => {
  const text = joinLines('| Range | Purpose |', '|---|---|', '| 5561-5569 | Reserved for PortOS extensions |', '', '## Apps', '', '| Port | Process |', '|---|---|', '| 5561 | portos-db |', '| 5562 | my-app |');
  const problems = validatePlan(loadMarkdownPlan('PORTS.md', text)).filter((p) => p.rule === 'reserved');
  assert.deepEqual(problems.map((p) => p.services?.[0]), ['my-app']);
});

test('unplanned-range: info only when the plan has bounded ranges', () => {
  assert.deepEqual(findings(joinLines(RANGES, 'services:', '  worker: { port: 4100 }')), ['unplanned-range info 4100']);
  assert.deepEqual(findings(joinLines('services:', '  worker: { port: 4100 }')), []);
});

test('well-known: info for built-ins unless the owner matches; warning for rules.avoid', () => {
  const text = joinLines(
    'rules: { avoid: [4444] }',
    'services:',
    '  postgres: { port: 5432, host: db-box }',
    '  billing: { port: 5432, host: other }',
    '  web: { port: 8080, host: a }',
    '  grid: { port: 4444 }',
    '  api: { port: 4001 }',
  );
  assert.deepEqual(findings(text), ['well-known info 5432', 'well-known info 8080', 'well-known warning 4444']);
  const messages = validatePlan(loadNativePlan('ports.yaml', text)).map((p) => p.message);
  assert.match(messages[0], /^billing 5432 is the well-known port of postgres; /);
  assert.match(messages[2], /rules\.avoid/);
});

test('contiguous: gaps reported when the plan asks for contiguous blocks', () => {
  const gap = joinLines('services:', '  browser: { ports: { cdp: 5556, health: 5558 } }', '  server: { ports: { api: 5553, ui: 5554 } }');
  assert.deepEqual(findings(gap), []);
  assert.deepEqual(findings(joinLines('rules: { contiguous: true }', gap)), ['contiguous info 5558']);
  const portos = loadMarkdownPlan('PORTS.md', fixture('portos-PORTS.md'));
  const problems = validatePlan(portos).filter((p) => p.rule === 'contiguous');
  assert.deepEqual(problems.map((p) => `${p.services?.[0]} ${p.port}`), ['portos-server 5555']);
  assert.match(problems[0].message, /portos-server ports 5553, 5555 are not one contiguous block \(5554 between them\)/);
});

test('pairing: rules.pairs by name, and the Markdown "Corresponds to Server" column', () => {
  const pairs = joinLines(
    'rules: { pairs: [{ from: 3030-3059, to: 5010-5049, match: last-two-digits }] }',
    'services:',
    '  chat-server: { port: 3030 }',
    '  chat-web: { port: 5010 }',
    '  todo-server: { port: 3031 }',
    '  todo-web: { port: 5031 }',
  );
  assert.deepEqual(findings(pairs), ['pairing hint 5010']);
  assert.match(validatePlan(loadNativePlan('ports.yaml', pairs))[0].message, /^chat-web 5010 pairs with chat-server 3030 but their last two digits differ \(10 vs 30\); use 5030\.$/);
  const mana = validatePlan(loadMarkdownPlan('docs/PORT_SCHEMA.md', fixture('mana-PORT_SCHEMA.md'))).filter((p) => p.rule === 'pairing');
  assert.equal(mana[0].services?.[0], 'chat-web');
  assert.match(mana[0].message, /chat-web 5010 pairs with chat-server 3030 .* \(10 vs 30\); pick ports whose last two digits match/);
  assert.ok(!mana.some((p) => p.services?.[0] === 'clock-web' || p.services?.[0] === 'mana-web'), 'local-first rows have no partner');
});

test('range-full: above 80 % of a range used; reserved headroom does not count', () => {
  const full = joinLines('ranges:', '  - { name: Tiny, ports: 7000-7004 }', 'services:', '  a: { port: 7000 }', '  b: { port: 7001 }', '  c: { port: 7002 }', '  d: { port: 7003, range: Tiny }', '  e: { port: 7004 }');
  assert.deepEqual(findings(full), ['range-full info { name: Tiny, ports: 7000-7004 }']);
  const four = joinLines('ranges:', '  - { name: Tiny, ports: 7000-7004, reserved: [7004] }', 'services:', '  a: { port: 7000 }', '  b: { port: 7001 }', '  c: { port: 7002 }', '  d: { port: 7003 }');
  assert.deepEqual(findings(four), []);
});

test('severity overrides and off', () => {
  const text = joinLines(RANGES, 'services:', '  worker: { port: 4100 }', '  gen: { port: 3026 }');
  assert.deepEqual(findings(text, { severities: { 'unplanned-range': 'off', reserved: 'error' } }), ['reserved error 3026']);
});

test('PM2 plans: contiguous is on by PortOS convention', () => {
  const text = fixture('ecosystem.config.cjs');
  const problems = validatePlan(loadEcosystemPlan('ecosystem.config.cjs', text));
  assert.deepEqual(problems.map((p) => `${p.rule} ${p.services?.[0]}`), []);
  const gap = text.replace('CDP: 5556', 'CDP: 5566');
  assert.deepEqual(validatePlan(loadEcosystemPlan('ecosystem.config.cjs', gap)).map((p) => `${p.rule} ${p.services?.[0]} ${p.port}`), ['contiguous portos-browser 5566']);
});
