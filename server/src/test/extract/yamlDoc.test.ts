import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseYaml } from '../../engine/syntax/yamlDoc';

test('raw scalars map back to the file text without their quotes', () => {
  const text = 'a: "3000:3000"\nb: \'80\'\nc: 8080\n';
  const [doc] = parseYaml(text);
  const raws = ['a', 'b', 'c'].map((k) => doc.raw(doc.get(doc.root, k)));
  assert.deepEqual(raws, [
    { text: '3000:3000', offset: 4 },
    { text: '80', offset: 19 },
    { text: '8080', offset: 26 },
  ]);
  for (const raw of raws) assert.equal(text.slice(raw!.offset, raw!.offset + raw!.text.length), raw!.text);
});

test('merge keys: own keys win over merged ones', () => {
  const [doc] = parseYaml('base: &b { port: 1, host: x }\nsvc:\n  <<: *b\n  port: 2\n');
  const svc = doc.get(doc.root, 'svc');
  assert.deepEqual(doc.entries(svc).map((e) => [e.key, doc.str(e.value)]), [['port', '2'], ['host', 'x']]);
});

test('merge keys from a list: the first base that has a key gives it, own keys win over all', () => {
  const [doc] = parseYaml('a: &a { port: 1, host: x }\nb: &b { port: 2, tls: y }\nsvc:\n  <<: [*a, *b]\n  host: own\n');
  const svc = doc.get(doc.root, 'svc');
  assert.deepEqual(doc.entries(svc).map((e) => [e.key, doc.str(e.value)]), [['host', 'own'], ['port', '1'], ['tls', 'y']]);
});

test('documents with errors are dropped, the rest of the stream is kept', () => {
  const docs = parseYaml('kind: A\n---\nkind: {{ .Values.kind }\n---\nkind: C\n');
  assert.deepEqual(docs.map((d) => d.str(d.get(d.root, 'kind'))), ['A', 'C']);
});

test('absurd input is refused before parsing: long lines, deep flow nesting', () => {
  assert.deepEqual(parseYaml(`a: "${'x'.repeat(5000)}"\n`), []);
  assert.deepEqual(parseYaml(`a: ${'['.repeat(1000)}${']'.repeat(1000)}\n`), []);
  assert.deepEqual(parseYaml(`a:\n${'[\n'.repeat(1000)}`), []);
});

test('an alias bomb is not expanded: resolutions stop at the budget', () => {
  let text = 'l0: &l0 [{ x: 1 }]\n';
  for (let i = 1; i < 12; i++) text += `l${i}: &l${i} [${Array(10).fill(`*l${i - 1}`).join(', ')}]\n`;
  const [doc] = parseYaml(text);
  let leaves = 0;
  const walk = (node: unknown, depth: number): void => {
    if (depth > 20) return;
    const items = doc.items(node);
    if (items.length === 0 && doc.get(node, 'x')) leaves++;
    for (const item of items) walk(item, depth + 1);
  };
  walk(doc.get(doc.root, 'l11'), 0);
  assert.ok(leaves > 0 && leaves <= 10_000, `walked ${leaves} leaves`);
});
