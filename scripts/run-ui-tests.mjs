#!/usr/bin/env node
// UI tests: playwright-core drives the VS Code workbench (code-server in headless Chromium) as a
// person does, with the extension installed from its .vsix. Test files: test/ui/*.mjs, each
// exporting an array of { name, run({ wb, page }), timeoutMs? }. Screenshots go to build/screenshots/.
// Prints one line per test and ends with `N passed, N failed`; exits 1 on any failure.
//
// Environment: HOST_TEST_VSIX (product .vsix to test), UI_TEST_GREP (run tests whose name matches),
// HOST_TEST_KEEP=1 (keep the run directory), CODE_SERVER_DIR.
import path from 'node:path';
import { REPO } from './lib/host/util.mjs';
import { productVsix } from './lib/host/product.mjs';
import { runDriver } from './lib/host/report.mjs';
import { runWorkbenchSuite } from './lib/host/workbench-suite.mjs';

const SCREENSHOTS = path.join(REPO, 'build', 'screenshots');

runDriver(() =>
  runWorkbenchSuite({ kind: 'ui', label: 'UI tests', screenshotsDir: SCREENSHOTS, vsixFor: () => productVsix() }),
);
