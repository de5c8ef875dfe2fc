import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Extractor } from '../../engine/extract/extractor';
import { defaultExtractors } from '../../engine/extract/extractors';
import type { Finding } from '../../engine/checks/finding';
import { engineFor } from '../helpers/inMemoryWorkspace';

/** `rule severity file:line:column`, 1-based: where a parse-error sits is the whole point of it. */
function at(f: Finding): string {
  return `${f.rule} ${f.severity} ${f.file}:${f.range.start.line + 1}:${f.range.start.character + 1}`;
}

function parseErrors(findings: readonly Finding[]): string[] {
  return findings.filter((f) => f.rule === 'parse-error').map(at);
}

/** A reader of `*.conf` files that rejects every `@` it meets, as a parser would reject a bad token. */
const picky: Extractor = {
  id: 'picky',
  matches: (path) => path.endsWith('.conf') || path === 'ports.yaml',
  extract(file, sink) {
    const at = file.text.indexOf('@');
    if (at >= 0) sink.problem({ start: at, end: at + 1 }, 'unexpected @');
  },
};

describe('parse-error: what readers cannot read is said, where', () => {
  it('a reported problem is one info finding at its position, with the reader\'s message', async () => {
    const engine = await engineFor({ 'svc/app.conf': 'port = 4100\nhost = @\n' }, {}, [picky, ...defaultExtractors]);
    const [finding] = engine.findings().filter((f) => f.rule === 'parse-error');
    assert.equal(at(finding), 'parse-error info svc/app.conf:2:8');
    assert.equal(finding.message, 'unexpected @');
    assert.deepEqual([finding.port, finding.services, finding.fixes], [0, [], []]);
  });

  it('the rule takes a user severity or off like any other', async () => {
    const files = { 'svc/app.conf': '@\n' };
    assert.deepEqual(parseErrors((await engineFor(files, { rules: { 'parse-error': 'warning' } }, [picky])).findings()), ['parse-error warning svc/app.conf:1:1']);
    assert.deepEqual(parseErrors((await engineFor(files, { rules: { 'parse-error': 'off' } }, [picky])).findings()), []);
  });

  it('parseErrorsIgnore globs silence the files they match, and only those', async () => {
    const files = { 'vendor/x.conf': '@\n', 'svc/app.conf': '@\n', 'svc/deep/app.conf': '@\n' };
    const engine = await engineFor(files, { parseErrorsIgnore: ['vendor/**', 'svc/deep/*.conf'] }, [picky]);
    assert.deepEqual(parseErrors(engine.findings()), ['parse-error info svc/app.conf:1:1']);
    engine.configure({ ...engine.settings, parseErrorsIgnore: [] });
    assert.equal(parseErrors(engine.findings()).length, 3, 'a new setting applies on the next check');
  });

  it('plan files keep schema-parse: a reader\'s problem there is not a second finding', async () => {
    const engine = await engineFor({ 'ports.yaml': 'version: 1\nservices: { a: { port: @ } }\n' }, {}, [picky, ...defaultExtractors]);
    assert.deepEqual(parseErrors(engine.findings()), []);
    assert.ok(engine.findings().some((f) => f.rule === 'schema-parse'));
  });
});
