import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadMarkdownPlan, splitRow } from '../../engine/plan/markdownPlan';
import { fixture, textAt } from './fixtures';
import { joinLines } from '../helpers/extract';

const mana = () => loadMarkdownPlan('docs/PORT_SCHEMA.md', fixture('mana-PORT_SCHEMA.md'));
const portos = () => loadMarkdownPlan('docs/PORTS.md', fixture('portos-PORTS.md'));

test('mana seed: every range, reserved block and service, and nothing from the blockquote', () => {
  const plan = mana();
  assert.equal(plan.format, 'markdown');
  assert.deepEqual(plan.problems, []);
  assert.deepEqual(
    plan.ranges.map((r) => `${r.start ?? ''}-${r.end ?? ''} ${r.name}`),
    [
      '3000-3009 Core Platform Services', '3010-3019 Core Infrastructure Services', '3020-3029 AI/ML Services',
      '3030-3059 App Compute Servers', '4000-4099 Matrix/Chat Stack', '5000-5059 Web Frontends (SvelteKit)',
      '5050-5059 Playground/Dev Tools', '5100-5199 Games', '8000-8099 Monitoring Dashboards',
      '9000-9199 Infrastructure & Exporters', '- SearXNG (Internal Only)',
    ],
  );
  assert.deepEqual(
    plan.ranges.flatMap((r) => r.reserved.map((b) => `${b.start}-${b.end}@${r.name}`)),
    ['3006-3009@Core Platform Services', '3017-3019@Core Infrastructure Services', '3025-3029@AI/ML Services', '3041-3059@App Compute Servers', '5030-5049@Web Frontends (SvelteKit)'],
  );
  assert.equal(plan.services.length, 71);
  // The blockquote's "mana-video-gen 3026" is commentary, not a plan entry.
  assert.equal(plan.services.find((s) => s.name === 'mana-video-gen'), undefined);
  assert.equal(plan.rules.contiguous, false);
});

test('mana seed: exact positions of a row and its port cell', () => {
  const text = fixture('mana-PORT_SCHEMA.md');
  const auth = mana().services.find((s) => s.name === 'mana-auth')!;
  const [port] = auth.ports;
  assert.equal(port.port, 3001);
  assert.deepEqual(port.location.range, { start: { line: 37, character: 2 }, end: { line: 37, character: 6 } });
  assert.equal(textAt(text, port.entryLocation), '| 3001 | mana-auth | Hono/Bun | Authentication, JWT, sessions |');
  assert.equal(auth.runtime, 'Hono/Bun');
  assert.equal(auth.description, 'Authentication, JWT, sessions');
  assert.equal(port.rangeName, 'Core Platform Services');
  const core = mana().ranges[0];
  assert.equal(textAt(text, core.location), '3000-3009', 'a range heading is located at its bounds');
  assert.equal(textAt(text, core.reserved[0].location), '| 3006-3009 | *(reserved)* | | |');
});

test('mana seed: minio rows are one service with labelled ports; extra columns are attributes', () => {
  const plan = mana();
  const minio = plan.services.find((s) => s.name === 'minio')!;
  assert.deepEqual(minio.ports.map((p) => `${p.label}:${p.port}`), ['s3-api:9000', 'console:9001']);
  const chatWeb = plan.services.find((s) => s.name === 'chat-web')!;
  assert.deepEqual(chatWeb.attributes, { 'Corresponds to Server': '3030 chat-server' });
  const postgres = plan.services.find((s) => s.name === 'postgres')!;
  assert.equal(postgres.rangeName, 'Infrastructure & Exporters');
  assert.equal(plan.services.find((s) => s.name === 'searxng')!.rangeName, 'SearXNG (Internal Only)');
});

test('portos seed: Range table, a wholly reserved range, labelled processes, contiguous rule', () => {
  const text = fixture('portos-PORTS.md');
  const plan = portos();
  assert.deepEqual(
    plan.ranges.map((r) => `${r.start ?? ''}-${r.end ?? ''} ${r.name} [${r.reserved.map((b) => `${b.start}-${b.end} for ${b.reservedFor}`)}]`),
    ['5554-5560 PortOS core services []', '5561-5569 Reserved for PortOS extensions [5561-5569 for PortOS]', '5570-5599 User applications []'],
  );
  assert.deepEqual(
    plan.services.map((s) => `${s.name} ${s.ports.map((p) => `${p.label}:${p.port}`).join(',')}`),
    [
      'portos-server api-local:5553,api:5555', 'portos-ui ui:5554', 'portos-browser cdp:5556,health:5557', 'portos-cos api:5558',
      'portos-autofixer api:5559', 'portos-autofixer-ui ui:5560', 'portos-db db:5561',
    ],
  );
  const server = plan.services[0];
  assert.deepEqual(server.ports[1].location.range, { start: { line: 27, character: 2 }, end: { line: 27, character: 6 } });
  assert.equal(textAt(text, server.ports[1].location), '5555');
  assert.equal(plan.rules.contiguous, true);
  // The ASCII diagram's ":5555" and the ```javascript sample are not rows.
  assert.equal(plan.services.flatMap((s) => s.ports).length, 9);
});

test('headings name hosts; unnumbered prose headings are no ranges; bad cells are positioned problems', () => {
  const text = joinLines(
    '# Plan',
    '## Principles',
    'Keep it tidy.',
    '## 7000-7009: GPU jobs (host: gpu-box)',
    '| Port | Service | Host |',
    '|---|---|---|',
    '| 7001 | `trainer` | |',
    '| 7002 | infer | mac-mini |',
    '| 70000 | broken | |',
    '| TBD | later | |',
    '> | 7003 | quoted | |',
  );
  const plan = loadMarkdownPlan('PORTS.md', text);
  assert.deepEqual(plan.ranges.map((r) => `${r.name} ${r.host}`), ['GPU jobs gpu-box']);
  assert.deepEqual(plan.services.map((s) => `${s.name}@${s.host}`), ['trainer@gpu-box', 'infer@mac-mini']);
  assert.equal(textAt(text, plan.services[0].ports[0].location), '7001');
  assert.deepEqual(plan.problems.map((p) => `${p.rule} ${textAt(text, p.location)}`), ['invalid-port 70000']);
  assert.match(plan.problems[0].message, /PORTS\.md .*70000.*1 to 65535/);
});

test('splitRow keeps escaped pipes inside a cell and gives content offsets', () => {
  const line = '| 80 | a \\| b |';
  const cells = splitRow(line, 100);
  assert.deepEqual(cells.map((c) => c.text), ['80', 'a | b']);
  assert.deepEqual(cells[0].span, { start: 102, end: 104 });
  assert.deepEqual(cells[1].rawSpan, { start: 106, end: 114 });
});

test('a huge Markdown file is refused with a schema-parse problem', () => {
  const plan = loadMarkdownPlan('docs/PORTS.md', `| Port | Service |\n|---|---|\n| 3000 | web |\n${'x'.repeat(1_000_001)}`);
  assert.deepEqual(plan.services, []);
  assert.equal(plan.problems[0].rule, 'schema-parse');
  assert.match(plan.problems[0].message, /^docs\/PORTS\.md is \d+ characters long/);
});
