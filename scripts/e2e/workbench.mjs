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

/** Puts the cursor on `token`, opens the quick-fix menu (Ctrl+.) and picks the entry starting with `title`. */
export async function applyQuickFix(page, lineSnippet, token, title) {
  const centre = await tokenCentre(page, lineSnippet, token);
  if (!centre) throw new Error(`no editor line on screen contains ${lineSnippet}`);
  await page.mouse.click(centre.x, centre.y);
  await page.keyboard.press('Control+.');
  const entry = page.locator('.action-widget .monaco-list-row', { hasText: title }).first();
  await entry.waitFor({ state: 'visible', timeout: 15_000 });
  return entry;
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
