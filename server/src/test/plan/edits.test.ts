import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadPlan } from '../../engine/plan/select';
import { addServiceToPlan, setPlannedPort } from '../../engine/plan/edits';
import { applyEdits, fixture } from './fixtures';
import { joinLines } from '../helpers/extract';

function loaded(path: string, text: string) {
  return { plan: loadPlan([{ path, text }]), texts: new Map([[path, text]]) };
}

test('Markdown: a port cell of a compact table is rewritten alone', () => {
  const text = fixture('mana-PORT_SCHEMA.md');
  const { plan, texts } = loaded('docs/PORT_SCHEMA.md', text);
  const edits = setPlannedPort(plan, texts, 'mana-auth', undefined, 3007);
  assert.deepEqual(edits, [{ path: 'docs/PORT_SCHEMA.md', range: { start: { line: 37, character: 2 }, end: { line: 37, character: 6 } }, newText: '3007' }]);
  const after = applyEdits(text, edits);
  assert.equal(after.split('\n')[37], '| 3007 | mana-auth | Hono/Bun | Authentication, JWT, sessions |');
  assert.equal(after.replace('| 3007 |', '| 3001 |'), text);
});

const ALIGNED = joinLines(
  '## 8000-8099: Monitoring',
  '',
  '| Port | Service   | Description        |',
  '| ---- | --------- | ------------------ |',
  '| 8000 | grafana   | Metrics dashboards |',
  '| 80   | umami     | Web analytics      |',
  '',
  'Prose after the table.',
);

test('Markdown: an aligned table stays aligned when a port grows its column', () => {
  const { plan, texts } = loaded('PORTS.md', ALIGNED);
  assert.equal(applyEdits(ALIGNED, setPlannedPort(plan, texts, 'umami', undefined, 8010)), ALIGNED.replace('| 80   |', '| 8010 |'));
  const grown = applyEdits(ALIGNED, setPlannedPort(plan, texts, 'umami', undefined, 18010));
  assert.equal(grown, joinLines(
    '## 8000-8099: Monitoring',
    '',
    '| Port  | Service   | Description        |',
    '| ----- | --------- | ------------------ |',
    '| 8000  | grafana   | Metrics dashboards |',
    '| 18010 | umami     | Web analytics      |',
    '',
    'Prose after the table.',
  ));
});

test('Markdown: a new service row goes into its range\'s table in port order', () => {
  const text = fixture('mana-PORT_SCHEMA.md');
  const { plan, texts } = loaded('docs/PORT_SCHEMA.md', text);
  const after = applyEdits(text, addServiceToPlan(plan, texts, 'mana-events', 3017, { rangeName: 'Core Infrastructure Services' })).split('\n');
  assert.deepEqual(after.slice(54, 57), ['| 3016 | mana-api-gateway | Go | API keys, rate limiting, usage tracking |', '| 3017 | mana-events | | |', '| 3017-3019 | *(reserved)* | | |']);
  const byPort = applyEdits(text, addServiceToPlan(plan, texts, 'node-exporter-2', 9101)).split('\n');
  assert.equal(byPort.indexOf('| 9101 | node-exporter-2 | |'), byPort.indexOf('| 9100 | node-exporter | Host metrics |') + 1);
});

test('Markdown: a labelled port goes into the Label column (PortOS) or the name suffix', () => {
  const text = fixture('portos-PORTS.md');
  const { plan, texts } = loaded('docs/PORTS.md', text);
  const after = applyEdits(text, addServiceToPlan(plan, texts, 'portos-cos', 5562, { label: 'ws' })).split('\n');
  assert.equal(after[34], '| 5562 | portos-cos | ws | |');
  const reloaded = loadPlan([{ path: 'docs/PORTS.md', text: after.join('\n') }]);
  assert.deepEqual(reloaded.services.find((s) => s.name === 'portos-cos')!.ports.map((p) => `${p.label}:${p.port}`), ['api:5558', 'ws:5562']);
  const aligned = loaded('PORTS.md', ALIGNED);
  const added = applyEdits(ALIGNED, addServiceToPlan(aligned.plan, aligned.texts, 'glitchtip', 8020, { label: 'web' }));
  assert.equal(added.split('\n')[6], '| 8020 | glitchtip (web) |                    |');
});

