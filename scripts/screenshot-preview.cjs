// Renders the preview page of a 2,000-user file (1,700 not found) and takes a screenshot, with VS
// Code's Dark Modern colours: node scripts/screenshot-preview.cjs docs/images/preview.png (after tsc -p .).
const path = require('path');
const root = path.join(__dirname, '..', 'out');
const { planRun } = require(`${root}/src/core/plan/whole-plan`);
const { previewView } = require(`${root}/src/core/report/preview-view`);
const { reportHtml } = require(`${root}/src/vscode/webviews/report-html`);
const { found, graphUser, subscribed, tenantSkus } = require(`${root}/test/unit/fixtures/graph-shapes`);
const { wants } = require(`${root}/test/unit/fixtures/test-tenant`);
const ghosts = Array.from({ length: 1700 }, (_, i) => `user${String(i + 301).padStart(5, '0')}@contoso.com`);
const ok = Array.from({ length: 293 }, (_, i) => `user${String(i + 1).padStart(5, '0')}@contoso.com`);
const users = new Map([
  ...found(
    ...ok.map((u) => graphUser(u, { usageLocation: 'US' })),
    graphUser('erin@contoso.com', { direct: [['MCOEV']] }),
    graphUser('dave@contoso.com', { viaGroup: [{ group: 'All Sales', license: ['ENTERPRISEPACK'] }] }),
  ),
]);
for (const g of ghosts)
  users.set(g, {
    kind: 'unreadable',
    error: {
      code: 'Request_ResourceNotFound',
      message: `Resource '${g}' does not exist or one of its queried reference-property objects are not present.`,
      status: 404,
    },
  });
const plan = planRun(
  [
    ...ok.map((u) => wants(u, { assign: ['MCOEV', 'MCOPSTN1'] })),
    ...ghosts.map((g) => wants(g, { assign: ['MCOEV', 'MCOPSTN1'] })),
    wants('erin', { assign: ['MCOEV'] }),
  ],
  tenantSkus(subscribed('MCOEV', 5000), subscribed('MCOPSTN1', 4000)),
  users,
);
const view = previewView(plan, { file: 'teams-phone-2000.licenses', tenant: 'Demo tenant', at: new Date() });
const html = reportHtml(view, {
  nonce: 'n0nce',
  lang: 'en',
  labels: { filter: 'Filter users', matching: '{0} of {1} users shown', noMatch: 'No user matches the filter.' },
});
(async () => {
  const { chromium } = require('playwright-core');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox'],
  });
  const ctx = await browser.newContext({
    bypassCSP: true,
    viewport: { width: 1000, height: 760 },
    deviceScaleFactor: 1,
  });
  const page = await ctx.newPage();
  await page.setContent(html);
  await page.addStyleTag({
    content: `:root{--vscode-foreground:#cccccc;--vscode-editor-background:#1f1f1f;--vscode-font-family:system-ui,sans-serif;--vscode-font-size:13px;--vscode-editor-font-family:monospace;--vscode-descriptionForeground:#9d9d9d;--vscode-badge-background:#616161;--vscode-badge-foreground:#f8f8f8;--vscode-errorForeground:#f85149;--vscode-gitDecoration-addedResourceForeground:#2ea043;--vscode-input-background:#313131;--vscode-input-foreground:#cccccc;--vscode-input-border:#3c3c3c;--vscode-focusBorder:#0078d4;--vscode-panel-border:#2b2b2b}`,
  });
  await page.screenshot({ path: process.argv[2] });
  await browser.close();
})();
