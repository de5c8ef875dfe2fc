import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { engineFor, summaries, type Files } from '../helpers/inMemoryWorkspace';
import { joinLines } from '../helpers/extract';

/** One port, one network namespace: which listeners collide, and how sure the engine is. */

const AUTH_NODE: Files = {
  'services/auth/package.json': '{ "name": "auth", "scripts": { "start": "node src/server.js" } }\n',
  'services/auth/src/server.js': joinLines(
    "const http = require('node:http');",
    'const SESSION_TTL_MS = 4000 * 60;',
    'const port = Number(process.env.PORT ?? 4000);',
    'http.createServer(() => {}).listen(port);',
    '',
  ),
};

const SEARCH_PY: Files = {
  'services/search/requirements.txt': 'fastapi==0.110.0\nuvicorn==0.29.0\n',
  'services/search/app/main.py': joinLines(
    'import os',
    'import uvicorn',
    'from fastapi import FastAPI',
    '',
    'app = FastAPI()',
    'REQUEST_TIMEOUT = 4000',
    '',
    'if __name__ == "__main__":',
    '    uvicorn.run(app, host="0.0.0.0", port=int(os.getenv("PORT", "4000")))',
    '',
  ),
};

function planWithHosts(authHost: string, searchHost: string): string {
  return joinLines(
    'version: 1',
    'hosts:',
    '  mac-mini: {}',
    '  gpu-box: { address: 192.168.178.11 }',
    'ranges:',
    '  - { name: Core, ports: 4000-4019, reserved: [4015-4019] }',
    'services:',
    '  auth:',
    '    port: 4000',
    `    host: ${authHost}`,
    '  search:',
    '    port: 4001',
    `    host: ${searchHost}`,
    '',
  );
}

