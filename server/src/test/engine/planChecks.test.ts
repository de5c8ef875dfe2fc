import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { engineFor, summaries, type Files } from '../helpers/inMemoryWorkspace';
import { joinLines } from '../helpers/extract';

/** Code against the plan: drift, out-of-range, unassigned, stale references, and the rule settings. */

const PLAN = joinLines(
  'version: 1',
  'ranges:',
  '  - { name: Core Services, ports: 4100-4119, reserved: [4115-4119] }',
  '  - { name: Frontends, ports: 5100-5119 }',
  'services:',
  '  auth:',
  '    port: 4100',
  '  billing:',
  '    port: 4102',
  '  search:',
  '    port: 4103',
  '  web:',
  '    port: 5100',
  '',
);

const goService = (port: string) =>
  joinLines(
    'package main',
    '',
    'import (',
    '\t"net/http"',
    '\t"os"',
    '\t"time"',
    ')',
    '',
    'func getEnv(k, d string) string {',
    '\tif v := os.Getenv(k); v != "" {',
    '\t\treturn v',
    '\t}',
    '\treturn d',
    '}',
    '',
    'func main() {',
    `\tport := getEnv("PORT", "${port}")`,
    '\tsrv := &http.Server{Addr: ":" + port, ReadTimeout: 15 * time.Second}',
    '\tsrv.ListenAndServe()',
    '}',
    '',
  );

const WORKSPACE: Files = {
  'ports.yaml': PLAN,
  'services/auth/package.json': '{ "name": "auth" }\n',
  'services/auth/src/server.ts': "import http from 'node:http';\nconst TOKEN_TTL = 4101;\nhttp.createServer().listen(Number(process.env.PORT ?? 4100));\n",
  'services/billing/go.mod': 'module example.com/billing\n\ngo 1.22\n',
  'services/billing/main.go': goService('4105'),
  'services/search/requirements.txt': 'fastapi\n',
  'services/search/app/main.py': joinLines(
    'import os',
    'import uvicorn',
    'from fastapi import FastAPI',
    '',
    'app = FastAPI()',
    'OLLAMA_URL = os.getenv("OLLAMA_URL", "http://localhost:11434")',
    'MAX_RESULTS = 4103',
    '',
    'if __name__ == "__main__":',
    '    uvicorn.run(app, host="0.0.0.0", port=int(os.getenv("PORT", "4130")))',
    '',
  ),
  'services/notifier/package.json': '{ "name": "notifier" }\n',
  'services/notifier/index.js': "const express = require('express');\nconst app = express();\napp.listen(process.env.PORT || 4110);\n",
  'services/mailer/package.json': '{ "name": "mailer" }\n',
  'services/mailer/index.js': "const express = require('express');\nconst app = express();\napp.listen(process.env.PORT || 4102);\n",
};

describe('drift, out-of-range and unassigned', () => {
  it('reports each listener against its plan entry, with the planned port and range', async () => {
    const engine = await engineFor(WORKSPACE);
    assert.deepEqual(summaries(engine.findings()), [
      'drift warning services/billing/main.go:17 4105 billing',
      'unassigned warning services/mailer/index.js:3 4102 mailer,billing',
      'unassigned info services/notifier/index.js:3 4110 notifier',
      'drift warning services/search/app/main.py:10 4130 search',
      'out-of-range warning services/search/app/main.py:10 4130 search',
    ]);
    const byRule = (rule: string, file: string) => engine.findings().find((f) => f.rule === rule && f.file === file)!;
    const drift = byRule('drift', 'services/billing/main.go');
    assert.equal(drift.plannedPort, 4102);
    assert.equal(drift.rangeName, 'Core Services');
    assert.deepEqual(drift.range, { start: { line: 16, character: 25 }, end: { line: 16, character: 29 } });
    assert.match(drift.message, /billing binds 4105; the plan assigns 4102 \(ports\.yaml:9\)/);
    assert.match(byRule('out-of-range', 'services/search/app/main.py').message, /outside its range Core Services \(4100-4119\)/);
  });

  it('unassigned is a warning when the plan gives the port to someone else, info otherwise', async () => {
    const engine = await engineFor(WORKSPACE);
    const mailer = engine.findings().find((f) => f.file === 'services/mailer/index.js')!;
    assert.match(mailer.message, /The plan gives 4102 to billing/);
    assert.deepEqual(mailer.related.map((r) => `${r.file}:${r.range.start.line + 1}`), ['ports.yaml:9']);
    const notifier = engine.findings().find((f) => f.file === 'services/notifier/index.js')!;
    assert.match(notifier.message, /4110 lies in Core Services/);
    assert.equal(notifier.rangeName, 'Core Services');
  });

  it('without a plan nothing is drift or unassigned', async () => {
    const { 'ports.yaml': _plan, ...code } = WORKSPACE;
    const engine = await engineFor(code);
    assert.deepEqual(summaries(engine.findings()), []);
  });
});

