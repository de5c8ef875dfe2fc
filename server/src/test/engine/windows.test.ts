import assert from 'node:assert/strict';
import { test } from 'node:test';
import { indexOfLiteral, offsetsOf } from '../../engine/syntax/windows';

/** Every offset of `literal` in `text` as `indexOf` gives them: what the quicker search must give too. */
function byIndexOf(text: string, literal: string): number[] {
  const out: number[] = [];
  for (let at = text.indexOf(literal); at >= 0; at = text.indexOf(literal, at + 1)) out.push(at);
  return out;
}

test('a long literal is found where indexOf finds it, overlaps, near misses and the ends of the text included', () => {
  const literal = 'port-schema-';
  const text = `port-schema-x port-schem port-schemaport-schema- port-schema-port-schema- tail port-schema-`;
  assert.deepEqual([...offsetsOf(literal, text)], byIndexOf(text, literal));
  assert.equal(byIndexOf(text, literal).length, 5, 'the text holds the literal five times');
  assert.equal(indexOfLiteral(text, literal, 1), text.indexOf(literal, 1));
  assert.equal(indexOfLiteral('port-schem', literal), -1);
  assert.equal(indexOfLiteral('', literal), -1);
  for (const short of ['.env', '(', '.listen(']) assert.deepEqual([...offsetsOf(short, 'x.listen(.env(.listen(')], byIndexOf('x.listen(.env(.listen(', short), short);
});
