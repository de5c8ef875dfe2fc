import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LineIndex, type Position } from '../../engine/text';
import { joinLines } from '../helpers/extract';
import { applyWorkspaceEdits, engineFor, type Files } from '../helpers/inMemoryWorkspace';

/** Completion, plan-row moves, editor wording, dev container labels and the tree, on small workspaces written inline. */

const MARKDOWN_PLAN = joinLines(
  '# Ports',
  '',
  '## 3000-3009: Core Platform Services',
  '',
  '| Port | Service | Runtime | Description |',
  '|------|---------|---------|-------------|',
  '| 3001 | auth | Bun | Sign-in |',
  '| 3002 | credits | Go | Balances |',
  '| 3007-3009 | *(reserved)* | | |',
  '',
  '## 3010-3019: Infrastructure',
  '',
  '| Port | Service | Runtime | Description |',
  '|------|---------|---------|-------------|',
  '| 3010 | sync | Go | Data sync |',
  '',
);

const YAML_PLAN = joinLines(
  'version: 1',
  'ranges:',
  '  - { name: Core Services, ports: 4100-4119, reserved: [4115-4119] }',
  'services:',
  '  gateway:',
  '    port: 4100',
  '  reports:',
  '    port: 4116   # parked in the reserved block',
  '',
);

function positionIn(text: string, needle: string, delta = needle.length): Position {
  const offset = text.indexOf(needle);
  assert.ok(offset >= 0, `${needle} not in the text`);
  return new LineIndex(text).positionAt(offset + delta);
}

describe('completion of port values', () => {
  it('in a Markdown plan row: the Port cell of a table, from the range of its heading', async () => {
    const files: Files = { 'docs/PORT_SCHEMA.md': MARKDOWN_PLAN, 'services/auth/index.ts': 'Bun.serve({ port: 3001 });\n' };
    const engine = await engineFor(files);
    const typed = MARKDOWN_PLAN.replace('| 3002 | credits | Go | Balances |\n', '| 3002 | credits | Go | Balances |\n| 300 | media | Node | |\n');
    const at = positionIn(typed, '| 300 | media', 5);
    const items = engine.completions('docs/PORT_SCHEMA.md', typed, at);
    assert.deepEqual(items.map((i) => i.port), [3003, 3004, 3005, 3006], '3000 is well known, 3001-3002 planned, 3007-3009 reserved');
    assert.deepEqual(items[0].range, { start: { line: at.line, character: 2 }, end: { line: at.line, character: 5 } }, 'replaces the digits typed so far');
    assert.equal(items[0].detail, 'free in Core Platform Services (3000–3009)');
    // The Service cell of the same row is not a port.
    assert.deepEqual(engine.completions('docs/PORT_SCHEMA.md', typed, positionIn(typed, '| media', 3)), []);
    // Under the second heading, its range.
    const below = typed.replace('| 3010 | sync | Go | Data sync |\n', '| 3010 | sync | Go | Data sync |\n| 30 | cache | | |\n');
    assert.deepEqual(engine.completions('docs/PORT_SCHEMA.md', below, positionIn(below, '| 30 | cache', 4)).map((i) => i.port).slice(0, 2), [3011, 3012]);
  });

  it('nowhere else: a source file, a prose number, a workspace without a plan', async () => {
    const engine = await engineFor({ 'ports.yaml': YAML_PLAN, 'src/retry.ts': 'const DELAY = 4' });
    assert.deepEqual(engine.completions('src/retry.ts', 'const DELAY = 4', { line: 0, character: 15 }), []);
    const planless = await engineFor({ '.env': 'PORT=\n' });
    assert.deepEqual(planless.completions('.env', 'PORT=\n', { line: 0, character: 5 }), []);
  });

  it('skips what listens on this machine right now', async () => {
    const engine = await engineFor({ 'ports.yaml': YAML_PLAN });
    const typed = YAML_PLAN.replace('  reports:', '  search:\n    port: \n  reports:');
    const at = positionIn(typed, 'port: \n', 6);
    assert.equal(engine.completions('ports.yaml', typed, at)[0]?.port, 4101);
    engine.setLiveListeners([{ port: 4101, address: '0.0.0.0', pid: 4242, process: 'python3' }]);
    const items = engine.completions('ports.yaml', typed, at);
    assert.equal(items[0]?.port, 4102);
    assert.match(items[0].documentation, /nothing listens on it now/);
  });
});

