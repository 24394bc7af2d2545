// Headless Debian Chromium driven by playwright-core (never `npx playwright install`: it downloads).
import { appendFileSync, existsSync } from 'node:fs';
import { onCleanup } from './util.mjs';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export async function launchBrowser() {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} not found: run scripts/setup-code-server.sh (it installs Debian's chromium)`);
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  onCleanup(() => browser.close());
  return browser;
}

/**
 * Opens the workbench on a folder and logs the page's console to a file.
 * Resolves once the workbench DOM is there (the extension host then starts on its own).
 */
export async function openWorkbench(browser, { url, folder, consoleLog, viewport = { width: 1400, height: 900 } }) {
  // Clipboard access granted, as a user's browser grants it: without it VS Code's clipboard API
  // (vscode.env.clipboard) waits forever on the permission prompt of headless Chromium.
  const context = await browser.newContext({ viewport, permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await context.newPage();
  if (consoleLog) {
    page.on('console', (m) => appendFileSync(consoleLog, `[${m.type()}] ${m.text()}\n`));
    page.on('pageerror', (e) => appendFileSync(consoleLog, `[pageerror] ${e.stack ?? e}\n`));
  }
  await page.goto(`${url}/?folder=${encodeURI(folder)}`, { waitUntil: 'domcontentloaded' });
  await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
  return page;
}
