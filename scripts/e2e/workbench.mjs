// What a person does in the VS Code workbench, as Playwright steps on its DOM (VS Code 1.139 web).
// Every wait is bounded; selectors are the ones listed in the project's real-vscode notes.
import { delay } from './processes.mjs';

const SQUIGGLE = '.editor-instance .monaco-editor .view-overlays :is(.squiggly-error, .squiggly-warning, .squiggly-info)';
const EDITOR_LINES = '.editor-instance .monaco-editor .view-lines';
const VISIBLE_HOVER = '.monaco-editor .monaco-hover:not(.hidden)';

export async function waitForWorkbench(page) {
  await page.waitForSelector('.monaco-workbench', { timeout: 90_000 });
  await page.waitForSelector('.explorer-folders-view', { timeout: 60_000 });
}

async function focusWorkbench(page) {
  await page.locator('.monaco-workbench .part.editor').click({ position: { x: 40, y: 200 }, timeout: 10_000 });
}

/** Ctrl+P, the file's path, Enter; resolves when its text is on screen. */
export async function quickOpen(page, relativePath, { line } = {}) {
  await focusWorkbench(page);
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(line ? `${relativePath}:${line}` : relativePath);
  await page.locator('.quick-input-list .monaco-list-row').first().waitFor({ timeout: 20_000 });
  await page.keyboard.press('Enter');
  await waitForActiveTab(page, relativePath.split('/').pop());
}

/** Resolves when the active editor tab is `fileName` and its text is on screen. */
export async function waitForActiveTab(page, fileName, timeout = 20_000) {
  await page.locator(`.tabs-container .tab.active[aria-label*="${fileName}"]`).waitFor({ timeout });
  await page.locator(EDITOR_LINES).first().waitFor({ timeout });
}

/** Ctrl+S on the active editor; resolves when its tab no longer shows unsaved changes. */
export async function saveActiveEditor(page, timeout = 10_000) {
  await page.keyboard.press('Control+S');
  await page.locator('.tabs-container .tab.active.dirty').waitFor({ state: 'detached', timeout });
}

/**
 * Waits for the status bar item whose text contains `label` to also contain `hasText` / lack
 * `hasNotText`; returns its text.
 */
export async function statusItem(page, label, { hasText, hasNotText, timeout = 30_000 }) {
  const item = page.locator('.statusbar-item', { hasText: label }).filter({ hasText, hasNotText }).first();
  await item.waitFor({ timeout });
  return item.innerText();
}

/**
 * The button `buttonText` of the notification that says `messageText`, shown in the notifications
 * centre (opened from the status bar's bell): under the smoke-test driver the workbench shows no toasts.
 */
export async function notificationButton(page, messageText, buttonText, timeout = 60_000) {
  const centre = page.locator('.notifications-center.visible');
  if (!(await centre.isVisible())) await page.locator('.statusbar-item[id="status.notifications"]').click({ timeout: 10_000 });
  const button = centre.locator('.notification-list-item', { hasText: messageText })
    .locator('.monaco-button', { hasText: buttonText }).first();
  await button.waitFor({ state: 'visible', timeout });
  return button;
}

export async function waitForSquiggle(page, timeout = 60_000) {
  await page.locator(SQUIGGLE).first().waitFor({ state: 'attached', timeout });
}

/** Runs a command from the command palette by its title. */
export async function runCommand(page, title) {
  // No focusing click here: the maximized panel may cover the editor; keyboard focus is already in the workbench.
  await page.keyboard.press('Control+Shift+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 10_000 });
  await page.keyboard.press('Enter');
}

/**
 * Opens the Problems panel (maximized, so the virtual list renders every row) filtered by `filter`, and
 * returns the markers of `fileName` as the text of their rows.
 */
export async function problemsOf(page, fileName, filter) {
  await runCommand(page, 'View: Focus Problems');
  const rows = page.locator('.markers-panel .monaco-list-row');
  await rows.first().waitFor({ timeout: 20_000 });
  await page.locator('.viewpane-filter input').first().fill(filter);
  await runCommand(page, 'View: Toggle Maximized Panel');
  await delay(500); // the panel filters on a debounce
  const texts = await rows.allInnerTexts();
  await runCommand(page, 'View: Toggle Maximized Panel');
  // Rows come as a file header ("main.pyservices/search/app\n2": name, folder, count) followed by its
  // markers and their related locations (both of which carry "[Ln 43, Col 35]").
  const isHeader = (text) => /^\S+\n\d+$/.test(text.trim());
  const start = texts.findIndex((t) => isHeader(t) && t.startsWith(fileName));
  if (start < 0) return [];
  const end = texts.findIndex((t, i) => i > start && isHeader(t));
  return texts.slice(start + 1, end < 0 ? undefined : end).map((t) => t.replace(/\s+/g, ' '));
}

/** Screen position of the centre of `token` inside the editor line that contains `lineSnippet`. */
async function tokenCentre(page, lineSnippet, token) {
  return page.evaluate(([snippet, tok]) => {
    for (const line of document.querySelectorAll('.editor-instance .monaco-editor .view-lines .view-line')) {
      const text = (line.textContent ?? '').replace(/\u00a0/g, ' ');
      const at = text.indexOf(snippet);
      if (at < 0) continue;
      const start = at + snippet.indexOf(tok);
      const range = document.createRange();
      const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
      let offset = 0;
      let started = false;
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const length = node.textContent.length;
        if (!started && start < offset + length) { range.setStart(node, start - offset); started = true; }
        if (started && start + tok.length <= offset + length) { range.setEnd(node, start + tok.length - offset); break; }
        offset += length;
      }
      const box = range.getBoundingClientRect();
      return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
    }
    return null;
  }, [lineSnippet, token]);
}

