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
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO } from './lib/host/util.mjs';
import { productVsix, SetupError } from './lib/host/product.mjs';
import { runDriver } from './lib/host/report.mjs';
import { runWorkbenchSuite } from './lib/host/workbench-suite.mjs';

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
  writeFileSync(
    vsixManifest,
    readFileSync(vsixManifest, 'utf8').replace(
      /(Id="Microsoft\.VisualStudio\.Code\.ExtensionKind" Value=")[^"]*"/,
      '$1web"',
    ),
  );
  const out = path.join(dir, 'm365-licenses-web-only.vsix');
  const zip = spawnSync('zip', ['-q', '-r', out, '.'], { cwd: staging, encoding: 'utf8' });
  if (zip.status !== 0) throw new SetupError(`zip ${out} failed: ${zip.stderr}`);
  return out;
}

runDriver(() =>
  runWorkbenchSuite({
    kind: 'web',
    label: 'web tests',
    screenshotsDir: SCREENSHOTS,
    vsixFor: (dirs) => webOnlyVsix(productVsix(), dirs.root),
  }),
);
