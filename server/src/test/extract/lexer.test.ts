import assert from 'node:assert/strict';
import { test } from 'node:test';
import { kindIn } from '../../engine/extract/occurrence';
import { isTestFile } from '../../engine/syntax/fileKinds';
import { addressLiteral } from '../../engine/syntax/hosts';
import { GO_LIKE, JS_LIKE, PYTHON, SHELL, bracketEnd, isMinified, scanSource } from '../../engine/syntax/lexer';
import { assignedKey, MAY_NAME_PORT, portNameRole, serviceNameFromKey } from '../../engine/syntax/names';
import { springPortValue } from '../../engine/syntax/portText';

/** `text` with each of `parts` replaced by spaces of the same length (line breaks kept): what the scanner should produce. */
function blankOut(text: string, ...parts: string[]): string {
  return parts.reduce((t, part) => t.replace(part, part.replace(/[^\n]/g, ' ')), text);
}

test('comments are blanked with every offset and line break kept; strings survive', () => {
  const text = 'const a = "http://x:1"; // port 9999\n/* 8888\n*/ const b = 1;';
  const { code, strings } = scanSource(text, JS_LIKE);
  assert.equal(code.length, text.length);
  assert.equal(code, blankOut(text, '// port 9999', '/* 8888\n*/'));
  assert.deepEqual(strings.map((s) => text.slice(s.start, s.end)), ['http://x:1']);
});

test('a string left unclosed (a line still being typed) keeps its last character; a closed one never holds its quote', () => {
  const contents = (text: string, syntax = JS_LIKE) => scanSource(text, syntax).strings.map((s) => text.slice(s.start, s.end));
  assert.deepEqual(contents("const upstream = 'billing:4102\nconst next = 'ok';"), ['billing:4102', 'ok']);
  assert.deepEqual(contents("const upstream = 'billing:4102\r\nconst x = 1;"), ['billing:4102'], 'a CRLF line break is no part of it');
  assert.deepEqual(contents("x = 'billing:4102"), ['billing:4102'], 'at the end of the text');
  assert.deepEqual(contents("x = '\r\ny = 2"), [''], 'empty');
  assert.deepEqual(contents('x = "it\\"s"'), ['it\\"s']);
  assert.deepEqual(contents('addr = """0.0.0.0:8000', PYTHON), ['0.0.0.0:8000']);
  assert.deepEqual(contents('addr := `:8080', GO_LIKE), [':8080']);
});

test('a regex literal holding // is not a comment, a division is not a regex', () => {
  const text = 'const re = /\\/\\//; const x = a / b; // 7777';
  assert.equal(scanSource(text, JS_LIKE).code, blankOut(text, '// 7777'));
});

test('Python: # comments and docstrings are blanked, a triple-quoted value is a string', () => {
  const text = '"""Serve on 8000."""\nport = 1  # 9999\nhelp = """port 7000"""';
  const { code, strings } = scanSource(text, PYTHON);
  assert.equal(code, blankOut(text, '"""Serve on 8000."""', '# 9999'));
  assert.deepEqual(strings.map((s) => text.slice(s.start, s.end)), ['port 7000']);
});

test('shell: # starts a comment only at a word start, never inside quotes or $#', () => {
  const text = 'echo "$#" a#b \'#x\' # 3000';
  assert.equal(scanSource(text, SHELL).code, blankOut(text, '# 3000'));
});

test('Go raw strings may span lines and hide // from the comment rule', () => {
  const text = 's := `a // 1\nb` // c';
  const { code, strings } = scanSource(text, GO_LIKE);
  assert.equal(code, blankOut(text, '// c'));
  assert.equal(strings.length, 1);
});

