// code-server (the real VS Code workbench served to a browser, with a Node extension host) run
// privately: own HOME, user data and extensions folders, no marketplace, no telemetry, loopback only.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { node24Env } from './install.mjs';
import { delay, startGroup, within } from './processes.mjs';

/** Settings that keep runs deterministic and quiet. */
const USER_SETTINGS = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'files.autoSave': 'off',
  'files.hotExit': 'off',
  'editor.hover.delay': 150,
  'editor.hover.sticky': true,
  'git.enabled': false,
  'chat.disableAIFeatures': true,
};

/** Environment for code-server: Node 24 first on PATH, a private HOME, nothing inherited from an outer VS Code. */
export function codeServerEnv(home) {
  const env = node24Env();
  for (const key of Object.keys(env)) if (key.startsWith('VSCODE_') || key === 'ELECTRON_RUN_AS_NODE') delete env[key];
  return {
    ...env,
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_DATA_HOME: join(home, '.local', 'share'),
    XDG_CACHE_HOME: join(home, '.cache'),
    EXTENSIONS_GALLERY: JSON.stringify({ serviceUrl: '' }),
  };
}

export function prepareUserData(userDataDir) {
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify(USER_SETTINGS, null, 2));
}

/** `code-server --install-extension file.vsix`, the way a user installs a downloaded .vsix. */
export function installExtension({ paths, vsix, extensionsDir, userDataDir, home }) {
  const res = spawnSync(paths.node.node, [paths.codeServer.entry,
    '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir, '--install-extension', vsix], {
    env: codeServerEnv(home),
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (res.status !== 0) {
    throw new Error(`code-server --install-extension ${vsix} failed (exit ${res.status ?? res.signal}):\n${res.stdout}\n${res.stderr}`);
  }
  return res.stdout.trim();
}

/**
 * Starts code-server on 127.0.0.1:`port` and waits until it answers /healthz. `testDriver` turns on the
 * smoke-test driver, without which the workbench ignores extensionTestsPath in the URL payload.
 */
export async function startCodeServer({ paths, port, userDataDir, extensionsDir, home, logFile, testDriver }) {
  const args = [paths.codeServer.entry,
    '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none',
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--ignore-last-opened',
    '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir,
    ...(testDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : [])];
  const group = startGroup(paths.node.node, args, { env: codeServerEnv(home), logFile });
  const url = `http://127.0.0.1:${port}`;
  await within(30_000, `code-server to answer ${url}/healthz (log: ${logFile})`, waitHealthy(url, group));
  return { url, group };
}

async function waitHealthy(url, group) {
  let exited = false;
  group.exited.then(() => { exited = true; });
  for (;;) {
    if (exited) throw new Error('code-server exited before it was healthy');
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await delay(200);
  }
}