test('Markdown: an aligned table re-pads every row when a new row is wider', () => {
  const { plan, texts } = loaded('PORTS.md', ALIGNED);
  const after = applyEdits(ALIGNED, addServiceToPlan(plan, texts, 'victoriametrics', 8090));
  assert.equal(after, joinLines(
    '## 8000-8099: Monitoring',
    '',
    '| Port | Service         | Description        |',
    '| ---- | --------------- | ------------------ |',
    '| 8000 | grafana         | Metrics dashboards |',
    '| 80   | umami           | Web analytics      |',
    '| 8090 | victoriametrics |                    |',
    '',
    'Prose after the table.',
  ));
});

test('YAML: the port digits change, comments and layout stay', () => {
  const text = fixture('ports.yaml');
  const { plan, texts } = loaded('ports.yaml', text);
  assert.equal(applyEdits(text, setPlannedPort(plan, texts, 'portos-browser', 'health', 5558)), text.replace('health: 5557', 'health: 5558'));
  assert.equal(applyEdits(text, setPlannedPort(plan, texts, 'mana-llm', undefined, 3021)), text.replace('port: 3020', 'port: 3021'));
  assert.deepEqual(setPlannedPort(plan, texts, 'nobody', undefined, 3021), []);
  const stale = new Map([['ports.yaml', text.replace('port: 3020', 'port: 3029')]]);
  assert.deepEqual(setPlannedPort(plan, stale, 'mana-llm', undefined, 3021), [], 'a stale index edits nothing');
});

test('YAML: a new service is appended under services:, indented like its siblings, comments kept', () => {
  const text = fixture('ports.yaml');
  const { plan, texts } = loaded('ports.yaml', text);
  const after = applyEdits(text, addServiceToPlan(plan, texts, 'mana-tts', 3022, { label: 'api', rangeName: 'AI/ML Services' }));
  assert.equal(after, `${text}  mana-tts:\n    ports: { api: 3022 }\n    range: AI/ML Services\n`);
  const reloaded = loadPlan([{ path: 'ports.yaml', text: after }]);
  assert.deepEqual(reloaded.problems, []);
  assert.deepEqual(reloaded.services.map((s) => s.name), ['mana-auth', 'mana-llm', 'portos-browser', 'mana-tts']);
  assert.deepEqual(addServiceToPlan(plan, texts, 'mana-auth', 3009), [], 'an existing service is changed with setPlannedPort');
});

test('YAML: a service goes before whatever follows the services block, and a plan without services gets one', () => {
  const text = joinLines('services:', '    web:', '        port: 8081  # public', '', '# ranges come later', 'ranges: []', '');
  const { plan, texts } = loaded('ports.yaml', text);
  const after = applyEdits(text, addServiceToPlan(plan, texts, 'api', 8082));
  assert.equal(after, joinLines('services:', '    web:', '        port: 8081  # public', '    api:', '        port: 8082', '', '# ranges come later', 'ranges: []', ''));
  const bare = loaded('ports.yaml', 'version: 1  # plan');
  assert.equal(applyEdits('version: 1  # plan', addServiceToPlan(bare.plan, bare.texts, 'web', 8081)), 'version: 1  # plan\nservices:\n  web:\n    port: 8081\n');
});

test('JSON: a service is inserted with the file\'s indentation; comments kept', () => {
  const text = fixture('ports.jsonc');
  const { plan, texts } = loaded('ports.jsonc', text);
  const after = applyEdits(text, addServiceToPlan(plan, texts, 'mana-llm', 3020));
  assert.match(after, /\/\/ The same plan as ports\.yaml/);
  assert.match(after, /"mana-llm": \{\n {6}"port": 3020\n {4}\}/);
  const reloaded = loadPlan([{ path: 'ports.jsonc', text: after }]);
  assert.deepEqual(reloaded.problems, []);
  assert.equal(reloaded.services.find((s) => s.name === 'mana-llm')?.ports[0].port, 3020);
  assert.equal(applyEdits(text, setPlannedPort(plan, texts, 'portos-browser', 'cdp', 5555)), text.replace('"cdp": 5556', '"cdp": 5555'));
});

test('PM2: the PORTS entry (or the literal) changes; nothing is added to code', () => {
  const text = fixture('ecosystem.config.cjs');
  const { plan, texts } = loaded('ecosystem.config.cjs', text);
  assert.equal(applyEdits(text, setPlannedPort(plan, texts, 'portos-server', 'api', 5565)), text.replace('API: 5555,', 'API: 5565,'));
  assert.equal(applyEdits(text, setPlannedPort(plan, texts, 'portos-autofixer', 'api', 5569)), text.replace("PORT: '5559'", "PORT: '5569'"));
  assert.deepEqual(addServiceToPlan(plan, texts, 'new-app', 5570), []);
});
