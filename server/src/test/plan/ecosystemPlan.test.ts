import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadEcosystemPlan } from '../../engine/plan/ecosystemPlan';
import { resolvePortsReferences } from '../../engine/syntax/ecosystem';
import { fixture, textAt } from './fixtures';
import { joinLines } from '../helpers/extract';

test('apps are services with PortOS labels; referenced ports sit on the PORTS entry digits', () => {
  const text = fixture('ecosystem.config.cjs');
  const plan = loadEcosystemPlan('ecosystem.config.cjs', text);
  assert.equal(plan.format, 'pm2');
  assert.deepEqual(
    plan.services.map((s) => `${s.name} ${s.ports.map((p) => `${p.label ?? ''}:${p.port}`).join(',')}`),
    [
      'portos-server api:5555', 'portos-ui ui:5554', 'portos-browser health:5557,cdp:5556', 'portos-cos api:5558',
      'portos-autofixer api:5559', 'portos-autofixer-ui ui:5560',
      'api-local :5553', // declared in PORTS, bound by no app here: still planned
    ],
  );
  const server = plan.services[0];
  assert.equal(textAt(text, server.location), "name: 'portos-server'");
  assert.equal(textAt(text, server.ports[0].location), '5555');
  assert.equal(server.ports[0].location.range.start.line, 4);
  assert.equal(textAt(text, server.ports[0].entryLocation), 'API: 5555');
  assert.equal(server.ports[0].description, 'Main API server');
  const fixer = plan.services.find((s) => s.name === 'portos-autofixer-ui')!;
  assert.equal(textAt(text, fixer.ports[0].entryLocation), 'PORT: process.env.AUTOFIXER_UI_PORT || 5560');
  assert.ok(!plan.services.some((s) => s.ports.some((p) => p.port === 30000 || p.port === 4000 || p.port === 9999)), 'timeouts, delays and comments are not ports');
});

test('PORT label: api, ui for -ui/-client apps, health for -browser apps with CDP; --port is ui', () => {
  const text = joinLines(
    'module.exports = { apps: [',
    "  { name: 'shop-client', env: { PORT: 4100 } },",
    "  { name: 'shop-browser', env: { PORT: 4101 } },",
    "  { name: 'dev', args: '--port 4102 --host 0.0.0.0' },",
    "  { name: \"quoted\", env: { 'PORT': '4103' } },",
    '] };',
  );
  const plan = loadEcosystemPlan('ecosystem.config.js', text);
  assert.deepEqual(plan.services.map((s) => `${s.name} ${s.ports.map((p) => `${p.label}:${p.port}`)}`), ['shop-client ui:4100', 'shop-browser api:4101', 'dev ui:4102', 'quoted api:4103']);
  assert.equal(textAt(text, plan.services[2].ports[0].location), '4102');
});

test('resolvePortsReferences gives each PORTS.X use its port, outside the PORTS object', () => {
  const text = fixture('ecosystem.config.cjs');
  const refs = resolvePortsReferences(text).map((r) => `${text.slice(r.span.start, r.span.end)}=${r.port}`);
  assert.deepEqual(refs, ['PORTS.API=5555', 'PORTS.UI=5554', 'PORTS.UI=5554', 'PORTS.BROWSER.HEALTH=5557', 'PORTS.BROWSER.CDP=5556', 'PORTS.COS=5558']);
  assert.deepEqual(resolvePortsReferences('const x = 1;'), []);
});

test('a file that is not an ecosystem config, or is broken, gives an empty plan', () => {
  assert.deepEqual(loadEcosystemPlan('ecosystem.config.js', 'module.exports = require("./other")').services, []);
  const broken = loadEcosystemPlan('ecosystem.config.js', "const PORTS = { API: 5555, \nmodule.exports = { apps: [ { name: 'x', env: { PORT: PORTS.API ");
  assert.deepEqual(broken.problems, []);
});
