import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { noopToken, type ILogger } from '../../engine/host';
import { NodeWorkspace } from '../../node/nodeWorkspace';
import { REPO_ROOT } from '../helpers/lspClient';
import { makeTree } from '../helpers/tempTree';

/** What the engine indexes: the listed files that read as text. */
async function readable(workspace: NodeWorkspace): Promise<string[]> {
  const files = await Promise.all((await workspace.list(noopToken)).map((p) => workspace.read(p)));
  return files.flatMap((file) => (file ? [file.path] : []));
}

/** A logger that keeps its lines, to assert that each skip is reported exactly once. */
function recordingLogger(): ILogger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, log: (_level, message) => lines.push(message) };
}

describe('NodeWorkspace.list', () => {
  it('honours nested .gitignore files and the built-in skip lists', async () => {
    const root = makeTree({
      '.gitignore': '*.log\n/generated/\n.env.local\n',
      '.env': 'PORT=4101\n',
      '.env.local': 'PORT=9999\n',
      'server.log': 'listening on 4101\n',
      'generated/ports.ts': 'export const PORT = 1;\n',
      'docker-compose.yml': 'services: {}\n',
      'package.json': '{"name":"shop"}\n',
      'package-lock.json': '{}\n',
      'logo.png': 'not really a png',
      'fonts/inter.woff2': 'not really a font',
      'node_modules/express/index.js': 'app.listen(3000)\n',
      'services/api/.gitignore': 'tmp/\n!keep.log\n',
      'services/api/main.go': 'package main\n',
      'services/api/go.sum': 'github.com/x v1.0.0 h1:abc=\n',
      'services/api/keep.log': 'kept by a negation in the nested .gitignore\n',
      'services/api/debug.log': 'dropped by the root .gitignore\n',
      'services/api/tmp/scratch.go': 'package tmp\n',
      'services/web/tmp/notes.md': 'the nested .gitignore only applies to services/api\n',
      'services/web/dist/bundle.js': 'listen(5100)\n',
      'services/py/__pycache__/main.cpython-312.pyc': 'x',
      'services/py/.venv/lib/site.py': 'x',
      'services/rs/target/debug/build.rs': 'x',
      'services/rs/Cargo.lock': 'x',
    });
    const listed = await new NodeWorkspace(root).list(noopToken);
    assert.deepEqual(listed, [
      '.env',
      '.gitignore',
      'docker-compose.yml',
      'package.json',
      'services/api/.gitignore',
      'services/api/keep.log',
      'services/api/main.go',
      'services/web/tmp/notes.md',
    ]);
  });

  it('skips binaries, oversized files and fifos, logging each once however often it lists and reads', async () => {
    const root = makeTree({
      'src/index.ts': 'const port = 4101;\n',
      'assets/blob.dat': Buffer.from([0x50, 0x4f, 0x52, 0x54, 0x00, 0x01]),
      'data/dump.sql': `-- ${'x'.repeat(3000)}\n`,
      'data/small.sql': '-- fits under the limit\n',
    });
    const fifo = spawnSync('mkfifo', [path.join(root, 'src', 'pipe')]);
    assert.equal(fifo.status, 0, 'mkfifo must be available to test fifos');
    const logger = recordingLogger();
    const workspace = new NodeWorkspace(root, { maxFileSizeKb: 2, logger });

    const first = await readable(workspace);
    const second = await readable(workspace);

    assert.deepEqual(first, ['data/small.sql', 'src/index.ts']);
    assert.deepEqual(second, first);
    assert.deepEqual(logger.lines.sort(), [
      'skipped assets/blob.dat: binary content',
      'skipped data/dump.sql: larger than 2 KB (3 KB)',
      'skipped src/pipe: not a regular file (fifo)',
    ]);
  });

  it('follows links inside the root once, never out of it and never round a loop', async () => {
    const outside = makeTree({ 'secret.env': 'PORT=1\n', 'lib/outside.ts': 'x\n' });
    const root = makeTree({
      'config/base.env': 'PORT=4101\n',
      'ignored/real.ts': 'export const PORT = 4102;\n',
      '.gitignore': 'ignored/\n',
      'services/api/main.ts': 'listen(4101)\n',
    });
    fs.symlinkSync('..', path.join(root, 'services', 'loop'));
    fs.symlinkSync(path.join(root, 'config', 'base.env'), path.join(root, '.env'));
    fs.symlinkSync(path.join(outside, 'secret.env'), path.join(root, 'secret.env'));
    fs.symlinkSync(path.join(outside, 'lib'), path.join(root, 'lib'));
    fs.symlinkSync(path.join(root, 'ignored'), path.join(root, 'linked'));
    fs.symlinkSync(path.join(root, 'missing.ts'), path.join(root, 'dangling.ts'));
    // A second way to the file `linked/real.ts` lists, through a link of its own.
    fs.symlinkSync(path.join(root, 'ignored', 'real.ts'), path.join(root, 'real-again.ts'));
    const logger = recordingLogger();

    const listed = await new NodeWorkspace(root, { logger }).list(noopToken);

    // `linked` is followed: its target is ignored, so its files are listed only through the link.
    assert.deepEqual(listed, ['.gitignore', 'config/base.env', 'linked/real.ts', 'services/api/main.ts']);
    assert.deepEqual(logger.lines.sort(), [
      'skipped .env: symlink to a file already listed',
      'skipped dangling.ts: broken or looping symlink',
      'skipped lib: symlink points outside the workspace',
      'skipped real-again.ts: symlink to a file already listed',
      'skipped secret.env: symlink points outside the workspace',
      'skipped services/loop: symlink to a folder already listed',
    ]);
  });

  it('bounds the depth of the walk', async () => {
    const deep = Array.from({ length: 70 }, (_, i) => `d${i}`).join('/');
    const root = makeTree({ 'top.ts': 'x\n', [`${deep}/bottom.ts`]: 'x\n' });
    const logger = recordingLogger();

    const listed = await new NodeWorkspace(root, { logger }).list(noopToken);

    assert.deepEqual(listed, ['top.ts']);
    assert.equal(logger.lines.length, 1);
    assert.match(logger.lines[0], /^skipped d0\/.*\/d64: nested deeper than 64 folders$/);
  });

  it('drops excluded files and forces included ones in, even from skipped folders', async () => {
    const root = makeTree({
      '.gitignore': 'local/\n*.generated.ts\n',
      'services/api/main.ts': 'x\n',
      'services/api/ports.generated.ts': 'x\n',
      'services/api/fixtures/sample.ts': 'x\n',
      'local/ports.yaml': 'version: 1\n',
      'local/other.yaml': 'x: 1\n',
      'node_modules/@acme/ports/ports.yaml': 'version: 1\n',
      'node_modules/@acme/ports/index.js': 'x\n',
      'node_modules/left-pad/ports.yaml': 'not forced: outside the include prefix\n',
      'docs/PORTS.md': '| Port |\n',
    });
    const workspace = new NodeWorkspace(root, {
      include: ['local/ports.yaml', 'node_modules/@acme/ports/*.yaml', '**/*.generated.ts'],
      exclude: ['**/fixtures/**', 'docs/**'],
    });

    assert.deepEqual(await workspace.list(noopToken), [
      '.gitignore',
      'local/ports.yaml',
      'node_modules/@acme/ports/ports.yaml',
      'services/api/main.ts',
      'services/api/ports.generated.ts',
    ]);
  });

  it('skips lockfiles by name, whatever their extension, and keeps configs that only look like them', async () => {
    const lockfiles = [
      'bun.lock', 'bun.lockb', 'uv.lock', 'Gemfile.lock', 'composer.lock', 'Pipfile.lock', 'npm-shrinkwrap.json', 'conda-lock.yml',
      'package-lock.json', 'yarn.lock', 'pnpm-lock.yaml', 'poetry.lock', 'flake.lock', 'mix.lock', 'Podfile.lock', 'gradle.lockfile',
      'packages.lock.json', 'Package.resolved', '.terraform.lock.hcl', 'go.work.sum', 'services/py/uv.lock', 'services/py/conda-lock.yml',
    ];
    const configs = ['docker-compose.yml', 'lock.yaml', 'locks.yml', 'redis-lock.conf', 'lockfile.md', 'services/py/pyproject.toml', 'services/py/environment.yml'];
    const root = makeTree(Object.fromEntries([...lockfiles, ...configs].map((p) => [p, 'url: http://localhost:4873/\n'])));

    assert.deepEqual(await new NodeWorkspace(root).list(noopToken), [...configs].sort());
  });

  it('honours .git/info/exclude like a root .gitignore, which may re-include what it drops', async () => {
    const root = makeTree({
      '.git/info/exclude': '# local experiments\nscratch/\n*.local.yml\n',
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.gitignore': '!compose.local.yml\n',
      'scratch/docker-compose.yml': 'services: {}\n',
      'deploy/docker-compose.local.yml': 'services: {}\n',
      'deploy/docker-compose.yml': 'services: {}\n',
      'compose.local.yml': 'services: {}\n',
    });

    assert.deepEqual(await new NodeWorkspace(root).list(noopToken), ['.gitignore', 'compose.local.yml', 'deploy/docker-compose.yml']);
  });

  it('finds the exclude of a linked worktree through its .git file and commondir', async () => {
    const repo = makeTree({ 'main/.git/info/exclude': 'scratch/\n', 'main/.git/worktrees/feature/commondir': '../..\n' });
    const worktree = makeTree({ 'scratch/compose.yaml': 'services: {}\n', 'api/server.ts': 'x\n' });
    fs.writeFileSync(path.join(worktree, '.git'), `gitdir: ${path.join(repo, 'main/.git/worktrees/feature')}\n`);

    assert.deepEqual(await new NodeWorkspace(worktree).list(noopToken), ['api/server.ts']);
  });

  it('reading/lockfiles: the copied .git/info/exclude drops scratch/, no lockfile is listed', async () => {
    const root = makeTree({});
    fs.cpSync(path.join(REPO_ROOT, 'server/testFixtures/reading/lockfiles'), root, { recursive: true });
    fs.renameSync(path.join(root, 'dot-git'), path.join(root, '.git'));

    assert.deepEqual(await new NodeWorkspace(root).list(noopToken), [
      'EXPECTED.md', 'Gemfile', 'README.md', 'api/server.ts', 'package.json', 'ports.yaml', 'web/vite.config.ts',
    ]);
  });

  it('stops between folders once cancelled', async () => {
    const root = makeTree({ 'a/one.ts': 'x\n', 'b/two.ts': 'x\n' });
    assert.deepEqual(await new NodeWorkspace(root).list({ isCancellationRequested: true }), []);
  });
});