/** Hovers `token` (retrying: the hover needs a still mouse) and returns the hover's text. */
export async function hoverToken(page, lineSnippet, token, mustContain) {
  for (let attempt = 1; attempt <= 6; attempt++) {
    const centre = await tokenCentre(page, lineSnippet, token);
    if (!centre) throw new Error(`no editor line on screen contains ${lineSnippet}`);
    await page.mouse.move(centre.x, centre.y + 200);
    await page.mouse.move(centre.x, centre.y, { steps: 4 });
    const hover = page.locator(VISIBLE_HOVER, { hasText: mustContain }).first();
    try {
      await hover.waitFor({ state: 'visible', timeout: 4000 });
      return await hover.innerText();
    } catch {
      await delay(300 * attempt);
    }
  }
  throw new Error(`no hover containing ${mustContain} over ${token}`);
}

/** Puts the cursor on `token`, opens the quick-fix menu (Ctrl+.) and picks the entry starting with `title` (retrying: the menu needs the code actions to have come). */
export async function applyQuickFix(page, lineSnippet, token, title) {
  // A hover left open may cover the token: close it and move the mouse away first.
  await page.mouse.move(5, 5);
  await page.keyboard.press('Escape');
  await delay(200);
  const entry = page.locator('.action-widget .monaco-list-row', { hasText: title }).first();
  for (let attempt = 1; ; attempt++) {
    const centre = await tokenCentre(page, lineSnippet, token);
    if (!centre) throw new Error(`no editor line on screen contains ${lineSnippet}`);
    await page.mouse.click(centre.x, centre.y);
    await delay(300);
    await page.keyboard.press('Control+.');
    try {
      await entry.waitFor({ state: 'visible', timeout: attempt < 3 ? 6000 : 15_000 });
      return entry;
    } catch (err) {
      if (attempt >= 3) throw err;
      await page.keyboard.press('Escape');
    }
  }
}

export async function editorText(page) {
  return (await page.locator(EDITOR_LINES).first().innerText()).replace(/\u00a0/g, ' ');
}

export async function waitForEditorText(page, pattern, timeout = 15_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const text = await editorText(page);
    if (pattern.test(text)) return text;
    if (Date.now() > deadline) throw new Error(`the editor never showed ${pattern}; it shows:\n${text.slice(0, 2000)}`);
    await delay(200);
  }
}

/** The visible modal dialog whose text matches `pattern`; resolves with its text and a way to press one of its buttons. */
export async function dialog(page, pattern, timeout = 30_000) {
  const box = page.locator('.monaco-dialog-box').filter({ hasText: pattern }).first();
  await box.waitFor({ state: 'visible', timeout });
  const text = [await box.locator('.dialog-message-text').innerText().catch(() => ''), await box.locator('.dialog-message-detail').innerText().catch(() => '')].join('\n').trim();
  return {
    text,
    box,
    press: async (button) => {
      await box.locator('.monaco-button').filter({ hasText: button }).first().click({ timeout: 10_000 });
      await box.waitFor({ state: 'hidden', timeout: 10_000 });
    },
  };
}

/** The texts of the notifications in the notification centre (opened and closed again from the bell). */
export async function notificationTexts(page) {
  const centre = page.locator('.notifications-center.visible');
  const bell = page.locator('.statusbar-item[id="status.notifications"]');
  for (let attempt = 1; !(await centre.isVisible()); attempt++) {
    await bell.click({ timeout: 10_000 });
    if (await centre.waitFor({ state: 'visible', timeout: 3000 }).then(() => true, () => false)) break;
    if (attempt >= 3) throw new Error('the notification centre does not open');
  }
  const texts = await centre.locator('.notification-list-item').allInnerTexts();
  await bell.click({ timeout: 10_000 });
  return texts;
}

