// One driver for the suites that work the VS Code workbench as a person does (test/ui, test/web):
// code-server with the given .vsix, headless Chromium on its workbench, each test file's
// [{ name, run({ wb, page, dirs }), timeoutMs? }] in turn, a screenshot when one fails.
// Prints one line per test and ends with `N passed, N failed`; returns whether all passed.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO, makeRunDir, removeDir, cleanup, elapsed, info, withTimeout, slug } from './util.mjs';
import { ensureCodeServer, installExtensions, startCodeServer } from './code-server.mjs';
import { launchBrowser, openWorkbench } from './browser.mjs';
import { SetupError } from './product.mjs';
import { testLine, printFailures, whereToLook, summaryLine } from './report.mjs';
import { Workbench } from './workbench.mjs';

/**
 * `kind`: 'ui' or 'web' (the run directory, test/<kind>/, and <KIND>_TEST_GREP);
 * `vsixFor(dirs)`: the .vsix to install, made in the run directory if need be.
 */
export async function runWorkbenchSuite({ kind, label, screenshotsDir, vsixFor }) {
  const t0 = Date.now();
  info(ensureCodeServer());
  const tests = await loadTests(kind);
  if (!tests.length) throw new SetupError(`no ${label} found in test/${kind}/*.mjs`);
  const dirs = makeRunDir(kind);
  const vsix = vsixFor(dirs);
  let ok = false;
  try {
    installExtensions({ extensionsDir: dirs.extensionsDir, userDataDir: dirs.userDataDir, vsixes: [vsix] });
    const server = await startCodeServer({
      extensionsDir: dirs.extensionsDir,
      userDataDir: dirs.userDataDir,
      logFile: dirs.serverLog,
    });
    info(`code-server on ${server.url}`);
    const browser = await launchBrowser();
    const page = await openWorkbench(browser, { url: server.url, folder: dirs.workspace, consoleLog: dirs.browserLog });
    const wb = new Workbench(page, { screenshotsDir });
    await wb.ready('sample.licenses');
    info(`workbench ready (${elapsed(t0)})`);

    const results = [];
    for (const t of tests) {
      const started = Date.now();
      const entry = { title: t.name, fullTitle: `${path.basename(t.file, '.mjs')}: ${t.name}` };
      try {
        await withTimeout(t.run({ wb, page, dirs }), t.timeoutMs ?? 60_000, t.name);
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
    info(`${label} took ${elapsed(t0)} in all; screenshots in ${path.relative(REPO, screenshotsDir)}/`);
    console.log(summaryLine(results.length - failures.length, failures.length));
  } finally {
    await cleanup();
    if (ok && process.env.HOST_TEST_KEEP !== '1') removeDir(dirs.root);
  }
  return ok;
}

async function loadTests(kind) {
  const grepVar = process.env[`${kind.toUpperCase()}_TEST_GREP`];
  const grep = grepVar ? new RegExp(grepVar) : undefined;
  const dir = path.join(REPO, 'test', kind);
  const tests = [];
  for (const f of readdirSync(dir)
    .filter((n) => n.endsWith('.mjs'))
    .sort()) {
    const mod = await import(pathToFileURL(path.join(dir, f)).href);
    for (const t of mod.default ?? []) if (!grep || grep.test(t.name)) tests.push({ ...t, file: f });
  }
  return tests;
}
