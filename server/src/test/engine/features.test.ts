import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PortEngine } from '../../engine/api';
import { LineIndex, type Position } from '../../engine/text';
import { engineFor, type Files } from '../helpers/inMemoryWorkspace';
import { joinLines } from '../helpers/extract';

/** Hover text and quick fixes, as the editor shows them. */

const PLAN = joinLines(
  'version: 1',
  'rules:',
  '  avoid: [4104]',
  'ranges:',
  '  - { name: Core Services, ports: 4100-4119, reserved: [4115-4119] }',
  'services:',
  '  mana-credits:',
  '    port: 4100',
  '    runtime: Go',
  '    description: Credit balances and the ledger',
  '  billing:',
  '    port: 4102',
  '  search:',
  '    port: 4103',
  '',
);

const FILES: Files = {
  'ports.yaml': PLAN,
  'services/mana-credits/main.go': 'package main\n\nimport "net/http"\n\nfunc main() {\n\thttp.ListenAndServe(":4100", nil)\n}\n',
  'services/billing/main.go': 'package main\n\nimport "net/http"\n\nfunc main() {\n\thttp.ListenAndServe(":4105", nil)\n}\n',
  'services/search/index.js': "require('node:http').createServer().listen(4103);\n",
  'services/legacy/index.js': "require('node:http').createServer().listen(4103);\n",
  'services/notifier/index.js': "const express = require('express');\nconst app = express();\napp.listen(process.env.PORT || 4110);\n",
  '.env': 'MANA_CREDITS_URL=http://localhost:4100\n',
};

const link = (path: string, line: number) => `${path}#L${line + 1}`;

/** Position of the last character of the first `needle` in a file of FILES (`port: 4100` lands on its digits). */
function at(path: string, needle: string): Position {
  const text = FILES[path];
  const offset = text.indexOf(needle);
  assert.ok(offset >= 0, `${needle} not in ${path}`);
  return new LineIndex(text).positionAt(offset + needle.length - 1);
}

function hover(engine: PortEngine, path: string, needle: string): string {
  const result = engine.hover(path, at(path, needle), link);
  assert.ok(result, `no hover on ${needle} in ${path}`);
  return result.markdown;
}

/** `title: path:line:col-line:col=newText; ...` for each action at `needle`. */
function actions(engine: PortEngine, path: string, needle: string): string[] {
  const pos = at(path, needle);
  return engine.codeActions(path, { start: pos, end: pos }).map(
    (a) => `${a.finding?.rule ?? a.kind} | ${a.title}: ${a.edits.map((e) => `${e.path}:${e.range.start.line + 1}:${e.range.start.character + 1}-${e.range.end.character + 1}=${JSON.stringify(e.newText)}`).join('; ')}`,
  );
}

