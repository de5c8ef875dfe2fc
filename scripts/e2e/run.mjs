// End-to-end test of the extension as users get it: build and pack the .vsix, install it into a real
// VS Code (code-server, from npm), run the in-VS Code suites there, then drive the workbench in
// Chromium like a person: open a file, read the Problems panel, hover a port, apply a quick fix.
// Three launches run suites: examples/monorepo (this script is the user who reads and applies the
// multi-file edits the suites ask for); a multi-root workspace (monorepo + portos-like); and a folder
// without a plan, where this script checks that nothing pops up and creates a plan from the language
// status item. Then two walkthroughs without the test driver: the monorepo (collision, hover, quick fix,
// Align's confirmation and Refactor Preview, one undo across files) and server/testFixtures/orders (the
// lenses and hovers of a two-port service, the language status counts, the Port Map view).
// Usage: npm run test:e2e   (first run installs code-server + Node 24 into $PORT_SCHEMA_E2E_CACHE or
// ~/.cache/port-schema-e2e; screenshots and logs go to .e2e/; UPDATE_SCREENSHOT=1 also refreshes
// images/screenshot.png and images/port-map.png for the README; PORT_SCHEMA_E2E_PHASES picks phases)
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser } from './browser.mjs';
import { installExtension, prepareUserData, startCodeServer } from './codeServer.mjs';
import { ensureInstalled } from './install.mjs';
import { delay, freePort, stopAll, stopGroup, within } from './processes.mjs';
import * as wb from './workbench.mjs';

const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');
const EXAMPLES = join(ROOT, 'examples', 'monorepo');
const PORTOS_LIKE = join(ROOT, 'server', 'testFixtures', 'portos-like');
const ORDERS = join(ROOT, 'server', 'testFixtures', 'orders');
const OUT = join(ROOT, '.e2e');
const SHOTS = join(OUT, 'screenshots');
const LOGS = join(OUT, 'logs');
const WHOLE_RUN_LIMIT_MS = 25 * 60_000;
const SUITES_LIMIT_MS = 8 * 60_000;
const SEARCH_FILE = 'services/search/app/main.py';
const REPORT_PREFIX = '[port-schema tests] ';
const CREATE_PLAN_LINK = 'Create a plan from this workspace';


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
 * the installed .vsix, in a window that opens `open`. (The workbench refuses dialogs under test: what
 * asks the user first is shown in the walkthroughs below, without the test driver.)
 */