describe('NodeWorkspace.read', () => {
  it('returns the text without a byte order mark, and a version that follows changes', async () => {
    const root = makeTree({ 'services/auth/.env': '\uFEFFPORT=4101\n' });
    const workspace = new NodeWorkspace(root);

    const before = await workspace.read('services/auth/.env');
    assert.equal(before?.path, 'services/auth/.env');
    assert.equal(before?.text, 'PORT=4101\n');

    fs.writeFileSync(path.join(root, 'services/auth/.env'), 'PORT=41010\n');
    fs.utimesSync(path.join(root, 'services/auth/.env'), new Date(2030, 0, 1), new Date(2030, 0, 1));
    const after = await workspace.read('services/auth/.env');
    assert.equal(after?.text, 'PORT=41010\n');
    assert.notEqual(after?.version, before?.version);
  });

  it('returns undefined, never throws, for missing, escaping, binary, oversized and special files', async () => {
    const outside = makeTree({ 'secret.env': 'PORT=1\n' });
    const root = makeTree({ 'blob.bin': Buffer.from([0x41, 0x00]), 'big.txt': 'x'.repeat(2048), 'dir/x.ts': 'x\n' });
    fs.symlinkSync(path.join(outside, 'secret.env'), path.join(root, 'secret.env'));
    spawnSync('mkfifo', [path.join(root, 'pipe')]);
    const workspace = new NodeWorkspace(root, { maxFileSizeKb: 1 });

    for (const target of ['missing.ts', 'secret.env', 'blob.bin', 'big.txt', 'dir', 'pipe', '', '../' + path.basename(outside) + '/secret.env']) {
      assert.equal(await workspace.read(target), undefined, target);
    }
  });
});
