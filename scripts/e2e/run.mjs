// End-to-end test of the extension as users get it: build and pack the .vsix, install it into a real
// VS Code (code-server, from npm), run the in-VS Code suites there, then drive the workbench in
// Chromium like a person: open a file, read the Problems panel, hover a port, apply a quick fix.
// Three launches run suites: examples/monorepo; a multi-root workspace (monorepo + portos-like); and a
// folder without a plan, where this script plays the user who accepts the offer to write one.
// Usage: npm run test:e2e   (first run installs code-server + Node 24 into $PORT_SCHEMA_E2E_CACHE or
// ~/.cache/port-schema-e2e; screenshots and logs go to .e2e/; UPDATE_SCREENSHOT=1 also refreshes
// images/screenshot.png for the README)
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser } from './browser.mjs';
import { installExtension, prepareUserData, startCodeServer } from './codeServer.mjs';
import { ensureInstalled } from './install.mjs';
import { freePort, stopAll, stopGroup, within } from './processes.mjs';
import * as wb from './workbench.mjs';

const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');
const EXAMPLES = join(ROOT, 'examples', 'monorepo');
const PORTOS_LIKE = join(ROOT, 'server', 'testFixtures', 'portos-like');
const OUT = join(ROOT, '.e2e');
const SHOTS = join(OUT, 'screenshots');
const LOGS = join(OUT, 'logs');
const WHOLE_RUN_LIMIT_MS = 25 * 60_000;
const SUITES_LIMIT_MS = 8 * 60_000;
const SEARCH_FILE = 'services/search/app/main.py';
const REPORT_PREFIX = '[port-schema tests] ';
const CREATE_PLAN_BUTTON = 'Create ports.yaml from this workspace';

const timings = [];
function timed(label, startedAt) {
  const seconds = (Date.now() - startedAt) / 1000;
  timings.push([label, seconds]);
  console.log(`[e2e] ${label}: ${seconds.toFixed(1)} s`);
  return seconds;
}

function run(command, args, what) {
  const res = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', timeout: 10 * 60_000 });
  if (res.status !== 0) throw new Error(`${what} failed (exit ${res.status ?? res.signal}): ${command} ${args.join(' ')}`);
}

/** `npm run package`, then the suites (not part of the .vsix). Returns the .vsix path. */
function buildAndPack() {
  const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  run('npm', ['run', '--silent', 'package'], 'packaging the extension');
  run(process.execPath, ['esbuild.mjs', 'tests'], 'building the VS Code test suites');
  const vsix = join(ROOT, `port-schema-${version}.vsix`);
  console.log(`[e2e] ${relative(ROOT, vsix)}: ${(statSync(vsix).size / 1024).toFixed(0)} KiB`);
  return vsix;
}

function filesUnder(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath ?? e.path, e.name)))
    .sort();
}

/** The e2e edits must all have been reverted: a workspace copy must still equal its original, save `absent` files. */
function assertSameTree(copy, original, absent = []) {
  const a = filesUnder(copy);
  const b = filesUnder(original).filter((f) => !absent.includes(f));
  const differing = [...new Set([...a, ...b])].filter((f) => {
    try {
      return !readFileSync(join(copy, f)).equals(readFileSync(join(original, f)));
    } catch {
      return true;
    }
  });
  if (differing.length) throw new Error(`the run left these example files changed on disk: ${differing.join(', ')}`);
}

