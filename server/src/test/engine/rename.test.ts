import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LineIndex, type Position } from '../../engine/text';
import { applyWorkspaceEdits, engineFor, summaries, type Files } from '../helpers/inMemoryWorkspace';
import { joinLines } from '../helpers/extract';

const PLAN_YAML = joinLines(
  'version: 1',
  'ranges:',
  '  - { name: Core, ports: 4100-4119 }',
  'services:',
  '  auth:',
  '    port: 4101   # sign-in',
  '  billing:',
  '    port: 4102',
  '',
);

const PLAN_MD = joinLines(
  '# Port Schema',
  '',
  '## 4100-4119: Core',
  '',
  '| Port | Service | Description |',
  '|------|---------|-------------|',
  '| 4101 | auth    | Sign-in     |',
  '| 4102 | billing | Invoices    |',
  '',
);

const CODE: Files = {
  'services/auth/src/server.ts': 'app.listen(Number(process.env.PORT ?? 4101));\n',
  'services/auth/README.md': 'Run it and open http://localhost:4101/health.\n',
  'apps/web/.env': 'AUTH_URL=http://localhost:4101\nBILLING_URL=http://localhost:4102\n',
};

function at(text: string, needle: string, delta = 1): Position {
  return new LineIndex(text).positionAt(text.indexOf(needle) + delta);
}

describe('rename (renumber a service everywhere)', () => {
  for (const [plan, text] of [['ports.yaml', PLAN_YAML], ['docs/PORT_SCHEMA.md', PLAN_MD]] as const) {
    it(`from its entry in ${plan}: the plan, the code, its docs and the references to it move together`, async () => {
      const files = { [plan]: text, ...CODE };
      const engine = await engineFor(files);
      const position = at(text, '4101');
      assert.equal(engine.renameSpot(plan, position)?.port, 4101);
      const edit = engine.rename(plan, position, 4105)!;
      assert.equal(edit.title, 'Renumber auth from 4101 to 4105');
      const after = applyWorkspaceEdits(files, edit.edits);
      assert.match(after['services/auth/src/server.ts'], /\?\? 4105\)/);
      assert.match(after['services/auth/README.md'], /localhost:4105\/health/);
      assert.match(after['apps/web/.env'], /AUTH_URL=http:\/\/localhost:4105\nBILLING_URL=http:\/\/localhost:4102/);
      assert.match(after[plan], /4105/);
      assert.doesNotMatch(after[plan], /4101/);
      if (plan === 'ports.yaml') assert.match(after[plan], /port: 4105 {3}# sign-in/, 'the comment stays');
      const reindexed = await engineFor(after);
      assert.deepEqual(summaries(reindexed.findings(), 'drift', 'stale-reference', 'collision'), []);
    });
  }

  it('from the code: the literal and the plan entry move, other services stay', async () => {
    const files: Files = { 'ports.yaml': PLAN_YAML, ...CODE };
    const engine = await engineFor(files);
    const file = 'services/auth/src/server.ts';
    const edit = engine.rename(file, at(files[file], '4101'), 4106)!;
    const after = applyWorkspaceEdits(files, edit.edits);
    assert.match(after[file], /4106/);
    assert.match(after['ports.yaml'], /port: 4106 {3}# sign-in\n {2}billing:\n {4}port: 4102/);
  });

  it('offers nothing on prose or on a number that is not a port', async () => {
    const engine = await engineFor({ 'ports.yaml': PLAN_YAML, ...CODE });
    assert.equal(engine.renameSpot('ports.yaml', at(PLAN_YAML, 'version', 2)), undefined);
    assert.equal(engine.renameSpot('services/auth/README.md', at(CODE['services/auth/README.md'], '4101')), undefined);
  });
});
