import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { REPO_ROOT } from '../helpers/lspClient';

const CLI = path.join(REPO_ROOT, 'server/out/cli.js');
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'port-schema-cache-'));
after(() => fs.rmSync(scratch, { recursive: true, force: true }));

/** The monorepo example, plus a Procfile whose ports come from the `.env` beside it. */
function makeTree(): string {
  const root = fs.mkdtempSync(path.join(scratch, 'tree-'));
  fs.cpSync(path.join(REPO_ROOT, 'examples/monorepo'), root, { recursive: true });
  fs.mkdirSync(path.join(root, 'apps/foreman'), { recursive: true });
  fs.writeFileSync(path.join(root, 'apps/foreman/Procfile'), 'web: python -m http.server $PORT\nworker: python worker.py\n');
  fs.writeFileSync(path.join(root, 'apps/foreman/.env'), 'PORT=5100\n');
  return root;
}

function run(root: string, args: readonly string[], env: NodeJS.ProcessEnv = {}) {
  const res = spawnSync(process.execPath, [CLI, ...args, root], { encoding: 'utf8', timeout: 60000, env: { ...process.env, ...env } });
  assert.equal(res.status, 0, res.stderr);
  return { stdout: res.stdout, stderr: res.stderr };
}

/** `check` and `map` as JSON: what must not change whether the facts come from the cache or the files. */
function reports(root: string, cacheArgs: readonly string[] = [], env: NodeJS.ProcessEnv = {}): string {
  const check = run(root, ['check', '--format', 'json', '--fail-on', 'never', ...cacheArgs], env).stdout;
  const map = run(root, ['map', '--format', 'json', ...cacheArgs], env).stdout;
  return `${check}\n${map}`;
}

/** Every path under `root`, to see that a run wrote nothing there. */
function listing(root: string): string[] {
  return (fs.readdirSync(root, { recursive: true }) as string[]).sort();
}

/** Rewrites a file and moves its modification time on, as a later save would. */
function edit(root: string, file: string, change: (text: string) => string): void {
  const absolute = path.join(root, file);
  const text = fs.readFileSync(absolute, 'utf8');
  const next = change(text);
  assert.notEqual(next, text, `the edit of ${file} changes it`);
  fs.writeFileSync(absolute, next);
  const later = new Date(fs.statSync(absolute).mtimeMs + 5000);
  fs.utimesSync(absolute, later, later);
}

