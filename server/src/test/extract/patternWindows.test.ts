import assert from 'node:assert/strict';
import { test } from 'node:test';
import { jsTsExtractor } from '../../engine/extract/jsTs';
import { findSettingDefaults } from '../../engine/syntax/settingDefaults';
import { findUrls } from '../../engine/syntax/urls';
import { brief, extractWith, joinLines } from '../helpers/extract';

// The readers try their costly patterns only near what every match must contain (the digits, a
// quoted first argument, a `://`). These texts put the start of a match far from that.

function briefs(text: string): string[] {
  return extractWith(jsTsExtractor, 'src/server.ts', text).map((o) => brief(text, o));
}

test('a named value whose fallback runs over several lines is found from its name', () => {
  const text = joinLines('const a = 1;', 'const port =', '', '  Number(', '    config.port ||', '    3000', '  );', 'const b = 2;');
  assert.deepEqual(briefs(text), ['bind 3000 @6:5']);
});

test('a named value may start on a line that reads like the middle of a fallback', () => {
  const text = joinLines('const cfg = {', '  port: fallback ||', '    3000,', '};');
  assert.deepEqual(briefs(text), ['bind 3000 @3:5']);
});

test('a setting default is found with a long callee before it and its number lines below', () => {
  const text = joinLines('x();', 'const p = app.settings.config.values.getInt("SERVER_PORT",', '', '    8080);');
  assert.deepEqual(
    findSettingDefaults(text).map((d) => [d.name, d.digits, text.slice(d.callStart, d.callStart + 4)]),
    [['SERVER_PORT', '8080', 'app.']],
  );
});

test('URLs: each starts within the scheme before its ://, a word character before it is no boundary', () => {
  const text = 'http://a:80http://b:81 foo_http://c:82 HTTP://D:83 file://e:84 x+https://f:85';
  assert.deepEqual(
    findUrls(text).map((u) => `${u.host}:${u.portText}@${u.portOffset}`),
    ['a:80@9', 'D:83@48'],
  );
});
