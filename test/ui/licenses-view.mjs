// UI test of the Licenses view before any sign-in: its own activity bar container gives the welcome
// content room, so "Use Demo Tenant" shows whole (at the bottom of the Explorer it was cut off).
// Runs before test/ui/palette-apply.mjs signs in to the demo tenant (files run in name order).
import assert from 'node:assert/strict';

export default [
  {
    name: 'the Licenses view, signed out, shows the Sign In and Use Demo Tenant buttons whole',
    async run({ wb, page }) {
      await wb.openFile('sample.licenses');
      await wb.waitForProduct();
      await wb.runCommand('Licenses: Focus on Licenses View');
      const welcome = page
        .locator('.welcome-view-content')
        .filter({ hasText: /Use Demo Tenant/ })
        .first();
      await welcome.waitFor({ state: 'visible', timeout: 15_000 });
      // The pane's body clips what does not fit: a button is whole when it lies inside that box.
      const pane = await welcome.evaluate((e) => {
        const r = e.closest('.pane-body').getBoundingClientRect();
        return { y: r.top, height: r.height };
      });
      for (const label of ['Sign In', 'Use Demo Tenant']) {
        const button = welcome.locator('.monaco-button', { hasText: label }).first();
        await button.waitFor({ state: 'visible', timeout: 5_000 });
        const box = await button.boundingBox();
        assert.ok(
          box && box.height > 10 && box.y >= pane.y && box.y + box.height <= pane.y + pane.height,
          `"${label}" is cut off: ${JSON.stringify({ box, pane })}`,
        );
      }
      await wb.screenshot('licenses-welcome');
      await wb.runCommand('View: Show Explorer');
    },
  },
];
