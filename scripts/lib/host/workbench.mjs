// Driving the VS Code workbench (code-server, in Chromium) the way a person does: quick open,
// command palette, typing, the suggest widget, the Output panel, dialogs, screenshots.
// Selectors are those of VS Code 1.100's DOM.
import { mkdirSync } from 'node:fs';
import path from 'node:path';

const isMac = process.platform === 'darwin';
const mod = isMac ? 'Meta' : 'Control';
/** Monaco renders spaces as U+00A0. */
const clean = (s) => (s ?? '').replace(/\u00a0/g, ' ');

export class Workbench {
  constructor(page, { screenshotsDir }) {
    this.page = page;
    this.screenshotsDir = screenshotsDir;
  }

  /** Waits until the workbench is usable: explorer populated from the remote file system. */
  async ready(fileName, timeout = 60_000) {
    await this.page.waitForSelector('.part.statusbar', { timeout });
    await this.page.waitForSelector(`.explorer-folders-view .monaco-list-row[aria-label*="${fileName}"]`, { timeout });
  }

  async screenshot(name) {
    mkdirSync(this.screenshotsDir, { recursive: true });
    const file = path.join(this.screenshotsDir, `${name}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  // --- quick input --------------------------------------------------------------------------

  get quickInput() {
    return this.page.locator('.quick-input-widget');
  }

  /** Picks the quick-input row whose label is `label` (exact, else the first containing it). */
  async pickQuickInput(label, timeout = 15_000) {
    const rows = this.quickInput.locator('.monaco-list-row');
    const deadline = Date.now() + timeout;
    for (;;) {
      const labels = await rows.evaluateAll((els) =>
        els.map((e) => e.getAttribute('aria-label') ?? e.textContent ?? ''),
      );
      let i = labels.findIndex((l) => l.split(',')[0].trim() === label);
      if (i < 0) i = labels.findIndex((l) => l.includes(label));
      if (i >= 0) {
        const input = this.quickInput.locator('input').first();
        const typed = await input.inputValue().catch(() => '');
        // The list re-renders while results arrive (slow under load): a row can detach under the
        // click; look again rather than wait on a stale one.
        const clicked = await rows
          .nth(i)
          .click({ timeout: 2_000 })
          .then(
            () => true,
            () => false,
          );
        if (!clicked) {
          if (Date.now() > deadline) throw new Error(`could not click "${label}" in the quick input`);
          continue;
        }
        // Done when the quick input closes, or when the pick opened another one (a new, empty input).
        await until(
          'the quick input to close',
          async () => !(await this.quickInput.isVisible()) || (await input.inputValue().catch(() => '')) !== typed,
          5_000,
          50,
        ).catch(() => {});
        return;
      }
      if (Date.now() > deadline)
        throw new Error(`"${label}" not in the quick input; rows: ${labels.join(' | ') || '(none)'}`);
      await this.page.waitForTimeout(100);
    }
  }

  /** Runs a command from the command palette (F1) by its title as shown, e.g. "Licenses: Apply License File". */
  async runCommand(title, { timeout = 10_000 } = {}) {
    await this.closeQuickInput();
    await this.page.keyboard.press('F1');
    // (a modal dialog, if one is up, keeps the palette from opening)
    await this.quickInput.waitFor({ state: 'visible', timeout });
    const input = this.quickInput.locator('input');
    await input.fill(`>${title}`);
    await this.pickQuickInput(title, Math.max(timeout, 5_000));
  }

  async closeQuickInput() {
    if (await this.quickInput.isVisible()) await this.page.keyboard.press('Escape');
  }

  // --- editors ------------------------------------------------------------------------------

  /** Opens a workspace file with quick open (Ctrl+P) and waits for its editor to have focus. */
  async openFile(name) {
    await this.closeQuickInput();
    await this.page.keyboard.press(`${mod}+P`);
    await this.quickInput.waitFor({ state: 'visible', timeout: 10_000 });
    await this.quickInput.locator('input').fill(name);
    await this.pickQuickInput(name);
    await this.page.waitForSelector(`.tabs-container .tab.active[aria-label*="${name}"]`, { timeout: 15_000 });
    await this.activeEditor.locator('.view-lines').waitFor();
    // Quick open leaves the focus in the editor, cursor at the top: ready to type.
  }

  /**
   * Waits until the product's status bar entry is shown: activate() has registered the language
   * features, so completions come from the extension and not from VS Code's word list.
   */
  async waitForProduct(timeout = 30_000) {
    await this.page
      .locator('.statusbar-item', { hasText: /M365|Demo tenant/ })
      .first()
      .waitFor({ state: 'visible', timeout });
  }

  get activeEditor() {
    return this.page.locator('.editor-group-container.active .editor-instance .monaco-editor').first();
  }

  /** The text of the visible lines of the active editor, top to bottom. */
  async editorLines() {
    const lines = await this.activeEditor
      .locator('.view-lines .view-line')
      .evaluateAll((els) => els.map((e) => ({ top: parseFloat(e.style.top) || 0, text: e.textContent ?? '' })));
    return lines.sort((a, b) => a.top - b.top).map((l) => clean(l.text));
  }

  /** The tokens (text and mtk class) of the first visible line whose text starts with `prefix`. */
  async tokensOfLine(prefix) {
    const lines = await this.activeEditor.locator('.view-lines .view-line').evaluateAll((els) =>
      els.map((e) => ({
        text: e.textContent ?? '',
        tokens: [...e.querySelectorAll('span > span')].map((s) => ({ text: s.textContent ?? '', cls: s.className })),
      })),
    );
    const line = lines.find((l) => clean(l.text).trimStart().startsWith(prefix));
    return line?.tokens.map((t) => ({ text: clean(t.text), cls: t.cls }));
  }

  async goToEndOfFile() {
    await this.page.keyboard.press(`${mod}+End`);
  }

  async type(text) {
    await this.page.keyboard.type(text, { delay: 20 });
  }

  async revertActiveFile() {
    await this.runCommand('File: Revert File');
  }

  // --- suggest widget -----------------------------------------------------------------------

  /** Presses Ctrl+Space and returns the rows of the suggest widget (aria-label: label and detail). */
  async triggerSuggest(timeout = 15_000) {
    await this.page.keyboard.press('Control+Space');
    const rows = this.page.locator('.editor-widget.suggest-widget.visible .monaco-list-row');
    await rows.first().waitFor({ state: 'visible', timeout });
    // Rows render details asynchronously; give them a moment to settle.
    await this.page.waitForTimeout(300);
    return this.suggestRows();
  }

  /** The rendered rows of the suggest widget: label, then detail / description where shown. */
  suggestRows() {
    const rows = this.page.locator('.editor-widget.suggest-widget.visible .monaco-list-row');
    return rows.evaluateAll((els) =>
      els.map((e) => {
        const parts = [
          e.getAttribute('aria-label') ?? '',
          e.querySelector('.details-label')?.textContent ?? '',
          e.querySelector('.label-description')?.textContent ?? '',
        ];
        return parts
          .filter(Boolean)
          .join(' ')
          .replace(/\u00a0/g, ' ');
      }),
    );
  }

  /** Selects the first suggestion that matches, by typing its prefix; closes with Escape otherwise. */
  async closeSuggest() {
    await this.page.keyboard.press('Escape');
  }

  // --- dialogs and notifications -----------------------------------------------------------

  /** If a modal dialog is up, clicks the button labelled `preferred` (else the first that is not Cancel). */
  async acceptDialogIfAny(preferred, waitMs = 3_000) {
    const dialog = this.page.locator('.monaco-dialog-box');
    try {
      await dialog.waitFor({ state: 'visible', timeout: waitMs });
    } catch {
      return undefined;
    }
    const message = clean(
      await dialog
        .locator('.dialog-message-text, .dialog-message')
        .first()
        .textContent()
        .catch(() => ''),
    );
    const buttons = dialog.locator('.dialog-buttons .monaco-button');
    const labels = (await buttons.allTextContents()).map((t) => clean(t).trim());
    let i = preferred ? labels.findIndex((l) => l === preferred) : -1;
    if (i < 0) i = labels.findIndex((l) => !/^cancel$/i.test(l));
    await buttons.nth(Math.max(i, 0)).click();
    return { message, clicked: labels[Math.max(i, 0)], buttons: labels };
  }

  notifications() {
    return this.page.locator('.notifications-toasts .notification-toast').allTextContents();
  }

  // --- output panel ---------------------------------------------------------------------------

  /** Shows an output channel in the Output panel ("Output: Show Output Channels..." then its name). */
  async showOutputChannel(name, timeout = 15_000) {
    await this.runCommand('Output: Show Output Channels...', { timeout: Math.min(timeout, 10_000) });
    await this.quickInput.waitFor({ state: 'visible', timeout: Math.min(timeout, 10_000) });
    try {
      await this.pickQuickInput(name, timeout);
    } catch (err) {
      await this.closeQuickInput();
      throw err;
    }
    await this.outputEditor.locator('.view-lines').waitFor({ timeout: 10_000 });
  }

  get outputEditor() {
    return this.page.locator('.part.panel .monaco-editor').first();
  }

  /** The visible lines of the Output panel. */
  async outputLines() {
    const lines = await this.outputEditor
      .locator('.view-lines .view-line')
      .evaluateAll((els) => els.map((e) => ({ top: parseFloat(e.style.top) || 0, text: e.textContent ?? '' })));
    return lines.sort((a, b) => a.top - b.top).map((l) => clean(l.text));
  }

  /** Maximizes the panel so more output lines are rendered (and visible in screenshots). */
  async maximizePanel() {
    await this.runCommand('View: Toggle Maximized Panel');
  }
}

/** Polls `check` until it returns a truthy value. */
export async function until(what, check, timeout = 15_000, interval = 200) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      const v = await check();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeout} ms waiting for ${what}${last ? `: ${last.message}` : ''}`);
    await new Promise((r) => setTimeout(r, interval));
  }
}
