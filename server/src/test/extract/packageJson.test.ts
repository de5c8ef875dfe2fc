import assert from 'node:assert/strict';
import { test } from 'node:test';
import { OccurrenceSink, sourceFile } from '../../engine/extract/extractor';
import { packageJsonExtractor } from '../../engine/extract/packageJson';
import { brief, extractWith, joinLines } from '../helpers/extract';

const FILE = 'apps/web/package.json';

function briefs(text: string): string[] {
  return extractWith(packageJsonExtractor, FILE, text).map((o) => brief(text, o));
}

test('matches package.json only', () => {
  assert.equal(packageJsonExtractor.matches('apps/web/package.json'), true);
  assert.equal(packageJsonExtractor.matches('package-lock.json'), false);
  assert.equal(packageJsonExtractor.matches('tsconfig.json'), false);
});

test('the package name is declared for its folder', () => {
  const file = sourceFile(FILE, '{ "name": "@acme/web", "version": "1.2.3" }');
  const sink = new OccurrenceSink(file, packageJsonExtractor.id);
  packageJsonExtractor.extract(file, sink);
  assert.equal(sink.declaredName, '@acme/web');
});

test('start scripts bind their ports; URLs and proxy are references', () => {
  const text = joinLines(
    '{',
    '  "name": "web",',
    '  "proxy": "http://localhost:5000",',
    '  "config": { "port": 8080 },',
    '  "scripts": {',
    '    "dev": "vite --port 5173 --strictPort",',
    '    "preview": "vite preview --port=4173",',
    '    "start": "next start -p 3000",',
    '    "serve": "PORT=3001 node server.js",',
    '    "serve:win": "cross-env PORT=3002 DB_PORT=5432 node server.js",',
    '    "e2e": "wait-on http://localhost:3000 tcp:localhost:3010 && playwright test",',
    '    "storybook": "storybook dev -p 6006",',
    '    "api": "uvicorn app:app --reload --port \\"8000\\"",',
    '    "debug": "nodemon src/index.js --inspect=0.0.0.0:9229"',
    '  }',
    '}',
  );
  assert.deepEqual(briefs(text), [
    'bind 5173 owner=web @6:25',
    'bind 4173 owner=web @7:37',
    'bind 3000 owner=web @8:29',
    'bind 3001 owner=web key=PORT @9:20',
    'bind 3002 owner=web key=PORT @10:34',
    'reference 5432 owner=web key=DB_PORT @10:47',
    'reference 3000 owner=web host=localhost @11:38',
    'reference 3010 owner=web host=localhost @11:57',
    'bind 6006 owner=web @12:36',
    'bind 8000 owner=web @13:47',
    'bind 9229 owner=web host=0.0.0.0 @14:54',
    'reference 5000 owner=web host=localhost @3:30',
    'bind 8080 owner=web @4:23',
  ]);
});

test('scripts that start containers publish their ports; clients of other ports are references', () => {
  const text = joinLines(
    '{',
    '  "name": "api",',
    '  "scripts": {',
    '    "db": "docker run --rm -p 5432:5432 postgres:16",',
    '    "cache": "podman run -p 127.0.0.1:6380:6379 redis",',
    '    "migrate": "psql -p 5433 -f schema.sql && redis-cli -p 6381 ping",',
    '    "start": "node dist/server.js --metrics-port 9464 --redis-port 6379"',
    '  }',
    '}',
  );
  assert.deepEqual(briefs(text), [
    'publish 5432 owner=api @4:31',
    'expose 5432 owner=api @4:36',
    'publish 6380 owner=api host=127.0.0.1 @5:39',
    'expose 6379 owner=api @5:44',
    'reference 5433 owner=api @6:25',
    'reference 6381 owner=api @6:60',
    'bind 9464 owner=api @7:50',
    'reference 6379 owner=api @7:68',
  ]);
});

test('-p that is not a port, versions and engines produce nothing', () => {
  const text = joinLines(
    '{',
    '  "name": "tools",',
    '  "version": "3.0.0",',
    '  "engines": { "node": ">=18.17.0" },',
    '  "scripts": {',
    '    "build": "tsc -p tsconfig.build.json && mkdir -p dist/8080 && cp -p a b",',
    '    "lint": "eslint --max-warnings 0 .",',
    '    "test": "jest --maxWorkers=4 --testTimeout=30000"',
    '  },',
    '  "dependencies": { "react": "^18.2.0", "vite": "5.4.1" },',
    '  "port": 3000',
    '}',
  );
  assert.deepEqual(briefs(text), []);
});

test('a file that is not JSON yields nothing', () => {
  assert.deepEqual(briefs('not json at all: 3000'), []);
});
