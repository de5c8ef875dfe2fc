import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { promisify } from 'node:util';

/**
 * Every fixture workspace whose EXPECTED.md ends with an "As test lines" block is checked by the
 * built CLI, as a user runs it, and must report exactly those findings: each line is one finding a
 * careful maintainer agrees with, and nothing else may appear (the near misses of each EXPECTED.md
 * stay silent because they are not in the block).
 */

const run = promisify(execFile);
const root = join(__dirname, '..', '..', '..');
const cli = join(root, 'out', 'cli.js');
const fixtures = join(root, 'testFixtures');
const temps: string[] = [];
after(() => temps.forEach((t) => rmSync(t, { recursive: true, force: true })));

/** `rule severity file:line:column port services`, with `-` for no port or no services. */
function expectedLines(dir: string): string[] | undefined {
  const text = readFileSync(join(dir, 'EXPECTED.md'), 'utf8');
  const block = /## As test lines[\s\S]*?```\n([\s\S]*?)```/.exec(text);
  return block?.[1].split('\n').map(normalise).filter(Boolean);
}

function normalise(line: string): string {
  const m = /^(\S+) (\S+) (\S+) (\S+)\s*(.*)$/.exec(line.trim());
  if (!m) return line.trim();
  const port = m[4] === '-' || m[4] === '0' ? '-' : m[4];
  const services = m[5].trim() === '-' ? '' : m[5].trim();
  return `${m[1]} ${m[2]} ${m[3]} ${port} ${services}`.trim();
}

interface JsonFinding {
  rule: string;
  severity: string;
  file: string;
  line: number;
  column: number;
  port: number;
  services: string[];
}

async function reported(dir: string): Promise<string[]> {
  const { stdout } = await run(process.execPath, [cli, 'check', dir, '--format', 'json', '--min-severity', 'hint', '--fail-on', 'never'], { maxBuffer: 64 * 1024 * 1024 });
  const findings = (JSON.parse(stdout) as { findings: JsonFinding[] }).findings;
  return findings.map((f) => normalise(`${f.rule} ${f.severity} ${f.file}:${f.line}:${f.column} ${f.port || '-'} ${f.services.join(',')}`));
}

/** A committed fixture cannot hold a `.git/`: the lockfiles workspace keeps it as `dot-git`, restored in a copy. */
function workspaceFor(dir: string): string {
  if (!existsSync(join(dir, 'dot-git'))) return dir;
  const copy = mkdtempSync(join(tmpdir(), 'port-schema-fixture-'));
  temps.push(copy);
  cpSync(dir, copy, { recursive: true });
  renameSync(join(copy, 'dot-git'), join(copy, '.git'));
  return copy;
}

const sorted = (lines: readonly string[]) => [...lines].sort();

const workspaces = [
  ...readdirSync(fixtures).map((d) => join(fixtures, d)),
  ...readdirSync(join(fixtures, 'reading')).map((d) => join(fixtures, 'reading', d)),
].filter((d) => existsSync(join(d, 'EXPECTED.md')) && expectedLines(d));

describe('fixture workspaces report exactly what their EXPECTED.md lists', () => {
  it('there are fixtures to check', () => assert.ok(workspaces.length >= 20, `${workspaces.length} fixtures`));
  for (const dir of workspaces) {
    const name = dir.slice(fixtures.length + 1);
    it(name, async () => {
      const restored = workspaceFor(dir);
      // With its `.git/info/exclude` honoured, a fixture's excluded files say nothing.
      const want = restored === dir ? expectedLines(dir)! : [];
      assert.deepEqual(sorted(await reported(restored)), sorted(want));
    });
  }
  it('lockfiles in place (no .git): the files info/exclude would hide are read', async () => {
    assert.deepEqual(sorted(await reported(join(fixtures, 'reading', 'lockfiles'))), sorted(expectedLines(join(fixtures, 'reading', 'lockfiles'))!));
  });
});
