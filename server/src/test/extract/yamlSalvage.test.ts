import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readYaml } from '../../engine/syntax/yamlDoc';
import { outlineYaml } from '../../engine/syntax/yamlLines';
import { joinLines } from '../helpers/extract';

/** The multi-line values of an outline as `first-last: text`, 1-based lines. */
function values(text: string): string[] {
  return outlineYaml(text).values.map((v) => `${v.firstLine + 1}-${v.lastLine + 1}: ${text.slice(v.start, v.end)}`);
}

/** What a read document holds, as plain data. */
function contents(text: string): unknown[] {
  return readYaml(text).docs.map((d) => d.doc.toJS());
}

describe('the line outline of a YAML text', () => {
  it('a single-quoted value continued in column 0 is one value, quote to quote', () => {
    const text = joinLines('svc:', "  command: 'sh -c \"", '    sleep 86400', "'", '  image: alpine');
    assert.deepEqual(values(text), [`2-4: 'sh -c "\n    sleep 86400\n'`]);
  });

  it('a flow sequence whose string goes on in column 0 is one value, bracket to bracket', () => {
    const text = joinLines('hc:', '  test: ["CMD-SHELL", "wget http://localhost:3000/', '|| exit 1"]', '  interval: 30s');
    assert.deepEqual(values(text), ['2-3: ["CMD-SHELL", "wget http://localhost:3000/\n|| exit 1"]']);
  });

  it('block scalars run while lines are deeper than their key or their dash', () => {
    const text = joinLines('a:', '  script: |', '    echo 1', '', '    echo 2', '  next: x', '  list:', '    - >', '      folded', '    - y');
    assert.deepEqual(values(text), ['2-5: |\n    echo 1\n\n    echo 2', '8-9: >\n      folded']);
  });

  it('escaped quotes, quotes inside plain scalars, comments and URL colons open nothing', () => {
    const text = joinLines(
      "a: 'it''s one line'",
      'b: "say \\"hi\\""',
      "c: echo it's plain",
      "d: x # it's a comment",
      'e: http://host:80/path',
      "f: ['one', \"two\"]",
    );
    assert.deepEqual(values(text), []);
  });

  it('a quote that never closes ends with its own line; what follows is outlined as usual', () => {
    const text = joinLines('a: "never closed', 'b: 1', "c: 'two", "  lines'");
    assert.deepEqual(values(text), ["3-4: 'two\n  lines'"]);
  });

  it('a quote still open at a key line no deeper than its own was never closed (a half-typed entry)', () => {
    const text = joinLines('web:', '  ports:', '    - "8080:80', 'api:', '  ports:', '    - "4000:4000"', '  command: "a', '    b"');
    assert.deepEqual(values(text), ['7-8: "a\n    b"']);
  });

  it('tab-indented lines count as nested, not as top level', () => {
    const outline = outlineYaml('a:\n\tb: 1\n  \tc: 2\n');
    assert.deepEqual(outline.lines.map((l) => l.indent), [0, 8, 8, -1]);
  });
});

