#!/usr/bin/env node
// The README's screenshots (docs/images/*.png), taken the way the UI tests drive the editor: the
// product's .vsix in code-server, in headless Chromium, on a copy of test/fixtures/workspace plus
// the files written below, against the demo tenant. Re-run after changing what they show:
//   node scripts/take-screenshots.mjs            (HOST_TEST_VSIX=… to use a .vsix already built)
// Each picture waits for what it shows (a squiggle, a row, a tree item), never for a fixed time.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO, makeRunDir, makeUserDataDir, removeDir, cleanup, elapsed, info } from './lib/host/util.mjs';
import { ensureCodeServer, installExtensions, startCodeServer } from './lib/host/code-server.mjs';
import { launchBrowser, openWorkbench } from './lib/host/browser.mjs';
import { productVsix } from './lib/host/product.mjs';
import { runDriver } from './lib/host/report.mjs';
import { Workbench, until } from './lib/host/workbench.mjs';

const IMAGES = path.join(REPO, 'docs', 'images');

/** The file the editor pictures show: an admin's Teams Phone roll-out with two mistakes in it. */
const TEAMS_FILE = [
  '# Sales: Teams Phone with a Domestic Calling Plan',
  'usage-location FR',
  'assign MCOEV MCOPSTN1',
  'alice@contoso.com',
  'bob@contoso.com',
  '',
  '# Support: Office 365 E3 without Yammer',
  'assign E3',
  'disable ENTERPRISEPACK: YAMMER_ENTERPRISE',
  'carol@contoso.com',
  'dave@contoso.com',
  '',
].join('\n');

async function shoot(wb, name) {
  const file = await wb.screenshot(name);
  info(`docs/images/${name}.png`);
  return file;
}