describe('hover', () => {
  it('on a planned port in the plan: one line (planned for whom, what the code does), then a short list', async () => {
    const engine = await engineFor(FILES);
    assert.equal(
      hover(engine, 'ports.yaml', 'port: 4100'),
      joinLines(
        '**Port 4100** · planned for **mana-credits** · `mana-credits` listens on it (on its own)',
        '',
        '- Go · Credit balances and the ledger',
        '- range **Core Services** 4100–4119',
        '- referenced 1×',
      ),
    );
  });

  it('on a colliding port: who listens here and where, whom the plan gives it to, the other listener', async () => {
    const engine = await engineFor(FILES);
    assert.equal(
      hover(engine, 'services/legacy/index.js', '4103'),
      joinLines(
        '**Port 4103** · `legacy` listens here (on its own) · the plan gives it to **search**',
        '',
        '- also on 4103: `search` (on its own) — [services/search/index.js:1](services/search/index.js#L1)',
        '- **search** — [ports.yaml:14](ports.yaml#L14)',
        '- range **Core Services** 4100–4119',
      ),
    );
  });

  it('on an unplanned port: its range and the next free port there (4101; 4104 is avoided)', async () => {
    const engine = await engineFor(FILES);
    const text = hover(engine, 'services/notifier/index.js', '4110');
    assert.match(text, /^\*\*Port 4110\*\* · `notifier` listens here \(on its own\) · not in the plan\n/);
    assert.match(text, /\n- in \*\*Core Services\*\* 4100–4119; the next free port there is \*\*4101\*\*$/);
  });

  it('on a reference: whom it points at, whether that one listens there, and the plan row', async () => {
    const engine = await engineFor(FILES);
    const text = hover(engine, '.env', '4100');
    assert.match(text, /^\*\*Port 4100\*\* · `MANA_CREDITS_URL` points at `mana-credits`, which listens here \(on its own\) · as planned\n/);
    assert.match(text, /\n- \*\*mana-credits\*\*: Go · Credit balances and the ledger — \[ports\.yaml:8\]\(ports\.yaml#L8\)\n/);
  });

  it('with live listeners: what listens on this machine now', async () => {
    const engine = await engineFor(FILES);
    engine.setLiveListeners([{ port: 4110, address: '::', pid: 812, process: 'node' }]);
    assert.match(hover(engine, 'services/notifier/index.js', '4110'), /\n- listening now: node \(pid 812\)$/);
    assert.match(hover(engine, 'ports.yaml', 'port: 4100'), /\n- nothing listens on 4100 now$/);
    engine.setLiveListeners(undefined);
    assert.doesNotMatch(hover(engine, 'ports.yaml', 'port: 4100'), /listens on 4100 now/);
  });

  it('with live listeners: a port Docker holds names the Compose service that publishes it', async () => {
    const compose = 'services:\n  billing:\n    build: ./services/billing\n    ports:\n      - "4102:8080"\n';
    const engine = await engineFor({ ...FILES, 'docker-compose.yml': compose });
    engine.setLiveListeners([{ port: 4102, address: '0.0.0.0', pid: 905, process: 'docker-proxy', container: 'container 172.18.0.3:8080' }]);
    assert.match(hover(engine, 'ports.yaml', 'port: 4102'), /\n- listening now: docker-proxy \(pid 905\) → container 172\.18\.0\.3:8080 \(published by `billing`\)$/);
  });

  it('nothing on a number that is not a port occurrence', async () => {
    const retry = 'setTimeout(retry, 3000);\nconst MAX_BYTES = 4096;\n';
    const engine = await engineFor({ ...FILES, 'services/notifier/retry.js': retry });
    const lines = new LineIndex(retry);
    for (const number of ['3000', '4096']) {
      const onDigits = lines.positionAt(retry.indexOf(number) + 1);
      assert.equal(engine.hover('services/notifier/retry.js', onDigits, link), undefined, number);
    }
    assert.ok(engine.hover('services/notifier/index.js', at('services/notifier/index.js', '4110'), link), 'the port next door has a hover');
  });
});

describe('code actions', () => {
  it('drift: use the planned port (preferred), or assign the next free port in code and plan', async () => {
    const engine = await engineFor(FILES);
    assert.deepEqual(actions(engine, 'services/billing/main.go', '4105'), [
      'drift | Use the planned port 4102: services/billing/main.go:6:24-28="4102"',
      'drift | Assign next free port in Core Services (4101): services/billing/main.go:6:24-28="4101"; ports.yaml:12:11-15="4101"',
      // The reconciles are offered, not computed: their edits are made when one is run.
      'refactor | Align code with the plan (all services): ',
      'refactor | Align the plan with the code (all services): ',
    ]);
    assert.deepEqual(
      engine.codeActions('services/billing/main.go', { start: at('services/billing/main.go', '4105'), end: at('services/billing/main.go', '4105') }).map((a) => a.reconcile ?? '-'),
      ['-', '-', 'align-code', 'align-plan'],
    );
    const pos = at('services/billing/main.go', '4105');
    assert.equal(engine.codeActions('services/billing/main.go', { start: pos, end: pos })[0].preferred, true);
  });

  it('unassigned: add to the plan (a yaml entry in its range) or assign the next free port', async () => {
    const engine = await engineFor(FILES);
    assert.deepEqual(actions(engine, 'services/notifier/index.js', '4110'), [
      'unassigned | Add notifier to the plan at 4110: ports.yaml:15:1-1="  notifier:\\n    port: 4110\\n    range: Core Services\\n"',
      'unassigned | Assign next free port in Core Services (4101): services/notifier/index.js:3:32-36="4101"',
    ]);
  });

  it('stale reference: point it at the port its service listens on', async () => {
    const engine = await engineFor({ ...FILES, '.env': 'MANA_CREDITS_URL=http://localhost:4101\n' });
    const pos = new LineIndex('MANA_CREDITS_URL=http://localhost:4101\n').positionAt(35);
    assert.deepEqual(
      engine.codeActions('.env', { start: pos, end: pos }).map((a) => [a.title, a.edits.map((e) => e.newText)]),
      [['Point it at 4100, where mana-credits listens', ['4100']]],
    );
  });

  it('a port the plan gives to someone else: no "add to the plan" (it would duplicate 4103)', async () => {
    const engine = await engineFor(FILES);
    const titles = actions(engine, 'services/legacy/index.js', '4103').map((a) => a.split(': ')[0]);
    assert.ok(titles.every((t) => !/Add legacy to the plan/.test(t)), titles.join('\n'));
    assert.ok(titles.some((t) => /Assign next free port in Core Services \(4101\)/.test(t)), titles.join('\n'));
  });

  it('offers each distinct fix once, even when two findings on the literal share it', async () => {
    const engine = await engineFor(FILES);
    const pos = at('services/legacy/index.js', '4103');
    const list = engine.codeActions('services/legacy/index.js', { start: pos, end: pos }).map((a) => `${a.title} ${JSON.stringify(a.edits)}`);
    assert.deepEqual(list, [...new Set(list)]);
  });
});