describe('check --cache', () => {
  let root: string;
  let location: string;
  let cache: string[];

  before(() => {
    root = makeTree();
    location = path.join(scratch, `cache-${path.basename(root)}`);
    cache = ['--cache', '--cache-location', location];
  });

  it('reports the same with a cold and a warm cache as without one, and writes nothing in the tree', () => {
    const tree = listing(root);
    const plain = reports(root);
    assert.equal(reports(root, cache), plain, 'cold');
    const file = path.join(location, 'facts.json');
    const written = fs.statSync(file);
    assert.equal(reports(root, cache), plain, 'warm');
    assert.deepEqual(listing(root), tree);
    for (const written of ['facts.json', 'folders.json', 'check.json']) {
      const text = fs.readFileSync(path.join(location, written), 'utf8');
      assert.equal(text, JSON.stringify(JSON.parse(text)), `${written} is written a piece at a time, as JSON.stringify would write it whole`);
    }
    const kept = fs.statSync(file);
    assert.equal(kept.ino, written.ino, 'a run that changed nothing does not rewrite the cache');
    assert.ok(kept.mtimeMs >= written.mtimeMs, 'but touches it, as the tree used last');
  });

  it('stays identical after an edit, an addition, a deletion and a rename between runs', () => {
    reports(root, cache);
    const steps: [string, () => void][] = [
      ['edit', () => edit(root, 'services/billing/main.go', (t) => t.replace('4105', '4199'))],
      ['companion edit', () => edit(root, 'apps/foreman/.env', () => 'PORT=5200\n')],
      ['addition', () => fs.writeFileSync(path.join(root, 'services/billing/extra.py'), 'app.run(port=4105)\n')],
      ['deletion', () => fs.rmSync(path.join(root, 'services/billing/extra.py'))],
      ['rename', () => fs.renameSync(path.join(root, 'services/billing/main.go'), path.join(root, 'services/billing/server.go'))],
    ];
    for (const [step, change] of steps) {
      const warm = reports(root, cache);
      change();
      assert.notEqual(reports(root), warm, `the ${step} changes the report`);
      assert.equal(reports(root, cache), reports(root), `after the ${step}`);
    }
  });

  it('replays an unchanged tree\'s last check in every format, and checks again after any change to what it read', () => {
    const tree = makeTree();
    const at = ['--cache', '--cache-location', path.join(scratch, `cache-${path.basename(tree)}`)];
    const formats = ['json', 'text', 'sarif', 'github'];
    const checked = (args: readonly string[], extra: readonly string[] = []) =>
      formats.map((format) => run(tree, ['check', '--format', format, '--fail-on', 'never', ...extra, ...args]).stdout).join('\n');
    const replayed = (extra: readonly string[] = []) =>
      run(tree, ['check', '--format', 'json', '--fail-on', 'never', '--verbose', ...extra, ...at]).stderr.includes('check replayed from the facts cache');
    assert.equal(replayed(), false, 'the first run checks');
    assert.equal(replayed(), true, 'an unchanged tree is replayed');
    assert.equal(checked(at), checked([]), 'replayed in every format as checked');
    const later = (file: string) => {
      const absolute = path.join(tree, file);
      const moved = new Date(fs.statSync(absolute).mtimeMs + 7000);
      fs.utimesSync(absolute, moved, moved);
    };
    const changes: [string, () => void, (readonly string[])?][] = [
      ['a file saved again as it was', () => later('services/billing/main.go')],
      ['other settings', () => undefined, ['--rule', 'out-of-range=error']],
      ['a plan edit', () => edit(tree, 'ports.yaml', (t) => `${t}\n# moved\n`)],
      ['a companion edit', () => edit(tree, 'apps/foreman/.env', () => 'PORT=5300\n')],
      ['a file added where no folder is remembered', () => fs.writeFileSync(path.join(tree, 'services/billing/second.py'), 'app.run(port=4106)\n')],
      ['a committed config that excludes a folder', () => fs.writeFileSync(path.join(tree, 'port-schema.config.jsonc'), '{ "exclude": ["workers/**"] }\n')],
      ['that config edited', () => edit(tree, 'port-schema.config.jsonc', () => '{ "exclude": ["apps/**"] }\n')],
    ];
    for (const [what, change, extra = []] of changes) {
      replayed();
      change();
      assert.equal(replayed(extra), false, `${what}: checked again`);
      assert.equal(replayed(extra), true, `${what}: replayed once nothing changed again`);
      assert.equal(checked(at, extra), checked([], extra), `after ${what}`);
    }
  });

  it('replays without reading the facts; facts that do not parse are found, and rewritten, by the next check that needs them', () => {
    const tree = makeTree();
    const location = path.join(scratch, `cache-${path.basename(tree)}`);
    const at = ['--cache', '--cache-location', location];
    const verbose = () => run(tree, ['check', '--format', 'json', '--fail-on', 'never', '--verbose', ...at]);
    verbose();
    const facts = path.join(location, 'facts.json');
    const text = fs.readFileSync(facts, 'utf8');
    fs.writeFileSync(facts, `${text.slice(0, text.indexOf('"entries":') + '"entries":'.length)}{"services/billing/main.go":`);
    const replay = verbose();
    assert.match(replay.stderr, /check replayed/);
    assert.doesNotMatch(replay.stderr, /facts cache .* ignored/, 'a replay reads no facts');
    edit(tree, 'services/billing/main.go', (t) => t.replace('4105', '4106'));
    const checked = verbose();
    assert.doesNotMatch(checked.stderr, /check replayed/);
    assert.equal(checked.stderr.split('\n').filter((line) => /facts cache .* ignored/.test(line)).length, 1, checked.stderr);
    assert.equal(checked.stdout, run(tree, ['check', '--format', 'json', '--fail-on', 'never']).stdout);
    assert.doesNotThrow(() => JSON.parse(fs.readFileSync(facts, 'utf8')), 'rewritten');
  });

  it('lists again each folder whose entries or ignore rules changed, and only those', async () => {
    const tree = makeTree();
    const at = ['--cache', '--cache-location', path.join(scratch, `cache-${path.basename(tree)}`)];
    const remembered = () => {
      const { stderr } = run(tree, ['check', '--format', 'json', '--fail-on', 'never', '--verbose', ...at]);
      const [, walked, unchanged] = /listed \d+ files in (\d+) folders \((\d+) of them unchanged since the cache\)/.exec(stderr) ?? [];
      assert.ok(walked, stderr);
      return { walked: Number(walked), unchanged: Number(unchanged) };
    };
    fs.writeFileSync(path.join(tree, 'services/search/.gitignore'), '*.log\n');
    // Folders changed in the last two seconds are never remembered (their change time may not move again).
    await new Promise((resolve) => setTimeout(resolve, 2100));
    assert.equal(remembered().unchanged, 0, 'the first run lists every folder');
    const warm = remembered();
    assert.equal(warm.unchanged, warm.walked, 'a second run lists none');
    const file = (p: string) => path.join(tree, p);
    const changes: [string, () => void][] = [
      ['a file added to a folder', () => fs.writeFileSync(file('services/billing/extra.py'), 'app.run(port=4177)\n')],
      ['a .gitignore rewritten in place', () => fs.writeFileSync(file('services/search/.gitignore'), 'app/\n')],
      ['a root rule that reaches into unchanged folders', () => fs.appendFileSync(file('.gitignore'), 'workers/email/worker.py\n')],
      ['a file replaced by a folder of the same name', () => {
        fs.rmSync(file('services/notifier/index.js'));
        fs.mkdirSync(file('services/notifier/index.js'));
        fs.writeFileSync(file('services/notifier/index.js/ports.env'), 'PORT=4188\n');
      }],
    ];
    for (const [what, change] of changes) {
      const before = reports(tree);
      change();
      assert.notEqual(reports(tree), before, `${what} changes the report`);
      assert.equal(reports(tree, at), reports(tree), `after ${what}`);
    }
    assert.ok(remembered().unchanged > 0, 'the folders nothing touched are still remembered');
    assert.equal(reports(tree, [...at, '--exclude', 'apps/**']), reports(tree, ['--exclude', 'apps/**']), 'another exclude');
  });

  it('ignores a corrupt cache or one from another build with one log line, and rewrites it', () => {
    const plain = reports(root);
    const file = path.join(location, 'facts.json');
    for (const [what, contents] of [
      ['corrupt', '{"format":1,"tool":"'],
      ['foreign', JSON.stringify({ format: 1, tool: '0.0.1+0000000000000000', files: { 'services/billing/server.go': { size: 1, mtimeMs: 1, version: 1, facts: { occurrences: [] } } } })],
    ]) {
      fs.writeFileSync(file, contents);
      const { stdout, stderr } = run(root, ['check', '--format', 'json', '--fail-on', 'never', '--verbose', ...cache]);
      assert.equal(`${stdout}\n${run(root, ['map', '--format', 'json', ...cache]).stdout}`, plain, what);
      assert.equal(stderr.split('\n').filter((line) => line.includes('facts cache')).length, 1, `${what}: ${stderr}`);
      assert.doesNotThrow(() => JSON.parse(fs.readFileSync(file, 'utf8')), `${what}: rewritten`);
    }
  });

  it('goes to the user cache by default, named after the tree; --no-cache reads and writes none', () => {
    const home = fs.mkdtempSync(path.join(scratch, 'xdg-'));
    const plain = reports(root);
    assert.equal(reports(root, ['--cache', '--no-cache'], { XDG_CACHE_HOME: home }), plain);
    assert.deepEqual(fs.readdirSync(home), []);
    assert.equal(reports(root, ['--cache'], { XDG_CACHE_HOME: home }), plain);
    const trees = fs.readdirSync(path.join(home, 'port-schema'));
    assert.equal(trees.length, 1);
    assert.match(trees[0], /^[0-9a-f]{16}$/);
    assert.ok(fs.existsSync(path.join(home, 'port-schema', trees[0], 'facts.json')));
  });

  it('never caches inside the checked tree unless told to', () => {
    const tree = listing(root);
    const { stderr } = run(root, ['check', '--verbose', '--fail-on', 'never', '--cache'], { XDG_CACHE_HOME: path.join(root, '.cache') });
    assert.match(stderr, /no facts cache: .* is inside the checked folder/);
    assert.deepEqual(listing(root), tree);
  });
});
