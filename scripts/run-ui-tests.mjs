#!/usr/bin/env node
// UI tests: playwright-core drives the VS Code workbench (code-server in headless Chromium) as a
// person does, with the extension installed from its .vsix. Test files: test/ui/*.mjs, each
// exporting an array of { name, run({ wb, page }), timeoutMs? }. Screenshots go to build/screenshots/.
// Prints one line per test and ends with `N passed, N failed`; exits 1 on any failure.
//
// Environment: HOST_TEST_VSIX (product .vsix to test), UI_TEST_GREP (run tests whose name matches),
// HOST_TEST_KEEP=1 (keep the run directory), CODE_SERVER_DIR.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO, makeRunDir, removeDir, cleanup, elapsed, info, withTimeout, slug } from './lib/host/util.mjs';
import { ensureCodeServer, installExtensions, startCodeServer } from './lib/host/code-server.mjs';
import { launchBrowser, openWorkbench } from './lib/host/browser.mjs';
import { productVsix, SetupError } from './lib/host/product.mjs';
import { testLine, printFailures, whereToLook, summaryLine, runDriver } from './lib/host/report.mjs';
import { Workbench } from './lib/host/workbench.mjs';

const UI_DIR = path.join(REPO, 'test', 'ui');
const SCREENSHOTS = path.join(REPO, 'build', 'screenshots');

async function loadTests() {
  const grep = process.env.UI_TEST_GREP ? new RegExp(process.env.UI_TEST_GREP) : undefined;
  const tests = [];
  for (const f of readdirSync(UI_DIR).filter((n) => n.endsWith('.mjs')).sort()) {
    const mod = await import(pathToFileURL(path.join(UI_DIR, f)).href);
    for (const t of mod.default ?? []) if (!grep || grep.test(t.name)) tests.push({ ...t, file: f });
  }
  return tests;
}

async function main() {
  const t0 = Date.now();
  info(ensureCodeServer());
  const vsix = productVsix();
  const tests = await loadTests();
  if (!tests.length) throw new SetupError('no UI tests found in test/ui/*.mjs');

  const dirs = makeRunDir('ui');
  let ok = false;
  try {
    installExtensions({ extensionsDir: dirs.extensionsDir, userDataDir: dirs.userDataDir, vsixes: [vsix] });
    const server = await startCodeServer({ extensionsDir: dirs.extensionsDir, userDataDir: dirs.userDataDir, logFile: dirs.serverLog });
    info(`code-server on ${server.url}`);
    const browser = await launchBrowser();
    const page = await openWorkbench(browser, { url: server.url, folder: dirs.workspace, consoleLog: dirs.browserLog });
    const wb = new Workbench(page, { screenshotsDir: SCREENSHOTS });
    await wb.ready('sample.licenses');
    info(`workbench ready (${elapsed(t0)})`);

    const results = [];
    for (const t of tests) {
      const started = Date.now();
      const entry = { title: t.name, fullTitle: `${path.basename(t.file, '.mjs')}: ${t.name}` };
      try {
        await withTimeout(t.run({ wb, page }), t.timeoutMs ?? 60_000, t.name);
        entry.state = 'passed';
      } catch (err) {
        entry.state = 'failed';
        const shot = await wb.screenshot(`failed-${slug(t.name)}`).catch(() => undefined);
        entry.message = `${err.message}${shot ? `\nscreenshot: ${path.relative(REPO, shot)}` : ''}`;
        entry.stack = err.stack;
        // Leave the workbench usable for the next test.
        for (let i = 0; i < 3; i++) await page.keyboard.press('Escape').catch(() => {});
      }
      entry.durationMs = Date.now() - started;
      results.push(entry);
      console.log(testLine(entry));
    }
    const failures = results.filter((r) => r.state === 'failed');
    printFailures(failures);
    ok = failures.length === 0;
    if (!ok) whereToLook(dirs);
    info(`UI tests took ${elapsed(t0)} in all; screenshots in ${path.relative(REPO, SCREENSHOTS)}/`);
    console.log(summaryLine(results.length - failures.length, failures.length));
  } finally {
    await cleanup();
    if (ok && process.env.HOST_TEST_KEEP !== '1') removeDir(dirs.root);
  }
  return ok;
}

runDriver(main);