describe('plan rows the message would send to the CLI', () => {
  it('a reserved row: the editor wording offers the quick fix, which moves the service and its code', async () => {
    const files: Files = { 'ports.yaml': YAML_PLAN, 'services/reports/index.js': "require('http').createServer().listen(4116);\n", '.env': 'REPORTS_URL=http://localhost:4116\n' };
    const engine = await engineFor(files);
    const reserved = engine.findingsIn('ports.yaml').find((f) => f.rule === 'reserved')!;
    assert.match(reserved.message, /pick a free port with 'port-schema next --range "Core Services"'\.$/, 'the CLI names its command');
    assert.match(reserved.editorMessage ?? '', /lies in reserved block 4115-4119 of Core Services; the quick fix moves it to the next free port of Core Services\.$/);
    const actions = engine.codeActions('ports.yaml', reserved.range);
    const move = actions.find((a) => a.title === 'Move reports to the next free port in Core Services (4101)');
    assert.ok(move, actions.map((a) => a.title).join(' | '));
    const after = applyWorkspaceEdits(files, move.edits);
    assert.match(after['ports.yaml'], /^ {4}port: 4101 {3}# parked in the reserved block$/m);
    assert.match(after['services/reports/index.js'], /listen\(4101\)/);
    assert.match(after['.env'], /REPORTS_URL=http:\/\/localhost:4101/);
  });
});

describe('dev container labels from the plan', () => {
  const plan = joinLines('version: 1', 'services:', '  web:', '    port: 5100', '  api:', '    ports: { http: 4100, debug: 9229 }', '');

  it('adds a portsAttributes object after the last property when there is none, comments kept', async () => {
    const config = joinLines('// Dev container', '{', '  "name": "shop",', '  "forwardPorts": [5100, 4100, 8080] // 8080: a tool of ours', '}', '');
    const files: Files = { 'ports.yaml': plan, '.devcontainer/devcontainer.json': config };
    const engine = await engineFor(files);
    const result = engine.forwardedPortLabels('.devcontainer/devcontainer.json', config);
    assert.deepEqual(result.labelled, [{ port: 4100, label: 'api (http)' }, { port: 5100, label: 'web' }]);
    assert.deepEqual(result.skipped, [8080], 'not in the plan');
    const after = applyWorkspaceEdits(files, result.edits)['.devcontainer/devcontainer.json'];
    assert.equal(after, joinLines(
      '// Dev container',
      '{',
      '  "name": "shop",',
      '  "forwardPorts": [5100, 4100, 8080], // 8080: a tool of ours',
      '  "portsAttributes": {',
      '    "4100": { "label": "api (http)" },',
      '    "5100": { "label": "web" }',
      '  }',
      '}',
      '',
    ));
  });

  it('labels every planned port when nothing is forwarded; an existing label stays', async () => {
    const config = joinLines('{', '  "image": "node:22",', '  "portsAttributes": {', '    "9229": { "label": "Node debugger", "onAutoForward": "silent" }', '  }', '}', '');
    const files: Files = { 'ports.yaml': plan, '.devcontainer/devcontainer.json': config };
    const engine = await engineFor(files);
    const result = engine.forwardedPortLabels('.devcontainer/devcontainer.json', config);
    assert.deepEqual(result.labelled.map((l) => l.port), []);
    assert.deepEqual(result.skipped, [9229], 'the one written port has its label: only it counts as forwarded');
    const bare = joinLines('{', '  "image": "node:22"', '}', '');
    const fresh = await engineFor({ 'ports.yaml': plan, '.devcontainer/devcontainer.json': bare });
    const labelled = fresh.forwardedPortLabels('.devcontainer/devcontainer.json', bare);
    assert.deepEqual(labelled.labelled.map((l) => `${l.port} ${l.label}`), ['4100 api (http)', '5100 web', '9229 api (debug)']);
  });

  it('leaves a file it cannot read as an object alone', async () => {
    const broken = '{ "portsAttributes": [1, 2] }';
    const engine = await engineFor({ 'ports.yaml': plan, '.devcontainer.json': broken });
    const result = engine.forwardedPortLabels('.devcontainer.json', broken);
    assert.deepEqual(result.edits, []);
    assert.deepEqual(result.labelled, []);
  });
});

describe('the Port Map tree', () => {
  it('without a plan: the services by port, where each runs, no ranges', async () => {
    const engine = await engineFor({
      'apps/web/package.json': '{ "name": "web", "scripts": { "dev": "vite --port 3000" } }\n',
      'apps/api/server.js': "require('http').createServer().listen(3000);\n",
    });
    const tree = engine.tree();
    assert.deepEqual(tree.ranges, []);
    assert.deepEqual(tree.outside.map((s) => [s.name, s.planned, s.ports.map((p) => `${p.port} ${p.state} ${p.contexts.join(';')}`)]), [
      ['api', false, ['3000 unplanned on its own']],
      ['web', false, ['3000 unplanned on its own']],
    ]);
  });
});
