import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseAddress } from '../../engine/syntax/addresses';
import { directiveLines } from '../../engine/syntax/directives';

function words(text: string, multiline = false): string[][] {
  return directiveLines(text, { multiline }).map((line) => line.map((w) => `${w.text}@${w.offset}`));
}

test('directiveLines: words with offsets, quotes removed, comments dropped, braces as words', () => {
  assert.deepEqual(words('bind *:80 # web\n\n  server a "app:8080" check\n}'), [
    ['bind@0', '*:80@5'],
    ['server@19', 'a@26', 'app:8080@29', 'check@39'],
    ['}@45'],
  ]);
  // `#` inside a word is the word's; an unclosed quote ends at its line unless strings span lines.
  assert.deepEqual(words('header X a#b\nrespond "open\nnext'), [['header@0', 'X@7', 'a#b@9'], ['respond@13', 'open@22'], ['next@27']]);
  assert.deepEqual(words('respond "two\nlines" 200', true), [['respond@0', 'two\nlines@9', '200@20']]);
});

test('directiveLines: a Caddy heredoc is skipped up to its marker', () => {
  assert.deepEqual(words('respond <<HTML\n  reverse_proxy x:1\n  HTML 200\nnext', true), [['respond@0', '<<HTML@8'], ['200@42'], ['next@46']]);
  assert.deepEqual(words('respond <<EOF\nnever closed x:1', true), [['respond@0', '<<EOF@8']]);
});

test('parseAddress: one address per value, with or without a scheme; clocks and words are not addresses', () => {
  assert.deepEqual(parseAddress('billing:9102'), { scheme: undefined, host: 'billing', portOffset: 8, portText: '9102' });
  assert.deepEqual(parseAddress('http://user:pw@svc:8080/health?x=1'), { scheme: 'http', host: 'svc', portOffset: 19, portText: '8080' });
  assert.deepEqual(parseAddress('[::1]:5432'), { scheme: undefined, host: '[::1]', portOffset: 6, portText: '5432' });
  assert.deepEqual(parseAddress(':8001-8006'), { scheme: undefined, host: '', portOffset: 1, portText: '8001-8006' });
  for (const v of ['10:30', 'retries 3', 'https://example.com', 'unix//run/x.sock', 'a:b:80', 'x:123456', 'a'.repeat(600) + ':80']) {
    assert.equal(parseAddress(v), undefined, v);
  }
});