describe('collisions by network namespace', () => {
  it('two planned services on one plan host binding one port: an error at each site', async () => {
    const engine = await engineFor({ 'ports.yaml': planWithHosts('mac-mini', 'mac-mini'), ...AUTH_NODE, ...SEARCH_PY });
    assert.deepEqual(summaries(engine.findings(), 'collision'), [
      'collision error services/auth/src/server.js:3 4000 auth,search',
      'collision error services/search/app/main.py:9 4000 search,auth',
    ]);
    const [auth] = engine.findings().filter((f) => f.rule === 'collision');
    assert.match(auth.message, /on host mac-mini/);
    assert.deepEqual(auth.related.map((r) => `${r.file}:${r.range.start.line + 1}`), ['services/search/app/main.py:9']);
  });

  it('the same port on two different plan hosts is no collision (the drift is still reported)', async () => {
    const engine = await engineFor({ 'ports.yaml': planWithHosts('mac-mini', 'gpu-box'), ...AUTH_NODE, ...SEARCH_PY });
    assert.deepEqual(summaries(engine.findings()), ['drift warning services/search/app/main.py:9 4000 search']);
  });

  it('two source defaults with no plan: possible collision on an unknown host, a warning', async () => {
    const engine = await engineFor({ ...AUTH_NODE, ...SEARCH_PY });
    assert.deepEqual(summaries(engine.findings()), [
      'collision warning services/auth/src/server.js:3 4000 auth,search',
      'collision warning services/search/app/main.py:9 4000 search,auth',
    ]);
    assert.match(engine.findings()[0].message, /where the host is unknown.*set their 'host' in the plan/);
  });

  it('two services of one Compose file publishing one host port: an error', async () => {
    const engine = await engineFor({
      'compose.yaml': joinLines(
        'services:',
        '  web:',
        '    image: nginx:1.25',
        '    ports:',
        '      - "8080:80"',
        '  admin:',
        '    image: adminer:4',
        '    ports:',
        '      - "8080:8080"',
        '  db:',
        '    image: postgres:16',
        '    expose:',
        '      - "5432"',
        '',
      ),
    });
    assert.deepEqual(summaries(engine.findings()), ['collision error compose.yaml:5 8080 web,admin', 'collision error compose.yaml:9 8080 admin,web']);
    assert.match(engine.findings()[0].message, /in Compose project compose\.yaml/);
  });

  it('two independent Compose projects publishing one port: only a hint', async () => {
    const engine = await engineFor({
      'a/compose.yaml': joinLines('services:', '  web:', '    image: nginx:1.25', '    ports:', '      - "8080:80"', ''),
      'b/compose.yaml': joinLines('services:', '  shop:', '    image: shop:1', '    ports:', '      - "127.0.0.1:8080:3000"', ''),
    });
    assert.deepEqual(summaries(engine.findings()), ['collision hint a/compose.yaml:5 8080 web,shop', 'collision hint b/compose.yaml:5 8080 shop,web']);
    assert.match(engine.findings()[0].message, /if these Compose projects run on one machine/);
  });

  it('Compose files joined by include: share one host: an error', async () => {
    const engine = await engineFor({
      'compose.yaml': joinLines('include:', '  - infra/compose.yaml', 'services:', '  web:', '    image: nginx:1.25', '    ports:', '      - "8080:80"', ''),
      'infra/compose.yaml': joinLines('services:', '  grafana:', '    image: grafana/grafana:11.0.0', '    ports:', '      - "8080:3000"', ''),
    });
    assert.deepEqual(summaries(engine.findings()), ['collision error compose.yaml:7 8080 web,grafana', 'collision error infra/compose.yaml:5 8080 grafana,web']);
  });

  it('container sides of "H:C", bare container ports and EXPOSE never collide', async () => {
    const engine = await engineFor({
      'compose.yaml': joinLines(
        'services:',
        '  web:',
        '    image: nginx:1.25',
        '    ports:',
        '      - "8080:80"',
        '  proxy:',
        '    image: nginx:1.25',
        '    ports:',
        '      - "8081:80"',
        '      - "9090"',
        '  metrics:',
        '    image: prom/prometheus:v2.53.0',
        '    ports:',
        '      - "9091:9090"',
        '',
      ),
      'api/Dockerfile': joinLines('FROM node:20-alpine', 'EXPOSE 80', 'CMD ["node", "server.js"]', ''),
      'worker/Dockerfile': joinLines('FROM python:3.12-slim', 'EXPOSE 8080', 'CMD ["python", "-m", "worker"]', ''),
    });
    assert.deepEqual(summaries(engine.findings()), []);
    const listeners = engine.topology().sites.map((l) => `${l.occ.file}:${l.occ.range.start.line + 1} ${l.occ.port}`);
    assert.deepEqual(listeners.sort(), ['compose.yaml:14 9091', 'compose.yaml:5 8080', 'compose.yaml:9 8081']);
  });

  const BUILT_API: Files = {
    'api/package.json': '{ "name": "api", "scripts": { "start": "node server.js" } }\n',
    'api/server.js': "require('node:http').createServer().listen(process.env.PORT || 4000);\n",
  };
  const MOCK: Files = { 'tools/mock/main.py': 'import uvicorn\n\nuvicorn.run("mock:app", host="127.0.0.1", port=4000)\n' };

  it('a Compose service and its own source default (its build context) are one service, shown at both sites', async () => {
    const compose = joinLines('services:', '  api:', '    build: ./api', '    ports:', '      - "4000:4000"', '');
    const alone = await engineFor({ 'compose.yaml': compose, ...BUILT_API });
    assert.deepEqual(summaries(alone.findings()), []);
    // A real second listener collides with both of api's: the Compose publish, and the default `npm start` binds on its own.
    const withMock = await engineFor({ 'compose.yaml': compose, ...BUILT_API, ...MOCK });
    assert.deepEqual(summaries(withMock.findings()), [
      'collision warning api/server.js:1 4000 api,mock',
      'collision warning compose.yaml:5 4000 api,mock',
      'collision warning tools/mock/main.py:3 4000 mock,api',
    ]);
  });

  it('a source bind equal to its own container port listens in the container, not on the host', async () => {
    const compose = joinLines('services:', '  api:', '    build: ./api', '    ports:', '      - "8081:4000"', '');
    // Nothing starts api on its own (no start script): its 4000 is the container's.
    const engine = await engineFor({ 'compose.yaml': compose, 'api/package.json': '{ "name": "api" }\n', 'api/server.js': BUILT_API['api/server.js'], ...MOCK });
    assert.deepEqual(summaries(engine.findings()), []);
    const listeners = engine.topology().sites.map((l) => `${l.owner.name} ${l.occ.port} ${l.occ.kind}`);
    assert.deepEqual(listeners.sort(), ['api 8081 publish', 'mock 4000 bind']);
  });

  it('the same code started on its own by a script binds its default there: a collision when both run on their own', async () => {
    const compose = joinLines('services:', '  api:', '    build: ./api', '    ports:', '      - "8081:4000"', '');
    // Its own `start` script is what its container runs; a script elsewhere that starts it is what runs it on its own.
    const dev = { 'scripts/dev.sh': '#!/bin/sh\nnode api/server.js &\npython tools/mock/main.py\n' };
    const engine = await engineFor({ 'compose.yaml': compose, ...BUILT_API, ...MOCK, ...dev });
    assert.deepEqual(summaries(engine.findings()), ['collision warning api/server.js:1 4000 api,mock', 'collision warning tools/mock/main.py:3 4000 mock,api']);
    assert.match(engine.findings()[0].message, /when both run on their own/);
    const quiet = await engineFor({ 'compose.yaml': compose, ...BUILT_API, ...MOCK });
    assert.deepEqual(summaries(quiet.findings()), [], 'without the script, api runs only in its container');
  });

  it('rule setting { collision: "error" } raises an unknown-host warning to an error', async () => {
    const engine = await engineFor({ ...AUTH_NODE, ...SEARCH_PY }, { rules: { collision: 'error' } });
    assert.deepEqual(summaries(engine.findings()), [
      'collision error services/auth/src/server.js:3 4000 auth,search',
      'collision error services/search/app/main.py:9 4000 search,auth',
    ]);
  });
});

