import assert from 'node:assert/strict';
import { test } from 'node:test';
import ignore from 'ignore';
import { IgnoreStack } from '../../node/gitignore';

/** A root .gitignore of the kinds real repositories hold: names, folders, anchors, globs, negations, classes, escapes. */
const ROOT = `# dependencies
node_modules
/.pnp
.pnp.js
*.log
!keep.log
/build
dist/
coverage/**
**/tmp/*.txt
*.py[cod]
__pycache__/
.env*
!.env.example
[Bb]in/
\\#notes
docs/**/draft-*.md
/generated/
*.tsbuildinfo
.DS_Store
Thumbs.db
*.local.*
trailing-space.txt   
src/**/secret/
`;

/** A nested one that re-includes and adds its own. */
const NESTED = `!dist/
!*.log
cache/
/only-here.md
!/build
`;

const FOLDERS = ['', 'src', 'dist', 'build', 'node_modules', 'logs', 'Bin', 'bin', 'tmp', 'docs/a', 'src/x/secret', 'coverage', 'generated', 'svc', 'svc/dist', 'svc/cache', 'svc/build'];
const NAMES = ['x.log', 'keep.log', '.env', '.env.local', '.env.example', 'README.md', 'app.pyc', 'Thumbs.db', '#notes', 'foo.tsbuildinfo', 'a.txt', 'draft-1.md', 'only-here.md', 'cfg.local.json', 'trailing-space.txt', 'index.ts', 'APP.PYC'];

/** The paths to ask about: every name in every folder, and every folder as a folder, one and two levels deeper too. */
function paths(): [string, boolean][] {
  const out: [string, boolean][] = [];
  for (const folder of FOLDERS) {
    const at = (name: string) => (folder ? `${folder}/${name}` : name);
    for (const name of NAMES) out.push([at(name), false]);
    for (const sub of FOLDERS.filter(Boolean)) out.push([at(sub), true], [at(`${sub}/inner.log`), false], [at(`${sub}/index.ts`), false]);
  }
  return out;
}

/** What `ignore` alone says, level by level, nearest first: the stack's answer must be this one. */
function reference(levels: readonly [string, string][], path: string, isDirectory: boolean): boolean {
  for (const [base, text] of [...levels].reverse()) {
    if (base && !path.startsWith(`${base}/`)) continue;
    const relative = base ? path.slice(base.length + 1) : path;
    const verdict = ignore().add(text).test(isDirectory ? `${relative}/` : relative);
    if (verdict.ignored) return true;
    if (verdict.unignored) return false;
  }
  return false;
}

test('the stack says of every path what the ignore rules say, level by level, with or without a quick answer', () => {
  const root = IgnoreStack.empty.push('', ROOT);
  const nested = root.push('svc', NESTED);
  let asked = 0;
  let ignoredSeen = 0;
  for (const [path, isDirectory] of paths()) {
    const inSvc = path.startsWith('svc/');
    const stack = inSvc ? nested : root;
    const levels: [string, string][] = inSvc ? [['', ROOT], ['svc', NESTED]] : [['', ROOT]];
    const expected = reference(levels, path, isDirectory);
    assert.equal(stack.ignores(path, isDirectory), expected, `${path}${isDirectory ? '/' : ''}`);
    asked++;
    if (expected) ignoredSeen++;
  }
  // The paths are a real mix: a check that everything (or nothing) is ignored would prove little.
  assert.ok(ignoredSeen > asked / 5 && ignoredSeen < (asked * 4) / 5, `${ignoredSeen} of ${asked} ignored`);
});