async function runSuites({ paths, dirs, context, port }, { name, suiteFolder, open }) {
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
    code = await within(SUITES_LIMIT_MS, `the ${name} suites to finish`, exited);
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
 * The folder without a plan in the workbench, as a new user meets it: nothing pops up; the language
 * status item says there is no plan and offers one; creating it asks first and opens ports.yaml
 * unsaved; nothing is on disk until the user saves; then the plan's own findings appear.
 */
async function createPlanFromStatus({ paths, dirs, context, port }) {
  const planPath = join(dirs.noPlan, 'ports.yaml');
  const server = await startCodeServer({ paths, port, userDataDir: dirs.userDataNoPlan, extensionsDir: dirs.extensions,
    home: dirs.home, logFile: join(LOGS, 'code-server-no-plan-ui.log'), testDriver: false });
  const page = await context.newPage();
  try {
    const started = Date.now();
    await page.goto(workbenchUrl(server, { folder: dirs.noPlan }));
    await keepingFailure(page, 'no-plan', () => createPlanSteps(page, planPath, started));
  } finally {
    await page.close();
    await stopGroup(server.group);
  }
}

async function createPlanSteps(page, planPath, started) {
  await wb.waitForWorkbench(page);
  await wb.quickOpen(page, SEARCH_FILE);
  const status = await wb.languageStatus(page, /No port plan/, 90_000);
  timed('page open to the language status saying there is no plan', started);
  await page.keyboard.press('Escape');
  const prompts = (await wb.notificationTexts(page)).filter((t) => /port schema|port plan|ports\.yaml/i.test(t));
  if (prompts.length) throw new Error(`a folder without a plan got a notification: ${prompts.join(' | ')}`);
  console.log(`[e2e] no notification in the folder without a plan; language status: ${status.text.replace(/\s+/g, ' ').trim()}`);
  let ask;
  for (let attempt = 1; !ask; attempt++) {
    const { hover } = await wb.languageStatus(page, /No port plan/);
    if (attempt === 1) await page.screenshot({ path: join(SHOTS, '00-no-plan-status.png') });
    await hover.locator('a', { hasText: CREATE_PLAN_LINK }).first().click();
    // The hover may still be settling when clicked: look again, open it again.
    ask = await wb.dialog(page, /Write a port plan/, attempt < 3 ? 8000 : 30_000).catch((err) => {
      if (attempt >= 3) throw err;
      return undefined;
    });
  }
  await page.screenshot({ path: join(SHOTS, '00-no-plan-ask.png') });
  if (existsSync(planPath)) throw new Error('ports.yaml was written before the user agreed');
  await ask.press('Create ports.yaml');
  await wb.waitForActiveTab(page, 'ports.yaml');
  if (!(await wb.activeTabIsDirty(page))) throw new Error('the drafted ports.yaml should open unsaved');
  if (existsSync(planPath)) throw new Error('ports.yaml is on disk before the user saved it');
  await page.screenshot({ path: join(SHOTS, '00-no-plan-draft.png') });
  await wb.saveActiveEditor(page);
  if (!existsSync(planPath)) throw new Error('saving the draft did not write ports.yaml');
  timed('no plan to a saved ports.yaml, through the language status', started);
  const duplicate = (await wb.problemsOf(page, 'ports.yaml', '4101')).find((m) => /also planned for/.test(m));
  if (!duplicate) throw new Error('the saved plan\'s own finding (4101 planned twice) did not appear');
  console.log(`[e2e] the new plan's finding: ${duplicate}`);
  // The plan this run saved is its own: the folder goes back to having none.
  rmSync(planPath);
}

/** Runs a walkthrough's steps; when one fails, the page as it was then is kept as `failed-<name>.png`. */
async function keepingFailure(page, name, steps) {
  try {
    return await steps();
  } catch (err) {
    await page.screenshot({ path: join(SHOTS, `failed-${name}.png`) }).catch(() => undefined);
    throw err;
  }
}

/** Phase 2: a person in the workbench. */
async function driveWorkbench({ paths, dirs, context, port }) {
  const server = await startCodeServer({ paths, port, userDataDir: dirs.userDataUi, extensionsDir: dirs.extensions,
    home: dirs.home, logFile: join(LOGS, 'code-server-ui.log'), testDriver: false });
  const page = await context.newPage();
  const shot = (name) => page.screenshot({ path: join(SHOTS, name) });
  const searchText = readFileSync(join(dirs.workspace, SEARCH_FILE), 'utf8');
  const portLine = searchText.split('\n').findIndex((l) => l.includes('"4101"')) + 1;

  const firstSquiggle = await keepingFailure(page, 'monorepo', async () => {
    const pageOpened = Date.now();
    await page.goto(workbenchUrl(server, { folder: dirs.workspace }));
    await wb.waitForWorkbench(page);
    timed('page open to workbench ready', pageOpened);
    await wb.quickOpen(page, SEARCH_FILE, { line: portLine });
    timed('page open to main.py shown', pageOpened);
    await wb.waitForSquiggle(page);
    const squiggle = timed('page open to first diagnostic squiggle', pageOpened);
    await shot('01-squiggle.png');
    const { text: status } = await wb.languageStatus(page, /\d+ port problems/);
    console.log(`[e2e] language status: ${status.replace(/\s+/g, ' ').trim()}`);
    await page.keyboard.press('Escape');

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
    await assignWithConsent(page, shot, dirs.workspace);
    await alignWithConsent(page, shot, dirs.workspace);
    return squiggle;
  });
  await page.close();
  await stopGroup(server.group);
  // The README's screenshot is refreshed on request only, so that a test run leaves the tree clean.
  const readmeShot = join(ROOT, 'images', 'screenshot.png');
  if (process.env.UPDATE_SCREENSHOT === '1' || !existsSync(readmeShot)) copyFileSync(join(SHOTS, '03-hover.png'), readmeShot);
  return firstSquiggle;
}

/**
 * "Assign next free port" on search's 4101 changes three files (the literal, its plan row, SEARCH_URL):
 * it asks first, applies them unsaved, and one undo takes them all back.
 */
async function assignWithConsent(page, shot, workspace) {
  const envOnDisk = readFileSync(join(workspace, '.env'), 'utf8');
  const fix = await wb.applyQuickFix(page, '"PORT", "4101"', '4101', 'Assign next free port in Core Services');
  await fix.click();
  const ask = await wb.dialog(page, /Assign next free port in Core Services \(\d+\): 3 changes in 3 files/);
  console.log(`[e2e] the multi-file quick fix asks first: ${ask.text.split('\n').slice(0, 4).join(' / ')}`);
  await shot('05b-assign-confirm.png');
  await ask.press(/^Apply$/);
  await wb.waitForEditorText(page, /"PORT", "4104"/);
  if (readFileSync(join(workspace, '.env'), 'utf8') !== envOnDisk) throw new Error('the quick fix wrote .env to disk');
  await wb.undoAcrossFiles(page);
  await wb.waitForEditorText(page, /"PORT", "4101"/);
  if (await wb.dirtyTabs(page, 0) > 0) throw new Error('one undo should take the whole fix back, in all three files');
}

/**
 * Align Code with the Plan as a new user runs it: a confirmation lists what changes in which files;
 * "Pick Changes in Refactor Preview…" shows them there (discarded here); Apply changes the four files
 * in their editors, unsaved; one Ctrl+Z takes the whole change back.
 */
async function alignWithConsent(page, shot, workspace) {
  const billingPath = join(workspace, 'services/billing/main.go');
  const billingOnDisk = readFileSync(billingPath, 'utf8');
  await wb.runCommand(page, 'Port Schema: Align Code with the Plan');
  const ask = await wb.dialog(page, /Align code with the plan: \d+ changes in 4 files/);
  console.log(`[e2e] Align asks first: ${ask.text.split('\n').slice(0, 3).join(' / ')}`);
  await shot('06-align-confirm.png');
  await ask.press('Pick Changes in Refactor Preview…');
  await page.locator('.bulk-edit-panel').first().waitFor({ state: 'visible', timeout: 20_000 });
  await delay(500);
  await shot('07-refactor-preview.png');
  await page.locator('.bulk-edit-panel .monaco-button', { hasText: 'Discard' }).first().click();
  await page.locator('.bulk-edit-panel').first().waitFor({ state: 'hidden', timeout: 20_000 });
  if (readFileSync(billingPath, 'utf8') !== billingOnDisk) throw new Error('the refactor preview wrote to disk');

  await wb.runCommand(page, 'Port Schema: Align Code with the Plan');
  await (await wb.dialog(page, /Align code with the plan: \d+ changes in 4 files/)).press('Apply');
  // Each changed file opens in a tab of its own, unsaved; the focus stays in main.py (search moves to 4103).
  await wb.waitForEditorText(page, /"PORT", "4103"/);
  const dirty = await wb.dirtyTabs(page, 4);
  if (dirty !== 4) throw new Error(`the four aligned files should wait unsaved in their tabs; ${dirty} tabs are dirty`);
  if (readFileSync(billingPath, 'utf8') !== billingOnDisk) throw new Error('Align wrote main.go to disk');
  await shot('08-aligned-unsaved.png');
  await page.locator('.editor-instance .monaco-editor .view-lines').first().click();
  await wb.undoAcrossFiles(page);
  await wb.waitForEditorText(page, /"PORT", "4101"/);
  if (await wb.dirtyTabs(page, 0) > 0) throw new Error('one undo should take the whole alignment back, in all four files');
  console.log('[e2e] Align: confirmation, Refactor Preview (discarded), Apply (unsaved), one undo across the files');
}

/**
 * server/testFixtures/orders in the workbench: the plan lenses of a two-port service (each about its
 * own row; a click opens the row's sites), its hover, the language status counts against the Problems
 * status, the Port Map view (screenshot for the README), dev container labels from the plan.
 */
async function driveOrders({ paths, dirs, context, port }) {
  const server = await startCodeServer({ paths, port, userDataDir: dirs.userDataOrders, extensionsDir: dirs.extensions,
    home: dirs.home, logFile: join(LOGS, 'code-server-orders.log'), testDriver: false });
  const page = await context.newPage();
  const shot = (name) => page.screenshot({ path: join(SHOTS, name) });
  try {
    await keepingFailure(page, 'orders', () => ordersSteps(page, shot, server, dirs));
  } finally {
    await page.close();
    await stopGroup(server.group);
  }
}

async function ordersSteps(page, shot, server, dirs) {
  await page.goto(workbenchUrl(server, { folder: dirs.orders }));
  await wb.waitForWorkbench(page);
  await wb.quickOpen(page, 'ports.yaml');
  const lenses = await wb.codeLensTitles(page, 4, 60_000);
  for (const expected of ['✓ bound: docker-compose.yml:8 +1', '✓ bound: docker-compose.yml:9 +1', '⚠ binds 4303 instead: main.py:19']) {
    if (!lenses.some((l) => l.includes(expected))) throw new Error(`no lens "${expected}" on ports.yaml; lenses: ${lenses.join(' | ')}`);
  }
  console.log(`[e2e] orders plan lenses: ${lenses.join(' | ')}`);
  await shot('10-lenses.png');

  const hover = await wb.hoverToken(page, 'metrics: 4301', '4301', 'planned for');
  const lead = hover.split('\n').find((l) => /Port 4301/.test(l)) ?? '';
  if (!/Port 4301 · planned for orders \(metrics\) · orders listens on it/.test(lead)) throw new Error(`the hover on metrics: 4301 leads with "${lead}"`);
  console.log(`[e2e] hover on the metrics row: ${lead}`);
  await shot('11-hover-two-ports.png');
  await page.keyboard.press('Escape');

  await page.locator('.editor-instance .codelens-decoration a', { hasText: 'docker-compose.yml:9' }).first().click();
  const peek = page.locator('.monaco-editor .peekview-widget').first();
  await peek.waitFor({ state: 'visible', timeout: 20_000 });
  const peekText = await peek.innerText();
  if (!/docker-compose\.yml/.test(peekText) || !/server\.ts/.test(peekText)) throw new Error(`the metrics lens opened:\n${peekText}`);
  await delay(500);
  await shot('12-lens-sites.png');
  await page.keyboard.press('Escape');

  const { text: status } = await wb.languageStatus(page, /port problems/, 60_000);
  const problems = await page.locator('.statusbar-item[id="status.problems"]').first().getAttribute('aria-label') ?? '';
  // "Warnings: 4, Infos: 2": what the Problems panel counts (it has no hints).
  const shown = [...problems.matchAll(/(?:Errors|Warnings|Infos): (\d+)/g)].reduce((n, m) => n + Number(m[1]), 0);
  const said = Number(/(\d+) port problems/.exec(status)?.[1]);
  if (said !== shown || !/\+2 hints/.test(status)) throw new Error(`the language status says "${status.replace(/\s+/g, ' ')}", the Problems status "${problems}"`);
  console.log(`[e2e] language status: ${said} port problems +2 hints; Problems status: ${problems}`);
  await shot('13-language-status.png');
  await page.keyboard.press('Escape');

  await wb.runCommand(page, 'Port Schema: Show Port Map');
  const rows = wb.viewRows(page, 'Port Map');
  await rows.filter({ hasText: 'Order Services' }).first().waitFor({ timeout: 30_000 });
  // Room for the view, as a user makes it: the folder tree folded away, the side bar wider.
  await page.locator('.part.sidebar .pane-header', { hasText: 'orders' }).first().click();
  await wb.widenSideBar(page, 620);
  for (const service of ['orders', 'payments']) await wb.expandRow(page, rows.filter({ hasText: new RegExp(`^${service}`) }).first());
  await rows.filter({ hasText: /^4303/ }).first().waitFor({ timeout: 10_000 });
  await delay(800);
  const tree = (await rows.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
  // A row's text is its label then its description, with nothing between them.
  for (const expected of [/^Order Services4300–4319 · 11 free$/, /^paymentsplanned 4302 · binds 4303$/, /^4303bound, not planned · on its own$/, /^free: 4304–4314$/]) {
    if (!tree.some((t) => expected.test(t))) throw new Error(`the Port Map has no row ${expected}; rows:\n${tree.join('\n')}`);
  }
  console.log(`[e2e] Port Map rows: ${tree.join(' | ')}`);
  const treeShot = join(SHOTS, '14-port-map.png');
  await page.locator('.part.sidebar').first().screenshot({ path: treeShot });
  await rows.filter({ hasText: /^4303/ }).first().click();
  await wb.waitForActiveTab(page, 'main.py');

  // VS Code's Ports view names forwarded ports from portsAttributes: labels from the plan, one undoable edit.
  await wb.runCommand(page, 'Port Schema: Label Forwarded Ports from the Plan');
  await wb.waitForActiveTab(page, 'devcontainer.json');
  await wb.waitForEditorText(page, /"4300": \{ "label": "orders \(api\)" \},/);
  if (!(await wb.activeTabIsDirty(page))) throw new Error('the labels should wait unsaved in devcontainer.json');
  await shot('15-forwarded-labels.png');
  await page.locator('.editor-instance .monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+Z');
  await wb.waitForEditorText(page, /"5200": \{ "label": "Storefront \(Vite\)" \}\n {2}\}/);
  if (await wb.dirtyTabs(page, 0) > 0) throw new Error('one undo should take the labels back');
  console.log('[e2e] Label Forwarded Ports: portsAttributes labels in devcontainer.json, unsaved, one undo');
  const readmeShot = join(ROOT, 'images', 'port-map.png');
  if (process.env.UPDATE_SCREENSHOT === '1' || !existsSync(readmeShot)) copyFileSync(treeShot, readmeShot);
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
    orders: join(temp, 'orders'),
    userDataOrders: join(temp, 'user-data-orders'),
    userDataNoPlan: join(temp, 'user-data-no-plan-ui'),
    multiRoot: join(temp, 'multi-root'),
  };
  const multiRootCopies = [[join(dirs.multiRoot, 'monorepo'), EXAMPLES], [join(dirs.multiRoot, 'portos-like'), PORTOS_LIKE]];
  let browser;
  try {
    for (const d of [dirs.home, dirs.extensions]) mkdirSync(d, { recursive: true });
    prepareUserData(dirs.userDataUi);
    prepareUserData(dirs.userDataOrders);
    prepareUserData(dirs.userDataNoPlan);
    cpSync(EXAMPLES, dirs.workspace, { recursive: true });
    cpSync(ORDERS, dirs.orders, { recursive: true });
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
    // PORT_SCHEMA_E2E_PHASES=walkthrough,orders runs only the phases whose names contain one of them (while working on one).
    const only = (process.env.PORT_SCHEMA_E2E_PHASES ?? '').split(',').map((p) => p.trim()).filter(Boolean);
    const phase = async (name, fn) => {
      if (only.length && !only.some((p) => name.includes(p))) return undefined;
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
    await phase('no-plan suites', async () => runSuites(await env(), { name: 'no-plan', suiteFolder: 'suite-noplan', open: { folder: dirs.noPlan } }));
    await phase('no-plan walkthrough: no prompt, a plan from the language status', async () => createPlanFromStatus(await env()));
    const firstSquiggle = await phase('workbench walkthrough', async () =>
      driveWorkbench(await env()));
    await phase('orders walkthrough: lenses, hover, language status, Port Map', async () => driveOrders(await env()));
    await phase('example workspaces left unchanged', () => {
      assertSameTree(dirs.workspace, EXAMPLES);
      assertSameTree(dirs.noPlan, EXAMPLES, ['ports.yaml']);
      assertSameTree(dirs.orders, ORDERS);
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
