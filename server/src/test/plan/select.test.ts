import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadPlan, selectPlanFiles } from '../../engine/plan/select';
import { isEcosystemPath, isMarkdownPlanPath, isNativePlanPath } from '../../engine/syntax/fileKinds';
import { fixture } from './fixtures';
import { joinLines } from '../helpers/extract';

test('plan file names', () => {
  assert.ok(isNativePlanPath('ports.yaml') && isNativePlanPath('infra/ports.yml') && isNativePlanPath('ports.jsonc') && isNativePlanPath('.ports.json'));
  assert.ok(!isNativePlanPath('ports.yaml.bak') && !isNativePlanPath('myports.yaml') && !isNativePlanPath('node_modules/x/ports.yaml'));
  assert.ok(isMarkdownPlanPath('docs/PORT_SCHEMA.md') && isMarkdownPlanPath('docs/PORTS.md') && isMarkdownPlanPath('ports.md') && isMarkdownPlanPath('Port-Schema.MD'));
  assert.ok(!isMarkdownPlanPath('node_modules/pkg/PORTS.md') && !isMarkdownPlanPath('docs/SUPPORTS.md') && !isMarkdownPlanPath('README.md'));
  assert.ok(isEcosystemPath('ecosystem.config.cjs') && isEcosystemPath('apps/x/ecosystem.config.js') && isEcosystemPath('ecosystem.config.mjs'));
  assert.ok(!isEcosystemPath('ecosystem.config.ts') && !isEcosystemPath('my.ecosystem.config.js'));
});

test('selection: configured globs, else the shallowest native file, else Markdown plans, else ecosystem files', () => {
  const all = ['services/a/ports.yaml', 'ports.yml', 'docs/PORTS.md', 'ecosystem.config.cjs', 'src/app.ts'];
  assert.deepEqual(selectPlanFiles(all), ['ports.yml']);
  assert.deepEqual(selectPlanFiles(all, ['docs/*.md', './ecosystem.config.cjs']), ['ecosystem.config.cjs', 'docs/PORTS.md']);
  assert.deepEqual(selectPlanFiles(['docs/PORTS.md', 'PORT_SCHEMA.md', 'ecosystem.config.cjs']), ['PORT_SCHEMA.md', 'docs/PORTS.md']);
  assert.deepEqual(selectPlanFiles(['b/ecosystem.config.js', 'src/app.ts']), ['b/ecosystem.config.js']);
  assert.deepEqual(selectPlanFiles(['src/app.ts']), []);
});

test('loadPlan merges plans: one service listed twice is one service', () => {
  const yaml = joinLines('services:', '  portos-browser:', '    ports: { cdp: 5556 }');
  const plan = loadPlan([
    { path: 'ports.yaml', text: yaml },
    { path: 'docs/PORTS.md', text: fixture('portos-PORTS.md') },
    { path: 'ecosystem.config.cjs', text: fixture('ecosystem.config.cjs') },
  ]);
  assert.deepEqual(plan.files, ['ports.yaml', 'docs/PORTS.md', 'ecosystem.config.cjs']);
  assert.equal(plan.format, 'yaml');
  const browser = plan.services.find((s) => s.name === 'portos-browser')!;
  assert.deepEqual(browser.ports.map((p) => `${p.label}:${p.port}@${p.location.file}`), ['cdp:5556@ports.yaml', 'health:5557@docs/PORTS.md']);
  assert.equal(plan.rules.contiguous, true);
});

test('loadPlan never throws and reports every file problem', () => {
  const plan = loadPlan([
    { path: 'ports.yaml', text: 'services: [' },
    { path: 'docs/PORTS.md', text: '| Port | Service |\n|---|---|\n| 3000 | web |' },
  ]);
  assert.equal(plan.problems[0].rule, 'schema-parse');
  assert.equal(plan.problems[0].location.file, 'ports.yaml');
  assert.deepEqual(plan.services.map((s) => s.name), ['web']);
  assert.deepEqual(loadPlan([]).services, []);
});
