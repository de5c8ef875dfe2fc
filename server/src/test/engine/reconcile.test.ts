import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyWorkspaceEdits, engineFor, summaries, type Files } from '../helpers/inMemoryWorkspace';
import { joinLines } from '../helpers/extract';

/**
 * billing drifts (4105, plan 4102) in its Go source and is referenced at 4105 by key and by host;
 * search drifts (4108, plan 4103) in a start script and a source default; legacy and notifier
 * (unplanned) both bind 4110: a collision no side of the plan can settle.
 */
const FILES: Files = {
  'ports.yaml': joinLines(
    'version: 1',
    'ranges:',
    '  - { name: Core Services, ports: 4100-4119, reserved: [4115-4119] }',
    'services:',
    '  auth:',
    '    port: 4100  # the login service',
    '  billing:',
    '    port: 4102',
    '  search:',
    '    port: 4103',
    '',
  ),
  'services/billing/go.mod': 'module example.com/billing\n',
  'services/billing/main.go': joinLines('package main', '', 'import "net/http"', '', 'func main() {', '\thttp.ListenAndServe(":4105", nil)', '}', ''),
  'services/search/requirements.txt': 'fastapi\n',
  'services/search/app/main.py': joinLines(
    'import os',
    'import uvicorn',
    'BILLING_URL = os.getenv("BILLING_URL", "http://localhost:4105")',
    'PAGE_SIZE = 4105',
    'uvicorn.run("app.main:app", port=int(os.getenv("PORT", "4108")))',
    '',
  ),
  'services/search/start.sh': '#!/bin/sh\nexport PORT="${PORT:-4108}"\nexec python -m app.main\n',
  'services/legacy/index.js': "require('node:http').createServer().listen(4110);\n",
  'services/notifier/index.js': "require('node:http').createServer().listen(4110);\n",
  '.env': 'BILLING_URL=http://billing:4105\nSEARCH_URL=http://localhost:4108\n',
};

const COLLISION_LEFT = 'Port 4110 is bound by legacy and notifier: a collision neither side of the plan settles.';