test('test files: the one place that decides, and what it does to kinds', () => {
  for (const p of ['src/server.test.ts', 'a/b.spec.js', 'pkg/x_test.go', 'tests/test_api.py', 'test_api.py', 'src/__tests__/a.ts', 'spec/a_spec.rb', 'src/test/java/AppTest.java']) {
    assert.equal(isTestFile(p), true, p);
  }
  for (const p of ['src/server.ts', 'contest/main.go', 'src/testing.py', 'latest/app.js']) assert.equal(isTestFile(p), false, p);
  assert.equal(kindIn('x_test.go', 'bind'), 'reference');
  assert.equal(kindIn('x_test.go', 'publish'), 'reference');
  assert.equal(kindIn('x_test.go', 'doc'), 'doc');
  assert.equal(kindIn('x.go', 'bind'), 'bind');
});

test('a line over 1000 characters marks a minified file', () => {
  assert.equal(isMinified('a\n' + 'x'.repeat(1001) + '\nb'), true);
  assert.equal(isMinified('a\n' + 'x'.repeat(1000)), false);
});

test('port names: own listener words versus another service', () => {
  const cases: [string, string | undefined][] = [
    ['PORT', 'own'],
    ['port', 'own'],
    ['listenPort', 'own'],
    ['srvPort', 'own'],
    ['SERVER_PORT', 'own'],
    ['--metrics-port', 'own'],
    ['server.port', 'own'],
    ['portNumber', 'own'],
    ['DB_PORT', 'other'],
    ['redisPort', 'other'],
    ['FLASK_SERVER_PORT', 'other'],
    ['spring.redis.port', 'other'],
    ['import', undefined],
    ['support', undefined],
    ['ports', undefined],
    ['timeout', undefined],
  ];
  for (const [name, role] of cases) assert.equal(portNameRole(name), role, name);
});

test('every name portNameRole accepts passes the cheap test a reader makes before it looks for names', () => {
  const words = ['port', 'Port', 'PORT', 'pOrt', 'POrt', 'PoRT', 'ports', 'db', 'Db', 'DB', 'listen', 'number', 'Number', 'NUM', 'no', 'x', '2', 'import', 'support', 'http', 'FLASK', 'RUN'];
  const separators = ['', '', '_', '-', '.', '$', '__'];
  let random = 7;
  const pick = <T>(list: readonly T[]): T => list[(random = (random * 1103515245 + 12345) % 2 ** 31) % list.length];
  let named = 0;
  for (let i = 0; i < 20_000; i++) {
    let name = pick(['', '_', '$', '--']) + pick(words);
    for (let n = pick([0, 1, 2, 3]); n > 0; n--) name += pick(separators) + pick(words);
    if (portNameRole(name) === undefined) continue;
    named++;
    assert.ok(MAY_NAME_PORT.test(name), `${name} names a port`);
    assert.ok(MAY_NAME_PORT.test(`const ${name} = 8080;`), `${name} in code`);
  }
  assert.ok(named > 1000, `only ${named} of the generated names name a port`);
  for (const name of ['UVICORN_PORT', 'ASPNETCORE_HTTPS_PORTS', 'portNumber', 'xPOrt']) assert.ok(MAY_NAME_PORT.test(name), name);
  for (const text of ['import { a } from "b";', 'export default support;', 'DBPORT', 'report(passport)']) assert.equal(MAY_NAME_PORT.test(text), false, text);
});

test('assignedKey names the variable or env key a literal is given to', () => {
  assert.equal(assignedKey('  MANA_CREDITS_URL: process.env.MANA_CREDITS_URL ?? '), 'MANA_CREDITS_URL');
  assert.equal(assignedKey('const CREDITS_URL = '), 'CREDITS_URL');
  assert.equal(assignedKey('otel = os.getenv("COLLECTOR_SERVICE_ADDR", '), 'COLLECTOR_SERVICE_ADDR');
  assert.equal(assignedKey('const apiBase = '), 'apiBase');
  assert.equal(assignedKey('const label = '), undefined);
  assert.equal(assignedKey('fetch('), undefined);
});