describe('readYaml: a rejected file read around its error', () => {
  it('a multi-line single-quoted scalar closed in column 0 (PyYAML and Docker accept it)', () => {
    const text = joinLines(
      'services:',
      '  backup:',
      "    command: 'sh -c \"",
      '      sleep 86400; done',
      "'",
      '  web:',
      '    ports:',
      '      - "8088:80"',
    );
    const read = readYaml(text);
    assert.equal(read.problem?.message, "Missing closing 'quote");
    assert.equal(read.problem?.span.start, text.indexOf('done') + 'done'.length, "the parser's first error, at the end of line 4");
    assert.deepEqual(read.unread.map((s) => text.slice(s.start, s.end)), [`'sh -c "\n      sleep 86400; done\n'`]);
    assert.deepEqual(read.docs.map((d) => d.doc.toJS()), [{ services: { backup: { command: null }, web: { ports: ['8088:80'] } } }]);
    assert.equal(read.lost, 0);
  });

  it('offsets stay the file\'s: raw scalars of a salvaged document point at the original text', () => {
    const text = joinLines('services:', '  a:', "    labels: { x: 'y", "z' }", '  b:', '    ports: ["9000:9000"]');
    const [doc] = readYaml(text).docs;
    const port = doc.items(doc.get(doc.get(doc.get(doc.root, 'services'), 'b'), 'ports'))[0];
    const raw = doc.raw(port)!;
    assert.deepEqual(raw, { text: '9000:9000', offset: text.indexOf('9000:9000') });
  });

  it('an error on a line outside any value blanks that line and what is nested under it, never its siblings', () => {
    const tabbed = joinLines('services:', '  web:', '    ports:', '      - "80:80"', '\tenvironment:', '\t  - PORT=3000', '  api:', '    ports:', '      - "81:81"');
    assert.deepEqual(contents(tabbed), [{ services: { web: { ports: ['80:80'] }, api: { ports: ['81:81'] } } }]);
    const misaligned = joinLines('services:', '  web:', '    ports:', '      - "80:80"', '     environment:', '       - PORT=3000', '  api:', '    image: x');
    assert.deepEqual(contents(misaligned), [{ services: { web: { ports: ['80:80'] }, api: { image: 'x' } } }]);
  });

  it('in a stream, the broken document is read around its error and the sound ones as they are', () => {
    const text = joinLines('kind: A', '---', "kind: B", "note: 'x", "y'", '---', 'kind: C');
    assert.deepEqual(contents(text), [{ kind: 'A' }, { kind: 'B', note: null }, { kind: 'C' }]);
  });

  it('a document that cannot be read around its error is counted as lost', () => {
    const read = readYaml('@@@ ::: {{{ ]]]\n  - : - : ]\n"\n');
    assert.equal(read.docs.length, 0);
    assert.equal(read.lost, 1);
    assert.ok(read.problem);
  });

  it('merge keys and duplicate keys are no error, as in Compose', () => {
    const text = joinLines('x-base: &base', '  image: api', 'services:', '  a:', '    <<: *base', '    restart: no', '    restart: always');
    const read = readYaml(text);
    assert.equal(read.problem, undefined);
    const [doc] = read.docs;
    const a = doc.get(doc.get(doc.root, 'services'), 'a');
    // A key written twice keeps its last value, as PyYAML reads it.
    assert.deepEqual(doc.entries(a).map((e) => [e.key, doc.str(e.value)]), [['restart', 'always'], ['image', 'api']]);
  });

  it('every broken value of a file is read around, however many there are', () => {
    let text = 'services:\n';
    for (let i = 0; i < 40; i++) text += `  s${i}:\n    command: 'sh -c "\n      echo ${i}\n'\n    ports: ["${10000 + i}:80"]\n`;
    const read = readYaml(text);
    const services = read.docs[0].entries(read.docs[0].get(read.docs[0].root, 'services'));
    assert.equal(services.length, 40);
    assert.deepEqual(services.map((e) => read.docs[0].str(read.docs[0].items(read.docs[0].get(e.value, 'ports'))[0])), Array.from({ length: 40 }, (_, i) => `${10000 + i}:80`));
    assert.equal(read.unread.length, 40);
  });

  it('a large broken file is not read around (bounded work): its problem is still reported', () => {
    const text = `services:\n  a:\n    command: 'x\n'\n${'# padding\n'.repeat(30_000)}`;
    const read = readYaml(text);
    assert.ok(read.problem && !read.problem.refused);
    assert.deepEqual([read.docs.length, read.lost], [0, 1]);
  });

  it('a file too absurd to parse is refused with a reason at the line at fault', () => {
    const text = `a: 1\nb: "${'x'.repeat(5000)}"\n`;
    const read = readYaml(text);
    assert.deepEqual(read.problem, { span: { start: 5, end: 5 }, message: 'line 2 is longer than 4000 characters', refused: true });
    assert.deepEqual(read.docs, []);
  });
});
