import assert from 'node:assert/strict';
import { test } from 'node:test';
import { procfileExtractor } from '../../engine/extract/procfile';
import { brief, extractWith, joinLines } from '../helpers/extract';

function briefs(path: string, text: string, companions?: Record<string, string>): string[] {
  return extractWith(procfileExtractor, path, text, companions).map((o) => brief(text, o));
}

const RAILS_PROCFILE = joinLines(
  'web: bin/rails server -b 0.0.0.0',
  'js: yarn build --watch',
  'css: bin/rails tailwindcss:watch',
  'api: node services/api/index.js',
  'docs: npx http-server docs/_site -p 3700 -c-1',
);

test('procfileExtractor: Procfiles, and the files beside them that say how they run', () => {
  for (const p of ['Procfile', 'Procfile.dev', 'apps/web/Procfile.local']) assert.equal(procfileExtractor.matches(p), true, p);
  for (const p of ['Procfile.md', 'docs/Procfile.txt', 'Procfiles', 'node_modules/x/Procfile']) assert.equal(procfileExtractor.matches(p), false, p);
  assert.deepEqual(procfileExtractor.companions!('tools/console/Procfile'), ['tools/console/.env', 'tools/console/.foreman', 'tools/console/.overmind.env', 'tools/console/bin/dev']);
  for (const p of ['.env', 'a/.overmind.env', '.foreman', 'bin/dev', 'apps/web/bin/dev']) assert.equal(procfileExtractor.isCompanion!(p), true, p);
  for (const p of ['.env.example', 'bin/setup', 'dev']) assert.equal(procfileExtractor.isCompanion!(p), false, p);
});

test('foreman: each process that takes PORT binds base + 100 × its index, on its name; watchers bind nothing; a written port wins', () => {
  const binDev = joinLines('#!/usr/bin/env sh', '# Default to port 3400 if not specified', 'export PORT="${PORT:-3400}"', 'exec foreman start -f Procfile.dev "$@"');
  assert.deepEqual(briefs('Procfile.dev', RAILS_PROCFILE, { 'bin/dev': binDev }), [
    'bind web owner=web key=PORT @1:1',
    'bind api owner=services/api/index.js key=PORT @4:1',
    'bind 3700 owner=docs @5:37',
  ]);
  const ports = extractWith(procfileExtractor, 'Procfile.dev', RAILS_PROCFILE, { 'bin/dev': binDev }).map((o) => o.port);
  assert.deepEqual(ports, [3400, 3700, 3700]);
});

test('foreman base: -p on the starter, .foreman, .env, the exported PORT, else 5000', () => {
  const portsWith = (companions: Record<string, string>): number[] => extractWith(procfileExtractor, 'Procfile.dev', 'web: bundle exec puma -C config/puma.rb\nworker: bundle exec sidekiq\napi: bundle exec rails s', companions).map((o) => o.port);
  assert.deepEqual(portsWith({}), [5000, 5200]);
  assert.deepEqual(portsWith({ 'bin/dev': 'PORT=3000 foreman start -f Procfile.dev' }), [3000, 3200]);
  assert.deepEqual(portsWith({ 'bin/dev': 'export PORT=3000\nexec foreman start -f Procfile.dev -p 4000' }), [4000, 4200]);
  assert.deepEqual(portsWith({ 'bin/dev': 'export PORT=3000\nforeman start -f Procfile.dev', '.env': 'PORT=3100\n' }), [3100, 3300]);
  assert.deepEqual(portsWith({ '.foreman': 'procfile: Procfile.dev\nport: 4100\n', '.env': 'PORT=3100' }), [4100, 4300]);
  // A starter that runs another Procfile says nothing about this one.
  assert.deepEqual(portsWith({ 'bin/dev': 'PORT=3000 foreman start -f Procfile.other' }), [5000, 5200]);
  // `gem install foreman` is not a start.
  assert.deepEqual(portsWith({ 'bin/dev': 'gem install foreman\nPORT=3000 bin/rails server' }), [5000, 5200]);
});

test('overmind: base and step from .overmind.env or its flags; -N gives no PORT at all', () => {
  const procfile = joinLines('console: python3 -m http.server $PORT --directory static', 'console-ws: node ws.js', 'tunnel: ngrok http 3900');
  const overmindEnv = joinLines('OVERMIND_PORT=3900', 'OVERMIND_PORT_STEP=10', 'OVERMIND_CAN_DIE=console');
  const occurrences = extractWith(procfileExtractor, 'tools/console/Procfile', procfile, { 'tools/console/.overmind.env': overmindEnv });
  assert.deepEqual(occurrences.map((o) => `${brief(procfile, o)} ${o.port}`), ['bind console owner=console key=PORT @1:1 3900', 'bind console-ws owner=console-ws key=PORT @2:1 3910']);
  const ports = (companions: Record<string, string>): number[] => extractWith(procfileExtractor, 'Procfile.dev', procfile, companions).map((o) => o.port);
  assert.deepEqual(ports({ 'bin/dev': 'exec overmind start -f Procfile.dev -p 3000 -P 5' }), [3000, 3005]);
  assert.deepEqual(ports({ 'bin/dev': 'exec overmind s -N -f Procfile.dev' }), []);
  assert.deepEqual(ports({ '.overmind.env': 'OVERMIND_NO_PORT=1' }), []);
});

test('a plain Procfile nothing runs locally is the platform manifest: written ports only, no implied ones', () => {
  const text = joinLines('web: bundle exec puma -C config/puma.rb', 'release: bin/rails db:migrate', 'admin: node admin/server.js --port 4001');
  assert.deepEqual(briefs('Procfile', text), ['bind 4001 owner=admin/server.js @3:36']);
  assert.deepEqual(briefs('Procfile', text, { '.overmind.env': 'OVERMIND_PORT=3900' }), ['bind web owner=web key=PORT @1:1', 'bind 4001 owner=admin/server.js @3:36']);
});

test('who takes the offered PORT: $PORT, known servers, web, a workspace script; not workers, watchers, or a line that sets its own', () => {
  const text = joinLines(
    'web: npm start',
    'worker: bundle exec sidekiq -C config/sidekiq.yml',
    'next: npx next dev',
    'assets: bin/vite dev',
    'app: PORT=3001 node server.js',
    'redis: redis-server --port $PORT',
    'clock: node clock.js',
    'svc: node --inspect=9229 apps/svc/main.ts',
    '# comment: node x.js',
    'tsc: npx tsc -w -p tsconfig.json',
  );
  const occurrences = extractWith(procfileExtractor, 'Procfile.dev', text);
  assert.deepEqual(occurrences.map((o) => `${brief(text, o)} ${o.port}`), [
    'bind web owner=web key=PORT @1:1 5000',
    'bind next owner=next key=PORT @3:1 5200',
    'bind 3001 owner=app key=PORT @5:11 3001',
    'bind redis owner=redis key=PORT @6:1 5500',
    'bind 9229 owner=apps/svc/main.ts @8:21 9229',
    'bind svc owner=apps/svc/main.ts key=PORT @8:1 5700',
  ]);
});