test('assignedKey gives a fallback chain to its first name, in each language', () => {
  assert.equal(assignedKey('const MEMORY_URL = process.env.PORTOS_MEMORY_URL || process.env.PORTOS_COS_URL || '), 'PORTOS_MEMORY_URL');
  assert.equal(assignedKey('const u = Number(import.meta.env.VITE_A_URL) ?? process.env["B_URL"] ?? '), 'VITE_A_URL');
  assert.equal(assignedKey('URL = os.environ.get("WHISPER_URL") or os.environ.get("STT_URL") or '), 'WHISPER_URL');
  assert.equal(assignedKey('URL = os.getenv("WHISPER_URL", os.getenv("STT_URL", '), 'WHISPER_URL');
  assert.equal(assignedKey('addr := cmp.Or(os.Getenv("SEARCH_ADDR"), os.Getenv("LEGACY_ADDR"), '), 'SEARCH_ADDR');
  assert.equal(assignedKey('URL="${WHISPER_URL:-${STT_URL:-'), 'WHISPER_URL');
  // Two reads that are not one chain: the literal belongs to the last.
  assert.equal(assignedKey('const a = process.env.A_URL; const B_URL = process.env.B_URL || '), 'B_URL');
});

test('addressLiteral reads exact host:port strings only', () => {
  assert.deepEqual(addressLiteral(':8080'), { host: '0.0.0.0', portOffset: 1, portText: '8080', wildcard: true, literalHost: true });
  assert.deepEqual(addressLiteral('[::]:50051'), { host: '[::]', portOffset: 5, portText: '50051', wildcard: true, literalHost: true });
  assert.equal(addressLiteral('localhost:3550')?.literalHost, true);
  assert.equal(addressLiteral('cartservice:7070')?.literalHost, false);
  for (const no of ['12:30', 'v1.2.3', 'http://x:80', 'a b:80', 'host:8', 'localhost:3550/x']) assert.equal(addressLiteral(no), undefined, no);
});

test('bracketEnd skips brackets inside quotes and gives up past its limit', () => {
  assert.equal(bracketEnd('bind = ["[::]:8000", "0.0.0.0:8001"] # x', 7, 100), 36);
  assert.equal(bracketEnd('[1, [2, 3]], 4', 0, 100), 11);
  assert.equal(bracketEnd('[1, 2, 3', 0, 100), undefined);
  assert.equal(bracketEnd('[' + ' '.repeat(50) + ']', 0, 20), undefined);
});

test('springPortValue: a literal or the innermost placeholder default', () => {
  assert.deepEqual(springPortValue('8080'), { digits: '8080', index: 0 });
  assert.deepEqual(springPortValue('"8080"'), { digits: '8080', index: 1 });
  assert.deepEqual(springPortValue('${PORT:8283}'), { digits: '8283', index: 7 });
  assert.deepEqual(springPortValue('${SERVER_PORT:${PORT:8181}}'), { digits: '8181', index: 21 });
  for (const v of ['${PORT}', '${PORT:8080', '8080}', '80 80', 'http://x:80']) assert.equal(springPortValue(v), undefined, v);
});

test('serviceNameFromKey: env names and list items named by their id', () => {
  assert.equal(serviceNameFromKey('MANA_CREDITS_URL'), 'mana-credits');
  assert.equal(serviceNameFromKey('spring.cloud.gateway.routes[orders].uri'), 'orders');
  assert.equal(serviceNameFromKey('spring.cloud.gateway.routes[inventory_route].uri'), 'inventory');
  assert.equal(serviceNameFromKey('spring.datasource.url'), undefined);
});

test('minified: a line over 1000 characters anywhere, whatever its offset; 1000 exactly is not', () => {
  for (const before of ['', 'a\n', 'x'.repeat(499) + '\n', 'y'.repeat(777) + '\n']) {
    assert.equal(isMinified(before + 'z'.repeat(1000) + '\nshort'), false, `${before.length} before, 1000`);
    assert.equal(isMinified(before + 'z'.repeat(1001) + '\nshort'), true, `${before.length} before, 1001`);
    assert.equal(isMinified(before + 'z'.repeat(1001)), true, `${before.length} before, 1001 at the end`);
  }
  assert.equal(isMinified(('w'.repeat(999) + '\n').repeat(20)), false);
});