async function main() {
  const t0 = Date.now();
  info(ensureCodeServer());
  const vsix = productVsix();
  const dirs = makeRunDir('screenshots');
  writeFileSync(path.join(dirs.workspace, 'teams-rollout.licenses'), TEAMS_FILE);
  // No fade-ins: a picture taken while a hover appears would show it half transparent.
  makeUserDataDir(dirs.userDataDir, { 'workbench.reduceMotion': 'on' });
  try {
    installExtensions({ extensionsDir: dirs.extensionsDir, userDataDir: dirs.userDataDir, vsixes: [vsix] });
    const server = await startCodeServer({
      extensionsDir: dirs.extensionsDir,
      userDataDir: dirs.userDataDir,
      logFile: dirs.serverLog,
    });
    const browser = await launchBrowser();
    const page = await openWorkbench(browser, {
      url: server.url,
      folder: dirs.workspace,
      consoleLog: dirs.browserLog,
      viewport: { width: 1280, height: 760 },
    });
    const wb = new Workbench(page, { screenshotsDir: IMAGES });
    globalThis.screenshotPage = page;
    await wb.ready('sample.licenses');
    const editor = wb.activeEditor;
    const lineOf = async (prefix) => {
      const lines = editor.locator('.view-lines .view-line');
      const texts = (await lines.allTextContents()).map((t) => t.replace(/\u00a0/g, ' '));
      const i = texts.findIndex((t) => t.startsWith(prefix));
      if (i < 0) throw new Error(`no line "${prefix}" in view: ${texts.join(' | ')}`);
      return lines.nth(i);
    };

    // 0. The Licenses view before signing in: its welcome buttons.
    await wb.openFile('teams-rollout.licenses');
    await wb.waitForProduct();
    await wb.runCommand('Licenses: Focus on Licenses View');
    await page
      .locator('.welcome-view-content .monaco-button', { hasText: 'Use Demo Tenant' })
      .first()
      .waitFor({ state: 'visible', timeout: 15_000 });
    await shoot(wb, 'licenses-welcome');
    await wb.runCommand('View: Show Explorer');

    // Then the demo tenant: seats in completions and hovers, and the Licenses view filled.
    await wb.runCommand('Licenses: Use Demo Tenant');
    await wb.acceptDialogIfAny(undefined, 1_000);
    await page
      .locator('.statusbar-item', { hasText: /Demo tenant/i })
      .first()
      .waitFor({ timeout: 30_000 });

    // 1. Diagnostics with the quick fix menu open on "E3".
    await wb.openFile('teams-rollout.licenses');
    await until('the squiggle under "E3"', () => editor.locator('.squiggly-error').count(), 30_000);
    await page.keyboard.press('Control+G');
    await page.keyboard.type('8:8');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+.');
    await page.locator('.action-widget').first().waitFor({ state: 'visible', timeout: 15_000 });
    await shoot(wb, 'diagnostics-quickfix');
    await page.keyboard.press('Escape');

    // 2. Completion: what "assign E3" is completed with.
    await page.keyboard.press('End');
    await wb.triggerSuggest(30_000);
    await until('ENTERPRISEPACK in the suggest widget', async () =>
      (await wb.suggestRows()).some((r) => /ENTERPRISEPACK/.test(r)),
    );
    await shoot(wb, 'completion');
    await wb.closeSuggest();

    // 3. Hover on MCOEV: product name, seats left in the demo tenant, service plans.
    const assignLine = await lineOf('assign MCOEV');
    const word = assignLine.locator('span > span', { hasText: 'MCOEV' }).first();
    await word.hover();
    const hover = page
      .locator('.monaco-hover')
      .filter({ hasText: /Teams Phone/ })
      .first();
    await hover.waitFor({ state: 'visible', timeout: 15_000 });
    await until('the hover fully shown', () =>
      hover.evaluate((e) => {
        for (let x = e; x; x = x.parentElement)
          if (x.ownerDocument.defaultView.getComputedStyle(x).opacity !== '1') return false;
        return true;
      }),
    );
    await shoot(wb, 'hover');
    await page.mouse.move(5, 400);

    // 4. The Licenses view: SKUs with seats, one opened on its service plans.
    await wb.runCommand('Licenses: Focus on Licenses View');
    const view = page
      .locator('.pane')
      .filter({ has: page.locator('.pane-header', { hasText: /Licenses/ }) })
      .first();
    const sku = view.locator('.monaco-list-row', { hasText: 'ENTERPRISEPACK' }).first();
    await sku.waitFor({ state: 'visible', timeout: 30_000 });
    await sku.click();
    await page.keyboard.press('ArrowRight');
    await view
      .locator('.monaco-list-row', { hasText: 'EXCHANGE_S_ENTERPRISE' })
      .first()
      .waitFor({ state: 'visible', timeout: 15_000 });
    await shoot(wb, 'licenses-view');

    // 5. The preview of a file against the demo tenant (a file without errors: one with errors is not previewed).
    await wb.openFile('phone-system.licenses');
    await wb.runCommand('Licenses: Preview Changes');
    await until(
      'the preview in the active editor',
      async () => {
        await wb.acceptDialogIfAny(undefined, 200);
        // The preview opens beside the file without taking focus: its group need not be the active one.
        const tabs = await page
          .locator('.editor-group-container .tab.active')
          .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
        return tabs.find((tab) => /preview/i.test(tab));
      },
      60_000,
    );
    // The preview opens beside the file: the side bar closed leaves both readable.
    await wb.runCommand('View: Close Primary Side Bar');
    await shoot(wb, 'preview');
    info(`screenshots taken in ${elapsed(t0)}`);
  } catch (err) {
    // What the window showed when a picture could not be taken: build/screenshots/, not docs/images/.
    const shot = path.join(REPO, 'build', 'screenshots', 'take-screenshots-failed.png');
    await globalThis.screenshotPage?.screenshot({ path: shot }).catch(() => undefined);
    throw new Error(`${err.message}\n(the window then: ${path.relative(REPO, shot)})`, { cause: err });
  } finally {
    await cleanup();
    removeDir(dirs.root);
  }
  return true;
}

runDriver(main);
