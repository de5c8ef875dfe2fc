import assert from 'node:assert/strict';
import { test } from 'node:test';
import { jsTsExtractor } from '../../engine/extract/jsTs';
import { assertEachFormAlone, brief, extractWith, joinLines } from '../helpers/extract';

function briefs(path: string, text: string): string[] {
  return extractWith(jsTsExtractor, path, text).map((o) => brief(text, o));
}

test('jsTsExtractor.matches: which paths it reads', () => {
  for (const p of ['src/server.ts', 'a/b.mjs', 'c.cjs', 'App.tsx', 'x.jsx', 'y.mts', 'z.cts', 'App.vue', 'Page.svelte']) assert.equal(jsTsExtractor.matches(p), true, p);
  for (const p of ['types/index.d.ts', 'vendor/jquery.min.js', 'ecosystem.config.cjs', 'apps/ecosystem.config.js', 'README.md', 'main.go']) assert.equal(jsTsExtractor.matches(p), false, p);
});

test("listen calls, env defaults and port constants bind; other services' ports are references; timers, statuses, dates, sizes and comments are silent", () => {
  const text = joinLines(
    "import express from 'express';",
    'const app = express();',
    'const PORT = process.env.PORT ?? 3001;',
    'const port = Number(process.env.PORT || "3002");',
    "const grpcPort = parseInt(process.env.PORT ?? '3003', 10);",
    'const dbPort = process.env.DB_PORT || 5432;',
    'const REDIS_PORT = 6379;',
    "app.listen(3000, () => console.log('listening on 3000'));",
    "server.listen({ port: 4000, host: '0.0.0.0' });",
    'setTimeout(retry, 3000);',
    "res.status(404).json({ maxAge: 86400, version: '3.0.0', width: 1024 });",
    'const launched = new Date(2024, 0, 1);',
    '// app.listen(9999)',
    '/* const PORT = 9998; */',
    'const pattern = /\\/\\/ 9997/;',
  );
  assert.deepEqual(briefs('src/server.ts', text), [
    'bind 3000 @8:12',
    'bind 3001 key=PORT @3:34',
    'bind 3002 key=PORT @4:42',
    'bind 3003 key=PORT @5:48',
    'reference 5432 key=DB_PORT @6:39',
    'reference 6379 key=REDIS_PORT @7:20',
    'bind 4000 @9:23',
  ]);
});

test('port properties: server options bind, client options (database, cache, health probe) reference', () => {
  const text = joinLines(
    'export default defineConfig({',
    "  server: { port: 5173, host: '0.0.0.0' },",
    '  preview: { port: Number(process.env.PREVIEW) || 4173 },',
    '});',
    "const pool = new Pool({ host: 'db', user: 'app', password: 'secret', database: 'app', port: 5433 });",
    "const cache = createClient({ host: 'redis', port: 6380 });",
    "const probe = { host: 'localhost', port: process.env.PORT || 8080, path: '/healthz' };",
    'module.exports = {',
    "  database: { host: 'db', user: 'root', port: 3306 },",
    '  port: process.env.PORT || 8081,',
    '};',
  );
  assert.deepEqual(briefs('vite.config.ts', text), [
    'bind 4173 key=PREVIEW @3:51',
    'reference 8080 key=PORT @7:62',
    'bind 8081 key=PORT @10:29',
    'bind 5173 @2:19',
    'reference 5433 @5:93',
    'reference 6380 @6:51',
    'reference 3306 @9:47',
  ]);
});

test('URLs and host:port strings are references keyed by what they are assigned to; a cache key is not an address', () => {
  const text = joinLines(
    "const CREDITS_URL = 'http://localhost:3061';",
    'export const config = {',
    "  MANA_CREDITS_URL: process.env.MANA_CREDITS_URL ?? 'http://localhost:3002',",
    '};',
    'await fetch(`http://api.internal:8443/v1/items?page=${page}`);',
    'const target = "backend:8080";',
    'const cacheKey = "user:1234";',
  );
  assert.deepEqual(briefs('src/clients.js', text), [
    'reference 3061 host=localhost key=CREDITS_URL @1:39',
    'reference 3002 host=localhost key=MANA_CREDITS_URL @3:71',
    'reference 8443 host=api.internal @5:34',
    'reference 8080 host=backend key=target @6:25',
  ]);
});