describe('reconcile', () => {
  it('before: drift at every site of billing and search and the 4110 collision; the references follow the listeners, so they are fine', async () => {
    const engine = await engineFor(FILES);
    assert.deepEqual(summaries(engine.findings(), 'drift', 'collision', 'stale-reference'), [
      'drift warning services/billing/main.go:6 4105 billing',
      'collision warning services/legacy/index.js:1 4110 legacy,notifier',
      'collision warning services/notifier/index.js:1 4110 notifier,legacy',
      'drift warning services/search/app/main.py:5 4108 search',
      'drift warning services/search/start.sh:2 4108 search',
    ]);
  });

  it('alignCodeWithPlan moves every drifting service and its references; a re-index shows no drift', async () => {
    const engine = await engineFor(FILES);
    const result = engine.reconcile('align-code');
    assert.deepEqual(
      result.edits.map((e) => `${e.path}:${e.range.start.line + 1}:${e.range.start.character + 1}=${e.newText}`).sort(),
      [
        '.env:1:28=4102',
        '.env:2:29=4103',
        'services/billing/main.go:6:24=4102',
        'services/search/app/main.py:3:58=4102',
        'services/search/app/main.py:5:57=4103',
        'services/search/start.sh:2:22=4103',
      ],
    );
    assert.deepEqual(result.unresolved, [COLLISION_LEFT]);
    const after = applyWorkspaceEdits(FILES, result.edits);
    assert.match(after['services/search/app/main.py'], /PAGE_SIZE = 4105/, 'a non-port 4105 is left alone');
    const reindexed = await engineFor(after);
    assert.deepEqual(summaries(reindexed.findings(), 'drift', 'stale-reference', 'out-of-range'), []);
    assert.deepEqual(summaries(reindexed.findings(), 'collision'), [
      'collision warning services/legacy/index.js:1 4110 legacy,notifier',
      'collision warning services/notifier/index.js:1 4110 notifier,legacy',
    ]);
  });

  it('alignPlanWithCode rewrites the plan entries in place, keeping comments; a re-index shows no drift', async () => {
    const engine = await engineFor(FILES);
    const result = engine.reconcile('align-plan');
    assert.deepEqual(result.unresolved, [COLLISION_LEFT]);
    const after = applyWorkspaceEdits(FILES, result.edits);
    assert.deepEqual(Object.keys(FILES).filter((p) => after[p] !== FILES[p]), ['ports.yaml'], 'only the plan changes');
    assert.equal(after['ports.yaml'], FILES['ports.yaml'].replace('port: 4102', 'port: 4105').replace('port: 4103', 'port: 4108'));
    const reindexed = await engineFor(after);
    assert.deepEqual(summaries(reindexed.findings(), 'drift', 'stale-reference'), []);
    assert.equal(summaries(reindexed.findings(), 'collision').length, 2);
  });

  it('alignPlanWithCode does not write a contested port into the plan: it lists it', async () => {
    const contested: Files = { ...FILES, 'services/legacy/index.js': "require('node:http').createServer().listen(4108);\n" };
    const engine = await engineFor(contested);
    const result = engine.reconcile('align-plan');
    assert.deepEqual(result.unresolved, [
      'search binds 4108, which another service binds too: settle the collision first (services/search/app/main.py:5).',
      'Port 4108 is bound by legacy and search: a collision neither side of the plan settles.',
    ]);
    const after = applyWorkspaceEdits(contested, result.edits);
    assert.match(after['ports.yaml'], /billing:\n {4}port: 4105\n {2}search:\n {4}port: 4103\n/);
    const reindexed = await engineFor(after);
    assert.deepEqual(summaries(reindexed.findings(), 'drift'), ['drift warning services/search/app/main.py:5 4108 search', 'drift warning services/search/start.sh:2 4108 search']);
  });

  it(
    'alignCodeWithPlan keeps a Compose mapping and the process inside the container in agreement',
    async () => {
      const files: Files = {
        'ports.yaml': 'version: 1\nranges:\n  - { name: Core Services, ports: 4100-4119 }\nservices:\n  billing:\n    port: 4102\n',
        'compose.yaml': joinLines('services:', '  billing:', '    build: ./services/billing', '    ports:', '      - "4105:4105"', ''),
        'services/billing/main.go': FILES['services/billing/main.go'],
      };
      const after = applyWorkspaceEdits(files, (await engineFor(files)).reconcile('align-code').edits);
      const [, host, container] = /"(\d+):(\d+)"/.exec(after['compose.yaml'])!;
      const bound = /ListenAndServe\(":(\d+)"/.exec(after['services/billing/main.go'])![1];
      assert.equal(host, '4102');
      assert.equal(container, bound, `compose maps to container port ${container}, the process binds ${bound}`);
    },
  );
});

describe('align code with the plan, where the stale reference points at an unmoved service', () => {
  it('a host port used inside the Compose network takes the container port, not a plan row', async () => {
    const engine = await engineFor({
      'ports.yaml': joinLines('version: 1', 'ranges:', '  - { name: Playground, ports: 8000-8049 }', 'services:', '  api:', '    port: 8030', ''),
      'docker-compose.yml': joinLines('services:', '  api:', '    build: ./api', '    ports:', '      - "8030:8000"', '  web:', '    image: nginx', '    environment:', '      API_URL: http://api:8030', ''),
      'api/Dockerfile': 'FROM python:3.12\nEXPOSE 8000\n',
    });
    const stale = engine.findings().find((f) => f.rule === 'stale-reference');
    assert.equal(stale?.listeningPort, 8000, summaries(engine.findings()).join('\n'));
    const edits = engine.reconcile('align-code').edits;
    assert.deepEqual(edits.map((e) => `${e.path}:${e.range.start.line + 1} ${e.newText}`), ['docker-compose.yml:9 8000']);
  });
});
