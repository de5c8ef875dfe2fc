import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pm2Extractor } from '../../engine/extract/pm2';
import { brief, extractWith, joinLines } from '../helpers/extract';
import { fixture } from '../plan/fixtures';
import { isEcosystemPath } from '../../engine/syntax/fileKinds';

test('matches ecosystem files only', () => {
  assert.ok(pm2Extractor.matches('ecosystem.config.cjs') && pm2Extractor.matches('apps/a/ecosystem.config.js'));
  assert.ok(!pm2Extractor.matches('config.cjs') && !pm2Extractor.matches('node_modules/x/ecosystem.config.js'));
});

test('every app port is a bind owned by the app, on the digits; unbound PORTS entries are doc', () => {
  const text = fixture('ecosystem.config.cjs');
  assert.deepEqual(extractWith(pm2Extractor, 'ecosystem.config.cjs', text).map((o) => brief(text, o)), [
    'bind 5555 label=api owner=portos-server key=PORT @5:8',
    'bind 5554 label=ui owner=portos-ui key=VITE_PORT @7:7',
    'bind 5557 label=health owner=portos-browser key=PORT @10:13',
    'bind 5556 label=cdp owner=portos-browser key=CDP_PORT @9:10',
    'bind 5558 label=api owner=portos-cos key=PORT @12:8',
    'bind 5559 label=api owner=portos-autofixer key=PORT @55:21',
    'bind 5560 label=ui owner=portos-autofixer-ui key=PORT @61:53',
    'doc 5553 label=api-local key=PORTS.API_LOCAL @6:14',
  ]);
});

test('the PortOS doc sample: --port in a template literal and VITE_PORT are one ui port', () => {
  const text = joinLines(
    'const PORTS = {',
    '  API: 5570,        // REST API server',
    '  UI: 5571,         // Web UI',
    '  CDP: 5572         // Chrome DevTools Protocol',
    '};',
    'module.exports = {',
    '  PORTS,',
    '  apps: [',
    "    { name: 'my-api', script: 'server.js', env: { PORT: PORTS.API } },",
    "    { name: 'my-ui', script: 'node_modules/.bin/vite', args: `--port ${PORTS.UI}`, env: { VITE_PORT: PORTS.UI } }",
    '  ]',
    '};',
  );
  assert.deepEqual(extractWith(pm2Extractor, 'ecosystem.config.cjs', text).map((o) => brief(text, o)), [
    'bind 5570 label=api owner=my-api key=PORT @2:8',
    'bind 5571 label=ui owner=my-ui key=VITE_PORT @3:7',
    'doc 5572 label=cdp key=PORTS.CDP @4:8',
  ]);
});

test('strings and comments that look like config are not read', () => {
  const text = joinLines(
    "// apps: [ { name: 'ghost', env: { PORT: 1234 } } ]",
    'module.exports = {',
    '  apps: [',
    "    { name: 'real', script: 'x.js', args: 'timeout 3000', env: { PORT: 8081, RETRY_MS: 5000, NOTE: '{ PORT: 9999 }' } },",
    '  ],',
    '};',
  );
  assert.deepEqual(extractWith(pm2Extractor, 'ecosystem.config.js', text).map((o) => brief(text, o)), ['bind 8081 label=api owner=real key=PORT @4:72']);
});

test('instances with increment_var occupy PORT … PORT+N-1, a range on the digits; cluster mode and max share one port', () => {
  const text = joinLines(
    'module.exports = {',
    '  apps: [',
    "    { name: 'api', script: 'dist/server.js', instances: 4, exec_mode: 'fork', increment_var: 'PORT', env: { PORT: 4600, CDP_PORT: 9222 } },",
    "    { name: 'jobs', script: 'jobs/index.js', instances: 4, exec_mode: 'cluster', env: { PORT: 4620 } },",
    "    { name: 'ws', script: 'ws/index.js', instances: 'max', increment_var: 'PORT', env: { PORT: 4630 } },",
    "    { name: 'one', script: 'one.js', instances: 1, increment_var: 'PORT', env: { PORT: 4640 }, kill_timeout: 3000 },",
    '  ],',
    '};',
  );
  const occurrences = extractWith(pm2Extractor, 'ecosystem.config.js', text);
  assert.deepEqual(occurrences.map((o) => `${brief(text, o)}${o.portEnd ? ` ..${o.portEnd}` : ''}`), [
    'bind 4600 label=api owner=api key=PORT @3:115 ..4603',
    'bind 9222 label=cdp owner=api key=CDP_PORT @3:131',
    'bind 4620 label=api owner=jobs key=PORT @4:95',
    'bind 4630 label=api owner=ws key=PORT @5:96',
    'bind 4640 label=api owner=one key=PORT @6:88',
  ]);
});

test('the JSON ecosystem form, with "instances" as a string; never read as a plan', () => {
  assert.ok(pm2Extractor.matches('reports/ecosystem.config.json') && pm2Extractor.matches('ecosystem.json') && pm2Extractor.matches('process.json'));
  assert.ok(!pm2Extractor.matches('package.json') && !pm2Extractor.matches('node_modules/x/ecosystem.json'));
  assert.ok(!isEcosystemPath('ecosystem.json'), 'a plan candidate');
  const text = joinLines(
    '{',
    '  "apps": [',
    '    { "name": "reports", "script": "src/server.js", "instances": "3", "increment_var": "PORT", "env": { "PORT": 4650 } },',
    '    { "name": "reports-exporter", "script": "src/exporter.js", "env": { "PORT": 4653 }, "cron_restart": "0 4 * * *" }',
    '  ]',
    '}',
  );
  const occurrences = extractWith(pm2Extractor, 'reports/ecosystem.config.json', text);
  assert.deepEqual(occurrences.map((o) => `${brief(text, o)}${o.portEnd ? ` ..${o.portEnd}` : ''}`), [
    'bind 4650 label=api owner=reports key=PORT @3:113 ..4652',
    'bind 4653 label=api owner=reports-exporter key=PORT @4:81',
  ]);
});

test('"apps" inside a string or a comment is not the apps list', () => {
  const text = joinLines('// apps: [ { name: "x", env: { PORT: 1234 } } ]', "const doc = '\"apps\": [ { \"env\": { \"PORT\": 1235 } } ]';");
  assert.deepEqual(extractWith(pm2Extractor, 'ecosystem.config.js', text), []);
});