test('in a test file a listener is only a reference', () => {
  const text = joinLines(
    'app.listen(3000);',
    'const url = "http://localhost:3000";',
  );
  assert.deepEqual(briefs('src/__tests__/server.test.ts', text), [
    'reference 3000 @1:12',
    'reference 3000 host=localhost key=url @2:31',
  ]);
});

test('a minified bundle (a line over 1000 characters) is skipped whole', () => {
  const source = 'app.listen(3000);';
  assert.deepEqual(briefs('public/bundle.js', source), ['bind 3000 @1:12']);
  assert.deepEqual(briefs('public/bundle.js', joinLines(source, 'var a=1;'.repeat(200))), []);
});

test("env helpers with a default: own port names bind, other services' are references, other names are silent", () => {
  const text = joinLines(
    "import { envInt, envStr } from '@acme/env';",
    'export const config = {',
    "  port: intEnv('PORT', 4069),",
    "  ledgerPort: intEnv('LEDGER_PORT', 4030),",
    "  maxConnections: intEnv('MAX_CONNECTIONS', 4096),",
    "  heartbeatMs: intEnv('HEARTBEAT_MS', 25000),",
    '};',
    'export const PORT = envInt("PORT", 4070);',
    'export const SMTP_PORT = envInt(`SMTP_PORT`, "1025");',
    "export const TIMEOUT = intEnv('TIMEOUT_MS', 3000);",
    "const metrics = env.num('METRICS_PORT', 9464), portal = conf.get('server.port', 8080);",
    "app.listen(getPort('API_PORT', 3005));",
    "const cache = createClient({ host: 'redis', port: intEnv('PORT', 6380) });",
    "// intEnv('PORT', 9999)",
    "form.setValue('port', 5432); localStorage.setItem('PORT', '3000'); expect(get('port', 1)).toBe(1);",
    "emitter.emit('port', 8080); app.set('port', 3000);",
  );
  assert.deepEqual(briefs('src/config.ts', text), [
    'bind 4069 key=PORT @3:24',
    'reference 4030 key=LEDGER_PORT @4:37',
    'bind 4070 key=PORT @8:36',
    'reference 1025 key=SMTP_PORT @9:47',
    'bind 9464 key=METRICS_PORT @11:41',
    'bind 8080 key=server.port @11:81',
    'bind 3005 key=API_PORT @12:32',
    'reference 6380 key=PORT @13:66',
  ]);
});

test('a module holding only one of the forms is still read; one holding none of them is passed over', () => {
  // Each form alone, so the cheap look at the text before lexing must let each through.
  const alone: [string, string][] = [
    ['app.listen(3000);', 'bind 3000 @1:12'],
    ['const p = Number(Deno.env.get("WEB") ?? 4400);', 'reference 4400 key=WEB @1:41'],
    // A one-digit port: only the URL form says that the text may hold it.
    ["fetch('http://web:8/x');", 'reference 8 host=web @1:19'],
    ["const upstream = 'billing:4102';", 'reference 4102 host=billing @1:27'],
    ['export default { serverPort: 5173 };', 'bind 5173 @1:30'],
    ["const cfg = intEnv('HTTP_PORT', 8081);", 'bind 8081 key=HTTP_PORT @1:33'],
    ["const local = 'http://[::1]:9229/json';", 'reference 9229 host=[::1] @1:29'],
  ];
  // URLs without a port say nothing, nor do the numbers of an object literal.
  const none = joinLines("import { report } from './support';", '// See https://docs.example.com/retries', "const api = fetch('https://api.example.com/v1?page=10');", 'export const timeoutMs = 3000;', 'const size = { width: 1024, height: 768 };');
  assertEachFormAlone(jsTsExtractor, 'src/x.ts', alone, none);
});