/** Opens the hover of the language status (`{}` in the status bar) and waits until it contains `mustContain`. */
export async function languageStatus(page, mustContain, timeout = 60_000) {
  const entry = page.locator('.statusbar-item[id="status.languageStatus"]');
  const deadline = Date.now() + timeout;
  for (;;) {
    await entry.waitFor({ state: 'visible', timeout: Math.max(1000, deadline - Date.now()) });
    await entry.click();
    const hover = page.locator('.monaco-hover:not(.hidden)').filter({ has: page.locator('.hover-language-status') }).first();
    try {
      await hover.waitFor({ state: 'visible', timeout: 3000 });
      const text = await hover.innerText();
      if (mustContain.test(text)) return { hover, text };
    } catch {
      // not shown yet
    }
    if (Date.now() > deadline) throw new Error(`the language status never showed ${mustContain}`);
    await page.keyboard.press('Escape');
    await delay(1000);
  }
}

/** The titles of the code lenses on screen, top to bottom (lenses of one line share a decoration, one link each). */
export async function codeLensTitles(page, atLeast, timeout = 30_000) {
  const lenses = page.locator('.editor-instance .monaco-editor .codelens-decoration a');
  const deadline = Date.now() + timeout;
  for (;;) {
    const texts = (await lenses.allInnerTexts()).map((t) => t.replace(/\u00a0/g, ' ').trim()).filter(Boolean);
    if (texts.length >= atLeast) return texts;
    if (Date.now() > deadline) throw new Error(`expected ${atLeast} code lenses, saw: ${texts.join(' | ')}`);
    await delay(300);
  }
}

/** The rows of a view in the side bar, by the view's title (`Port Map`). */
export function viewRows(page, title) {
  return page.locator('.part.sidebar .pane').filter({ has: page.locator('.pane-header', { hasText: title }) }).locator('.monaco-list-row');
}

/**
 * Opens a collapsed tree row as a user does, by clicking it, and waits until the tree says it is open.
 * A click that lands while the tree re-renders the rows above it, or on a hover card left over it, is
 * made again (a row the tree does not mark expandable is clicked once).
 */
export async function expandRow(page, row, attempts = 3) {
  for (let attempt = 0; attempt < attempts; attempt++) {
    const state = await row.getAttribute('aria-expanded');
    if (state === 'true') return;
    await page.mouse.move(0, 0);
    await row.click();
    if (state === null) return;
    for (let wait = 0; wait < 10 && (await row.getAttribute('aria-expanded')) !== 'true'; wait++) await delay(100);
  }
  if ((await row.getAttribute('aria-expanded')) !== 'true') throw new Error(`the tree row "${(await row.innerText()).replace(/\s+/g, ' ')}" did not open after ${attempts} clicks`);
}

/**
 * Ctrl+Z in the active editor, for a change that spans files: VS Code undoes it in all of them, asking
 * first ("Undo in N Files") when it may split the change; either way it is one step.
 */
export async function undoAcrossFiles(page) {
  await page.keyboard.press('Control+Z');
  const ask = page.locator('.monaco-dialog-box').filter({ hasText: /across all files/i }).first();
  if (await ask.waitFor({ state: 'visible', timeout: 3000 }).then(() => true, () => false)) {
    await ask.locator('.monaco-button').filter({ hasText: /^Undo in \d+ Files$/ }).first().click();
  }
  await delay(500);
}

/** How many editor tabs show unsaved changes (waiting up to a few seconds for `expected`, when given: tabs open one by one). */
export async function dirtyTabs(page, expected) {
  const tabs = page.locator('.tabs-container .tab.dirty');
  const deadline = Date.now() + (expected === undefined ? 0 : 5000);
  for (;;) {
    const count = await tabs.count();
    if (expected === undefined || count === expected || Date.now() > deadline) return count;
    await delay(200);
  }
}

export async function activeTabIsDirty(page) {
  return page.locator('.tabs-container .tab.active.dirty').isVisible();
}

/** Drags the side bar's edge until it is `width` pixels wide. */
export async function widenSideBar(page, width) {
  const box = await page.locator('.part.sidebar').first().boundingBox();
  if (!box) return;
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width + 1, y);
  await page.mouse.down();
  await page.mouse.move(box.x + width, y, { steps: 8 });
  await page.mouse.up();
  await delay(300);
}