describe('Compose variants', () => {
  it('docker-compose.yml and docker-compose.prod.yml publishing one service on one port are one service, not a collision', async () => {
    const engine = await engineFor({
      'docker-compose.yml': 'services:\n  web:\n    image: nginx\n    ports: ["8080:80"]\n',
      'docker-compose.prod.yml': 'services:\n  web:\n    image: nginx\n    ports: ["8080:80"]\n  admin:\n    image: nginx\n    ports: ["8081:80"]\n',
    });
    assert.deepEqual(summaries(engine.findings(), 'collision'), []);
  });
});

describe('code Compose mounts into a service', () => {
  it('an nginx.conf mounted into the published web container listens in that container, not beside it', async () => {
    const engine = await engineFor({
      'compose.yaml': joinLines(
        'services:',
        '  web:',
        '    image: nginx',
        '    volumes:',
        '      - ./nginx/nginx.conf:/tmp/nginx.conf',
        '    ports:',
        '      - 80:80',
        '',
      ),
      'nginx/nginx.conf': joinLines('server {', '    listen       80;', '    location / { proxy_pass http://backend:9091; }', '}', ''),
    });
    assert.deepEqual(summaries(engine.findings(), 'collision'), []);
    const occ = engine.topology().occurrencesByFile.get('nginx/nginx.conf')!.find((o) => o.port === 80)!;
    assert.equal(engine.topology().ownerOf(occ).name, 'web');
  });

  it('an unmounted nginx.conf next to a root Compose file is still a listener of its own', async () => {
    const engine = await engineFor({
      'compose.yaml': joinLines('services:', '  web:', '    image: nginx', '    ports:', '      - 80:80', ''),
      'nginx/nginx.conf': joinLines('server {', '    listen       80;', '}', ''),
    });
    assert.deepEqual(summaries(engine.findings(), 'collision'), ['collision warning compose.yaml:5 80 web,nginx', 'collision warning nginx/nginx.conf:2 80 nginx,web']);
  });
});
