#!/usr/bin/env node
// The browser entry (package.json "browser", dist/web-extension.js) in a real web worker extension
// host: the one VS Code for the Web (vscode.dev, github.dev) runs extensions in. code-server's
// workbench in headless Chromium has that host too; the product's .vsix is installed with its
// Node.js entry ("main") taken out and extensionKind "web", so nothing but the web worker can run
// it: every diagnostic and completion the tests see comes from the browser entry.
// Tests: test/web/*.mjs, each exporting [{ name, run({ wb, page, dirs }) }] like test/ui.
// Prints one line per test and ends with `N passed, N failed`; exits 1 on any failure.
//
// Environment: HOST_TEST_VSIX (product .vsix to test), WEB_TEST_GREP, HOST_TEST_KEEP=1.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO, makeRunDir, removeDir, cleanup, elapsed, info, withTimeout, slug } from './lib/host/util.mjs';
import { ensureCodeServer, installExtensions, startCodeServer } from './lib/host/code-server.mjs';
import { launchBrowser, openWorkbench } from './lib/host/browser.mjs';
import { productVsix, SetupError } from './lib/host/product.mjs';
import { testLine, printFailures, whereToLook, summaryLine, runDriver } from './lib/host/report.mjs';
import { Workbench } from './lib/host/workbench.mjs';

const WEB_DIR = path.join(REPO, 'test', 'web');
const SCREENSHOTS = path.join(REPO, 'build', 'screenshots', 'web');

/** The product .vsix, repacked without `main` and with extensionKind ["web"]: a web extension only. */
function webOnlyVsix(vsix, dir) {
  const staging = path.join(dir, 'web-only');
  mkdirSync(staging, { recursive: true });
  const unzip = spawnSync('unzip', ['-q', vsix, '-d', staging], { encoding: 'utf8' });
  if (unzip.status !== 0) throw new SetupError(`unzip ${vsix} failed: ${unzip.stderr}`);
  const manifestPath = path.join(staging, 'extension', 'package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  if (!manifest.browser) throw new SetupError(`${vsix} has no "browser" entry`);
  delete manifest.main;
  manifest.extensionKind = ['web'];
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
  const vsixManifest = path.join(staging, 'extension.vsixmanifest');
  writeFileSync(vsixManifest, readFileSync(vsixManifest, 'utf8').replace(/(Id="Microsoft\.VisualStudio\.Code\.ExtensionKind" Value=")[^"]*"/, '$1web"'));
  const out = path.join(dir, 'm365-licenses-web-only.vsix');
  const zip = spawnSync('zip', ['-q', '-r', out, '.'], { cwd: staging, encoding: 'utf8' });
  if (zip.status !== 0) throw new SetupError(`zip ${out} failed: ${zip.stderr}`);
  return out;
}

async function loadTests() {
  const grep = process.env.WEB_TEST_GREP ? new RegExp(process.env.WEB_TEST_GREP) : undefined;
  const tests = [];
  for (const f of readdirSync(WEB_DIR).filter((n) => n.endsWith('.mjs')).sort()) {
    const mod = await import(pathToFileURL(path.join(WEB_DIR, f)).href);
    for (const t of mod.default ?? []) if (!grep || grep.test(t.name)) tests.push({ ...t, file: f });
  }
  return tests;
}

async function main() {
  const t0 = Date.now();
  info(ensureCodeServer());
  const tests = await loadTests();
  if (!tests.length) throw new SetupError('no web tests found in test/web/*.mjs');
  const dirs = makeRunDir('web');
  const vsix = webOnlyVsix(productVsix(), dirs.root);
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
        await withTimeout(t.run({ wb, page, dirs }), t.timeoutMs ?? 60_000, t.name);
        entry.state = 'passed';
      } catch (err) {
        entry.state = 'failed';
        const shot = await wb.screenshot(`failed-${slug(t.name)}`).catch(() => undefined);
        entry.message = `${err.message}${shot ? `\nscreenshot: ${path.relative(REPO, shot)}` : ''}`;
        entry.stack = err.stack;
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
    info(`web tests took ${elapsed(t0)} in all`);
    console.log(summaryLine(results.length - failures.length, failures.length));
  } finally {
    await cleanup();
    if (ok && process.env.HOST_TEST_KEEP !== '1') removeDir(dirs.root);
  }
  return ok;
}

runDriver(main);