/** Where code-server unpacked our .vsix: `<extensions-dir>/port-schema.port-schema-<version>`. */
function installedFolder(extensionsDir) {
  const { publisher, name, version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const folder = join(extensionsDir, `${publisher}.${name}-${version}`);
  statSync(folder);
  return folder;
}

/** `open` is `{ folder }` or `{ workspace }` (a .code-workspace file): what the window opens. */
function workbenchUrl(server, open, payload) {
  const query = new URLSearchParams(open);
  if (payload) query.set('payload', JSON.stringify(payload));
  return `${server.url}/?${query}`;
}

/**
 * One launch of the Mocha suites of client/out/test/<suiteFolder> inside the real extension host, against
 * the installed .vsix, in a window that opens `open`. `alongside(page)`, if given, plays the user while
 * the suites run (they may wait for it).
 */
async function runSuites({ paths, dirs, context, port }, { name, suiteFolder, open, alongside }) {
  const started = Date.now();
  const userDataDir = join(dirs.temp, `user-data-${name}`);
  prepareUserData(userDataDir);
  const server = await startCodeServer({ paths, port, userDataDir, extensionsDir: dirs.extensions,
    home: dirs.home, logFile: join(LOGS, `code-server-${name}.log`), testDriver: true });
  const page = await context.newPage();
  const consoleLines = [];
  page.on('console', (msg) => consoleLines.push(msg.text()));
  let exit;
  const exited = new Promise((res) => { exit = res; });
  await page.exposeFunction('codeAutomationExit', (code) => { exit(code); });
  const suiteIndex = join(ROOT, 'client', 'out', 'test', suiteFolder, 'index');
  // The workbench runs extension tests only for a development extension: name the installed .vsix's
  // folder as that, so the suites exercise exactly what the package contains.
  const remote = (path) => `vscode-remote://127.0.0.1:${port}${path}`;
  let code;
  try {
    await page.goto(workbenchUrl(server, open, [
      ['extensionDevelopmentPath', remote(dirs.installedExtension)],
      ['extensionTestsPath', remote(suiteIndex)],
    ]));
    [code] = await within(SUITES_LIMIT_MS, `the ${name} suites to finish`, Promise.all([exited, alongside?.(page)]));
  } finally {
    await page.screenshot({ path: join(SHOTS, `00-${name}-done.png`) }).catch(() => undefined);
    await page.close();
    await stopGroup(server.group);
    // The suites mark their report lines (client/src/test/mochaRunner.ts, REPORT_PREFIX).
    const report = consoleLines.flatMap((line) => {
      const at = line.indexOf(REPORT_PREFIX);
      return at < 0 ? [] : [line.slice(at + REPORT_PREFIX.length)];
    });
    writeFileSync(join(LOGS, `browser-console-${name}.log`), consoleLines.join('\n'));
    console.log(report.flatMap((line) => line.split('\n')).map((line) => `  | ${line}`).join('\n'));
    timed(`suites in ${name} (code-server start to exit)`, started);
  }
  if (code !== 0) throw new Error(`the ${name} suites failed (exit code ${code}); log: ${relative(ROOT, LOGS)}`);
}

/**
 * The user of the folder without a plan (client/src/test/suite-noplan): sees the status bar say so and
 * the offer, accepts it, sees the status show a plan, and saves the new ports.yaml.
 */
async function acceptPlanOffer(page) {
  const started = Date.now();
  await wb.statusItem(page, 'Ports:', { hasText: '(no plan)', timeout: 90_000 });
  const create = await wb.notificationButton(page, 'found no port plan', CREATE_PLAN_BUTTON);
  timed('page open to the offer to create a plan', started);
  await page.screenshot({ path: join(SHOTS, '00-no-plan-offer.png') });
  await create.click();
  await wb.waitForActiveTab(page, 'ports.yaml');
  const status = await wb.statusItem(page, 'Ports:', { hasNotText: '(no plan)' });
  console.log(`[e2e] status bar once the plan exists: ${status.trim()}`);
  await page.screenshot({ path: join(SHOTS, '00-no-plan-created.png') });
  await wb.saveActiveEditor(page);
}

/** Phase 2: a person in the workbench. */
async function driveWorkbench({ paths, dirs, context, port }) {
  const server = await startCodeServer({ paths, port, userDataDir: dirs.userDataUi, extensionsDir: dirs.extensions,
    home: dirs.home, logFile: join(LOGS, 'code-server-ui.log'), testDriver: false });
  const page = await context.newPage();
  const shot = (name) => page.screenshot({ path: join(SHOTS, name) });
  const searchText = readFileSync(join(dirs.workspace, SEARCH_FILE), 'utf8');
  const portLine = searchText.split('\n').findIndex((l) => l.includes('"4101"')) + 1;

  const pageOpened = Date.now();
  await page.goto(workbenchUrl(server, { folder: dirs.workspace }));
  await wb.waitForWorkbench(page);
  timed('page open to workbench ready', pageOpened);
  await wb.quickOpen(page, SEARCH_FILE, { line: portLine });
  timed('page open to main.py shown', pageOpened);
  await wb.waitForSquiggle(page);
  const firstSquiggle = timed('page open to first diagnostic squiggle', pageOpened);
  await shot('01-squiggle.png');
  const status = await page.locator('.statusbar-item', { hasText: 'Ports:' }).first().innerText({ timeout: 10_000 });
  if (!/Ports: \d+ findings?/.test(status)) throw new Error(`the status bar shows "${status}", not the number of findings`);
  console.log(`[e2e] status bar: ${status.trim()}`);

  const markers = await wb.problemsOf(page, 'main.py', '4101');
  const collision = markers.find((m) => /collision/.test(m) && /\bauth\b/.test(m));
  if (!collision) throw new Error(`the Problems panel shows no collision with auth under main.py; its rows:\n${markers.join('\n')}`);
  console.log(`[e2e] Problems panel, main.py: ${collision}`);
  await shot('02-problems.png');

  const hover = await wb.hoverToken(page, '"PORT", "4101"', '4101', 'Core Services');
  if (!/search/.test(hover) || !/auth/.test(hover)) throw new Error(`the hover over 4101 does not name search and auth:\n${hover}`);
  console.log(`[e2e] hover: ${hover.replace(/\s+/g, ' ').slice(0, 200)}`);
  await shot('03-hover.png');

  const fix = await wb.applyQuickFix(page, '"PORT", "4101"', '4101', 'Use the planned port');
  await shot('04-quick-fix.png');
  await fix.click();
  await wb.waitForEditorText(page, /"PORT", "4103"/);
  await shot('05-fixed.png');

  await wb.runCommand(page, 'File: Revert File');
  await wb.waitForEditorText(page, /"PORT", "4101"/);
  await page.close();
  await stopGroup(server.group);
  // The README's screenshot is refreshed on request only, so that a test run leaves the tree clean.
  const readmeShot = join(ROOT, 'images', 'screenshot.png');
  if (process.env.UPDATE_SCREENSHOT === '1' || !existsSync(readmeShot)) copyFileSync(join(SHOTS, '03-hover.png'), readmeShot);
  return firstSquiggle;
}

async function main() {
  const started = Date.now();
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(SHOTS, { recursive: true });
  mkdirSync(LOGS, { recursive: true });

  let t = Date.now();
  const paths = ensureInstalled();
  timed('code-server + Node 24 ready (install or cache)', t);
  t = Date.now();
  const vsix = buildAndPack();
  timed('build + package', t);

  const temp = mkdtempSync(join(tmpdir(), 'port-schema-e2e-'));
  const dirs = {
    temp,
    home: join(temp, 'home'),
    extensions: join(temp, 'extensions'),
    userDataUi: join(temp, 'user-data-ui'),
    // A copy, so that a crash mid-edit can never leave the repository's examples changed.
    workspace: join(temp, 'monorepo'),
    noPlan: join(temp, 'no-plan'),
    multiRoot: join(temp, 'multi-root'),
  };
  const multiRootCopies = [[join(dirs.multiRoot, 'monorepo'), EXAMPLES], [join(dirs.multiRoot, 'portos-like'), PORTOS_LIKE]];
  let browser;
  try {
    for (const d of [dirs.home, dirs.extensions]) mkdirSync(d, { recursive: true });
    prepareUserData(dirs.userDataUi);
    cpSync(EXAMPLES, dirs.workspace, { recursive: true });
    cpSync(EXAMPLES, dirs.noPlan, { recursive: true });
    rmSync(join(dirs.noPlan, 'ports.yaml'));
    for (const [copy, original] of multiRootCopies) cpSync(original, copy, { recursive: true });
    const workspaceFile = join(dirs.multiRoot, 'port-schema.code-workspace');
    writeFileSync(workspaceFile, JSON.stringify({ folders: [{ path: 'monorepo' }, { path: 'portos-like' }] }, null, 2));
    t = Date.now();
    console.log(`[e2e] ${installExtension({ paths, vsix, extensionsDir: dirs.extensions, userDataDir: dirs.userDataUi, home: dirs.home })}`);
    dirs.installedExtension = installedFolder(dirs.extensions);
    timed('install the .vsix', t);

    const launched = await launchBrowser({ home: dirs.home });
    browser = launched.browser;
    // Both phases run even when the first fails: each tells something the other does not.
    const failures = [];
    let phases = 0;
    const phase = async (name, fn) => {
      phases++;
      try {
        return await fn();
      } catch (err) {
        failures.push(name);
        console.error(`[e2e] ${name} FAILED: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
        return undefined;
      }
    };
    const env = async () => ({ paths, dirs, context: launched.context, port: await freePort() });
    await phase('in-VS Code suites', async () => runSuites(await env(), { name: 'monorepo', suiteFolder: 'suite', open: { folder: dirs.workspace } }));
    await phase('multi-root suites', async () => runSuites(await env(), { name: 'multi-root', suiteFolder: 'suite-workspaces', open: { workspace: workspaceFile } }));
    await phase('no-plan suites', async () => runSuites(await env(), { name: 'no-plan', suiteFolder: 'suite-noplan', open: { folder: dirs.noPlan },
      alongside: acceptPlanOffer }));
    const firstSquiggle = await phase('workbench walkthrough', async () =>
      driveWorkbench(await env()));
    await phase('example workspaces left unchanged', () => {
      assertSameTree(dirs.workspace, EXAMPLES);
      assertSameTree(dirs.noPlan, EXAMPLES, ['ports.yaml']);
      for (const [copy, original] of multiRootCopies) assertSameTree(copy, original);
    });
    timed('whole e2e run', started);
    if (firstSquiggle !== undefined) console.log(`[e2e] first diagnostic squiggle ${firstSquiggle.toFixed(1)} s after the page opened`);
    console.log(`[e2e] screenshots in ${relative(ROOT, SHOTS)}, logs in ${relative(ROOT, LOGS)}`);
    console.log(`e2e: ${phases - failures.length} passed, ${failures.length} failed`);
    if (failures.length) process.exitCode = 1;
  } finally {
    await browser?.close().catch(() => undefined);
    await stopAll();
    rmSync(temp, { recursive: true, force: true });
  }
}

const watchdog = setTimeout(() => {
  console.error(`[e2e] the whole run took longer than ${WHOLE_RUN_LIMIT_MS / 60_000} minutes: stopping`);
  void stopAll().finally(() => process.exit(1));
}, WHOLE_RUN_LIMIT_MS);
watchdog.unref();
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => void stopAll().finally(() => process.exit(130)));
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  async (err) => {
    console.error(`[e2e] FAILED: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
    console.error(`[e2e] logs in ${relative(ROOT, LOGS)}, screenshots in ${relative(ROOT, SHOTS)}`);
    console.log('e2e: 0 passed, 1 failed');
    await stopAll();
    process.exit(1);
  },
);
