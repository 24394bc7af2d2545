// The browser entry in code-server's web worker extension host (scripts/run-web-tests.mjs installs
// the product without its Node.js entry): what an admin reviewing a .licenses file in vscode.dev or
// github.dev gets. Each test gets `wb` (scripts/lib/host/workbench.mjs).
import assert from 'node:assert/strict';
import { until } from '../../scripts/lib/host/workbench.mjs';

export default [
  {
    name: 'validates in the browser: "assign E3" is an unknown SKU in the Problems panel, suggesting ENTERPRISEPACK',
    async run({ wb, page }) {
      await wb.openFile('diagnostics.licenses');
      await until(
        'an error squiggle in diagnostics.licenses',
        () => wb.activeEditor.locator('.squiggly-error').count(),
        30_000,
      );
      await page.keyboard.press('Control+Shift+M');
      const problems = page.locator('.markers-panel .monaco-list-row');
      const rows = await until('the E3 problem in the Problems panel', async () => {
        const all = await problems.evaluateAll((els) =>
          els.map((e) => (e.getAttribute('aria-label') || e.textContent || '').replace(/\u00a0/g, ' ')),
        );
        return all.some((r) => /E3/.test(r) && /ENTERPRISEPACK/.test(r)) ? all : undefined;
      }).catch(async (err) => {
        throw new Error(`${err.message}; rows: ${(await problems.allTextContents()).join(' | ')}`);
      });
      assert.ok(
        rows.some((r) => /asign/.test(r)),
        `no problem for the misspelled directive: ${rows.join(' | ')}`,
      );
      await page.keyboard.press('Control+Shift+M');
    },
  },
  {
    name: 'completes in the browser: "assign MCOE" then Ctrl+Space offers MCOEV with its product name',
    async run({ wb }) {
      await wb.openFile('ui-typing.licenses');
      await wb.page.keyboard.press('Control+Home');
      await wb.page.keyboard.press('ArrowDown');
      await wb.type('assign MCOE');
      await wb.triggerSuggest(30_000);
      const rows = await until('MCOEV in the suggest widget', async () => {
        const r = await wb.suggestRows();
        return r.some((x) => /\bMCOEV\b/.test(x)) ? r : undefined;
      }).catch(async (err) => {
        throw new Error(`${err.message}; rows: ${(await wb.suggestRows()).join(' | ')}`);
      });
      assert.match(
        rows.find((x) => /\bMCOEV\b/.test(x)),
        /Teams Phone/,
      );
      await wb.closeSuggest();
      await wb.revertActiveFile();
    },
  },
  {
    name: 'a tenant command says it needs the desktop or a remote window, instead of failing',
    async run({ wb }) {
      await wb.openFile('sample.licenses');
      await wb.runCommand('Licenses: Preview Changes');
      const toasts = await until('the notification of Preview Changes', async () => {
        const t = await wb.notifications();
        return t.some((x) => /desktop or a remote window/.test(x)) ? t : undefined;
      });
      assert.ok(
        toasts.some((x) => /Preview Changes/.test(x)),
        `the notification does not name the command: ${toasts.join(' | ')}`,
      );
    },
  },
  {
    name: 'the Licenses view says in the browser what works here and where the tenant commands do',
    async run({ wb, page }) {
      await wb.runCommand('Licenses: Focus on Licenses View');
      const welcome = page.locator('.welcome-view-content').first();
      await welcome.waitFor({ state: 'visible', timeout: 15_000 });
      assert.match((await welcome.textContent()) ?? '', /desktop or a remote window/);
      assert.equal(
        await welcome.locator('.monaco-button', { hasText: 'Use Demo Tenant' }).count(),
        0,
        'the browser offers the demo tenant, which needs Node.js',
      );
      await wb.runCommand('View: Show Explorer');
    },
  },
];