describe('stale references', () => {
  const CREDITS_PLAN = joinLines(
    'version: 1',
    'ranges:',
    '  - { name: Core Platform Services, ports: 3000-3009, reserved: [3006-3009] }',
    'services:',
    '  mana-auth:',
    '    port: 3001',
    '  mana-credits:',
    '    port: 3002',
    '',
  );
  const CREDITS: Files = {
    'ports.yaml': CREDITS_PLAN,
    'services/mana-credits/go.mod': 'module example.com/credits\n',
    'services/mana-credits/main.go': goService('3002'),
    'services/mana-auth/package.json': '{ "name": "mana-auth" }\n',
    'services/mana-auth/src/index.ts': 'const port = Number(process.env.PORT ?? 3001);\nexport default { port };\n',
  };

  it('by key: MANA_CREDITS_URL at a port the plan does not give mana-credits', async () => {
    const engine = await engineFor({ ...CREDITS, '.env.development': 'MANA_AUTH_URL=http://localhost:3001\nMANA_CREDITS_URL=http://localhost:3061\nJWT_EXPIRY_SECONDS=3600\n' });
    assert.deepEqual(summaries(engine.findings()), ['stale-reference warning .env.development:2 3061 mana-credits']);
    const [stale] = engine.findings();
    // Judged against where mana-credits listens (its Go default, which happens to be the planned 3002).
    assert.equal(stale.listeningPort, 3002);
    assert.deepEqual(stale.fixes, ['use-listening-port']);
    assert.match(stale.message, /MANA_CREDITS_URL points at 3061, but mana-credits listens on 3002 \(services\/mana-credits\/main\.go:17\)/);
  });

  it('by host name: http://mana-credits:3005 in code, with no key to go by', async () => {
    const engine = await engineFor({
      ...CREDITS,
      'services/mana-auth/src/credits.ts': "export const balance = (user: string) => fetch(`http://mana-credits:3005/api/v1/credits/${user}`);\nexport const ok = () => fetch('http://mana-credits:3002/health');\n",
    });
    assert.deepEqual(summaries(engine.findings()), ['stale-reference warning services/mana-auth/src/credits.ts:1 3005 mana-credits']);
  });

  it('a local URL inside a plan range that nothing listens on and nobody is planned at', async () => {
    const engine = await engineFor({ ...CREDITS, 'scripts/smoke.sh': '#!/bin/sh\ncurl -fsS http://localhost:3004/health\ncurl -fsS http://localhost:3001/health\n' });
    assert.deepEqual(summaries(engine.findings()), ['stale-reference warning scripts/smoke.sh:2 3004 ']);
    assert.match(engine.findings()[0].message, /points at port 3004 in Core Platform Services, but nothing in this workspace listens there/);
  });

  it('a local URL to software outside the plan\'s ranges is none of the plan\'s business', async () => {
    const engine = await engineFor({
      ...CREDITS,
      '.env': 'OLLAMA_URL=http://localhost:11434\nREDIS_URL=redis://localhost:6379\nDATABASE_URL=postgresql://mana:dev@localhost:5432/mana\n',
      'services/mana-auth/src/search.ts': "export const search = (q: string) => fetch(`http://localhost:8888/search?q=${q}`);\n",
    });
    assert.deepEqual(summaries(engine.findings()), []);
  });

  it('a reference at the planned port is broken today while the service still listens elsewhere: SEARCH_URL 4103, search on 4130', async () => {
    const engine = await engineFor({ ...WORKSPACE, '.env': 'SEARCH_URL=http://localhost:4103\n' });
    const stale = engine.findings().filter((f) => f.rule === 'stale-reference');
    assert.deepEqual(summaries(stale), ['stale-reference warning .env:1 4103 search']);
    assert.match(stale[0].message, /search listens on 4130 \(services\/search\/app\/main\.py:10\)/);
  });
});

describe('rule settings', () => {
  it("{ drift: 'off' } removes drift and nothing else", async () => {
    const engine = await engineFor(WORKSPACE, { rules: { drift: 'off' } });
    assert.deepEqual(summaries(engine.findings()), [
      'unassigned warning services/mailer/index.js:3 4102 mailer,billing',
      'unassigned info services/notifier/index.js:3 4110 notifier',
      'out-of-range warning services/search/app/main.py:10 4130 search',
    ]);
  });

  it('a severity replaces the default; changing settings on a live engine re-checks', async () => {
    const engine = await engineFor(WORKSPACE, { rules: { unassigned: 'error' } });
    assert.deepEqual(summaries(engine.findings(), 'unassigned'), [
      'unassigned error services/mailer/index.js:3 4102 mailer,billing',
      'unassigned error services/notifier/index.js:3 4110 notifier',
    ]);
    engine.configure({ planFiles: [], rules: { unassigned: 'off', 'out-of-range': 'hint' } });
    assert.deepEqual(summaries(engine.findings()), [
      'drift warning services/billing/main.go:17 4105 billing',
      'drift warning services/search/app/main.py:10 4130 search',
      'out-of-range hint services/search/app/main.py:10 4130 search',
    ]);
  });
});

describe('stale references in tests', () => {
  it('a test pointing at a mock server on a free port of the plan is not a stale reference', async () => {
    const engine = await engineFor({
      'ports.yaml': 'version: 1\nranges:\n  - { name: Core, ports: 4100-4119 }\nservices:\n  api: { port: 4100 }\n',
      'services/api/src/server.ts': 'app.listen(Number(process.env.PORT ?? 4100));\n',
      'services/api/src/server.test.ts': "const mock = 'http://localhost:4111/health';\n",
      'services/api/src/client.ts': "export const HEALTH_URL = 'http://localhost:4112/health';\n",
    });
    assert.deepEqual(summaries(engine.findings(), 'stale-reference'), ['stale-reference warning services/api/src/client.ts:1 4112 ']);
  });
});
