// Bundles the runnable pieces: the language server and the CLI (everything bundled, so the .vsix
// needs no node_modules) and the VS Code client (`vscode` is provided by the editor).
// Usage: node esbuild.mjs [--production] [target ...]
//   targets: server, cli (with cliMain), worker, client (the default: all four), tests (the in-VS Code suites, kept
//   file-by-file under client/out/test so that Mocha can load them one by one).
//   --production: minified, no source maps (for `npm run package`).
import { spawnSync } from 'node:child_process';
import { chmodSync } from 'node:fs';
import * as esbuild from 'esbuild';

const args = process.argv.slice(2);
const production = args.includes('--production');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  // jsonc-parser's `main` is a UMD build whose dynamic requires esbuild cannot follow; its ESM build bundles cleanly.
  mainFields: ['module', 'main'],
};

const targets = {
  server: { ...common, entryPoints: ['server/src/lsp/main.ts'], outfile: 'server/out/server.js' },
  // The `port-schema` command is a small launcher that loads the CLI bundle with its code cache (made below).
  cli: { ...common, entryPoints: ['server/src/cli/launch.ts'], outfile: 'server/out/cli.js', banner: { js: '#!/usr/bin/env node' } },
  cliMain: { ...common, entryPoints: ['server/src/cli/main.ts'], outfile: 'server/out/cliMain.js' },
  // The reading threads of a large tree, started by the server and the CLI from beside their own bundle.
  worker: { ...common, entryPoints: ['server/src/node/extractWorker.ts'], outfile: 'server/out/extractWorker.js' },
  client: { ...common, entryPoints: ['client/src/extension.ts'], outfile: 'client/out/extension.js', external: ['vscode'] },
  tests: {
    ...common,
    bundle: false,
    sourcemap: true,
    minify: false,
    entryPoints: ['client/src/test/**/*.ts'],
    outbase: 'client/src/test',
    outdir: 'client/out/test',
  },
};

const requested = args.filter((a) => !a.startsWith('--'));
const unknown = requested.filter((name) => !(name in targets));
if (unknown.length) {
  console.error(`esbuild.mjs: unknown target ${unknown.join(', ')}; known: ${Object.keys(targets).join(', ')}`);
  process.exit(2);
}
// The server and the CLI start the reading threads from beside their own bundle: building either builds those too.
const chosen = new Set(requested.length ? requested : ['server', 'cli', 'worker', 'client']);
if (chosen.has('server') || chosen.has('cli')) chosen.add('worker');
if (chosen.has('cli')) chosen.add('cliMain');
await Promise.all([...chosen].map((name) => esbuild.build(targets[name])));
// The CLI is the package's `bin`: run straight from a checkout (the Action, `npx --prefix`), it must be executable.
if (chosen.has('cli')) {
  chmodSync(targets.cli.outfile, 0o755);
  writeCodeCache();
}

/**
 * One run of the CLI on the bundled example, which leaves V8's code cache of the bundle beside it
 * (see server/src/cli/launch.ts). Without it the CLI works the same, only compiles itself each run.
 */
function writeCodeCache() {
  const run = spawnSync(process.execPath, [targets.cli.outfile, 'check', 'examples/monorepo', '--no-cache', '--fail-on', 'never'], {
    env: { ...process.env, PORT_SCHEMA_WRITE_CODE_CACHE: '1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  if (run.status !== 0) console.warn(`esbuild.mjs: no code cache for the CLI (its run on examples/monorepo exited ${run.status}): ${run.stderr}`);
}
