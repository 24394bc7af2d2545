#!/usr/bin/env node
// Extension-host tests in a real VS Code (code-server 1.100.3), against the extension installed from
// its .vsix as a user installs it:
//   1. code-server + Chromium (scripts/setup-code-server.sh, cached)
//   2. build/m365-licenses.vsix (`npm run package`; HOST_TEST_VSIX=path overrides), `tsc -p .`
//   3. a fresh extensions dir with the product and the test-only runner (test/host-runner)
//   4. code-server on 127.0.0.1, the workbench in headless Chromium on a copy of test/fixtures/workspace
//   5. the runner runs mocha over out/test/host/**/*.test.js in the extension host and writes results
//   6. a second, short session in an untrusted workspace (restricted mode) runs test/host/untrusted.test.ts
//   7. the token canary the suites used (test/host/token.test.ts) is searched in every file of the run
//      (output channel log, user data, journals, workspace, logs): found anywhere, a failed test line
// Prints one line per test and ends with `N passed, N failed`; exits 1 on any failure.
//
// Environment: HOST_TEST_VSIX (product .vsix to test), HOST_TEST_TIMEOUT (seconds, default 180),
// HOST_TEST_FRENCH=0 (skip the French session, test/host/french.test.ts),
// HOST_TEST_GREP (mocha grep), HOST_TEST_KEEP=1 (keep the run directory even on success),
// HOST_TEST_UNTRUSTED=0 (skip the second session, in an untrusted workspace),
// CODE_SERVER_DIR (code-server cache, default .cache/code-server).
import { existsSync, readFileSync, writeFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { REPO, makeRunDir, makeUserDataDir, removeDir, cleanup, elapsed, info } from './lib/host/util.mjs';
import { ensureCodeServer, installExtensions, startCodeServer, tail } from './lib/host/code-server.mjs';
import { launchBrowser, openWorkbench } from './lib/host/browser.mjs';
import { productVsix, compileTests, packageRunner, SetupError } from './lib/host/product.mjs';
import { testLine, printFailures, whereToLook, summaryLine, runDriver } from './lib/host/report.mjs';
import { newTokenCanary, tokenLeakTest } from './lib/host/token-leak.mjs';
import {
  buildFrenchLanguagePack,
  frenchCodeServerConfig,
  registerFrenchLanguagePack,
} from './lib/host/french-language-pack.mjs';

const TIMEOUT_S = Number(process.env.HOST_TEST_TIMEOUT || 180);
const TESTS_DIR = path.join(REPO, 'out', 'test', 'host');
// The file the runner opens first, so that the extension activates as it does for a user.
const OPEN_FIRST = 'sample.licenses';
// The describe() title of test/host/untrusted.test.ts: run alone, in a second session, in restricted mode.
const UNTRUSTED_SUITE = 'untrusted workspace';
// The describe() title of test/host/french.test.ts: run alone, in a third session, in French
// (HOST_TEST_FRENCH=0 skips it).
const FRENCH_SUITE = 'French UI';

async function main() {
  const t0 = Date.now();
  info(ensureCodeServer());
  const vsix = productVsix();
  compileTests();
  if (
    !existsSync(TESTS_DIR) ||
    !readdirSync(TESTS_DIR, { recursive: true }).some((f) => String(f).endsWith('.test.js'))
  ) {
    throw new SetupError(`no compiled suites in ${path.relative(REPO, TESTS_DIR)} (expected test/host/*.test.ts)`);
  }

  const dirs = makeRunDir('host');
  let ok = false;
  try {
    const runnerVsix = packageRunner(dirs.root);
    const userGrep = process.env.HOST_TEST_GREP;
    const french = process.env.HOST_TEST_FRENCH !== '0' && (!userGrep || new RegExp(userGrep).test(FRENCH_SUITE));
    const t = Date.now();
    installExtensions({
      extensionsDir: dirs.extensionsDir,
      userDataDir: dirs.userDataDir,
      vsixes: [vsix, runnerVsix, ...(french ? [buildFrenchLanguagePack(dirs.root)] : [])],
    });
    info(
      `installed ${path.basename(vsix)} and the test runner${french ? ' and a French language pack' : ''} (${elapsed(t)})`,
    );

    const passes = [
      // Trusted workspace (as a user who trusts the folder): every suite but the untrusted and French ones.
      {
        name: 'trusted',
        userDataDir: dirs.userDataDir,
        trust: false,
        grep: userGrep || `${UNTRUSTED_SUITE}|${FRENCH_SUITE}`,
        invert: !userGrep,
      },
    ];
    if (process.env.HOST_TEST_UNTRUSTED !== '0' && (!userGrep || new RegExp(userGrep).test(UNTRUSTED_SUITE))) {
      // Restricted mode: workspace trust on, the folder not trusted, no startup prompt.
      const ud = makeUserDataDir(path.join(dirs.root, 'user-data-untrusted'), {
        'security.workspace.trust.enabled': true,
        'security.workspace.trust.startupPrompt': 'never',
        'security.workspace.trust.emptyWindow': false,
      });
      passes.push({ name: 'untrusted', userDataDir: ud, trust: true, grep: UNTRUSTED_SUITE, invert: false });
    }
    if (french) {
      // VS Code in French: the pack built from the extension's bundles, `--locale fr`.
      const ud = makeUserDataDir(path.join(dirs.root, 'user-data-fr'));
      registerFrenchLanguagePack({ extensionsDir: dirs.extensionsDir, userDataDir: ud });
      passes.push({
        name: 'french',
        userDataDir: ud,
        trust: false,
        grep: FRENCH_SUITE,
        invert: false,
        language: 'fr',
        codeServerConfig: frenchCodeServerConfig(dirs.root),
      });
    }

    const all = { passed: 0, failed: 0, failures: [], error: undefined, vscodeVersion: undefined };
    // A made-up access token: the demo tenant of test/host/token.test.ts accepts only this one.
    const tokenCanary = newTokenCanary();
    let tokenSuiteRan = false;
    for (const pass of passes) {
      const r = await runPass(dirs, { ...pass, tokenCanary });
      all.passed += r.passed;
      all.failed += r.failed + (r.error ? 1 : 0);
      all.failures.push(...(r.failures ?? []));
      if (r.error)
        all.failures.push({ title: `runner (${pass.name} pass)`, message: r.error.message, stack: r.error.stack });
      all.vscodeVersion ??= r.vscodeVersion;
      all.activation ??= r.productActivation;
      tokenSuiteRan ||= (r.tests ?? []).some((t) => /^token\.test\.js$/.test(String(t.file)) && t.state !== 'pending');
    }
    // After code-server stopped (logs flushed): the canary must be in no file of the run.
    const leak = tokenLeakTest({ root: dirs.root, canary: tokenCanary, suiteRan: tokenSuiteRan });
    console.log(testLine(leak));
    if (leak.state === 'passed') all.passed++;
    if (leak.state === 'failed') {
      all.failed++;
      all.failures.push({ title: leak.fullTitle, message: leak.error.message });
    }
    printFailures(all.failures);
    ok = all.failed === 0 && all.passed > 0;
    if (!ok) whereToLook(dirs);
    const a = all.activation;
    if (a && typeof a.activationMs === 'number') {
      info(
        `product in the extension host: bundle evaluated in ${a.loadMs.toFixed(1)} ms + activate() ${a.activateMs.toFixed(1)} ms (VS Code's own context set-up in between: ${a.hostWaitMs.toFixed(0)} ms)`,
      );
      // Read by npm run bench, next to its own stand-in measurement.
      writeFileSync(
        path.join(REPO, 'build', 'host-metrics.json'),
        `${JSON.stringify({ ...a, vscodeVersion: all.vscodeVersion, at: new Date().toISOString() }, null, 2)}\n`,
      );
    }
    info(`host tests took ${elapsed(t0)} in all (VS Code ${all.vscodeVersion ?? '?'})`);
    console.log(summaryLine(all.passed, all.failed));
  } finally {
    await cleanup();
    if (ok && process.env.HOST_TEST_KEEP !== '1') removeDir(dirs.root);
  }
  return ok;
}

/** One code-server session: start, open the workbench, wait for the runner's results, stop. */
async function runPass(dirs, pass) {
  const t = Date.now();
  const resultsFile = path.join(dirs.root, `results-${pass.name}.json`);
  const progressFile = path.join(dirs.root, `progress-${pass.name}.jsonl`);
  const configFile = path.join(dirs.root, `runner-config-${pass.name}.json`);
  writeFileSync(
    configFile,
    JSON.stringify(
      {
        mochaPath: path.join(REPO, 'node_modules', 'mocha'),
        testsDir: TESTS_DIR,
        resultsFile,
        progressFile,
        openFile: OPEN_FIRST,
        timeoutMs: 20_000,
        // test/host/token.test.ts: the token to start the demo tenant with, searched for afterwards
        tokenCanary: pass.tokenCanary,
        grep: pass.grep,
        invert: pass.invert,
        // test/host/french.test.ts runs only in the session that says it is French
        language: pass.language,
      },
      null,
      2,
    ),
  );
  const server = await startCodeServer({
    extensionsDir: dirs.extensionsDir,
    userDataDir: pass.userDataDir,
    logFile: dirs.serverLog,
    workspaceTrust: pass.trust,
    env: {
      LICENSES_HOST_TEST_CONFIG: configFile,
      ...(pass.codeServerConfig ? { CODE_SERVER_CONFIG: pass.codeServerConfig } : {}),
    },
  });
  const browser = await launchBrowser();
  try {
    const page = await openWorkbench(browser, { url: server.url, folder: dirs.workspace, consoleLog: dirs.browserLog });
    info(
      `${pass.name} workspace: workbench open on ${server.url} (${elapsed(t)}); waiting for the suites (up to ${TIMEOUT_S} s)`,
    );
    return await waitForResults({ resultsFile, progressFile, server, page });
  } finally {
    await browser.close().catch(() => {});
    await server.stop();
  }
}

/** Prints tests as they finish (from the runner's progress file) until the results file appears. */
async function waitForResults({ resultsFile, progressFile, server, page }) {
  const deadline = Date.now() + TIMEOUT_S * 1000;
  let printed = 0;
  const printProgress = () => {
    if (!existsSync(progressFile)) return;
    const lines = readFileSync(progressFile, 'utf8').split('\n').filter(Boolean);
    for (; printed < lines.length; printed++) {
      try {
        console.log(testLine(JSON.parse(lines[printed])));
      } catch {
        // a line being written: read it next time
        break;
      }
    }
  };
  for (;;) {
    printProgress();
    // test/host/sign-in.test.ts: VS Code asks before an extension signs in with an account; Allow, as the admin would.
    await page
      .locator('.monaco-dialog-box')
      .filter({ hasText: /wants (you )?to sign in/ })
      .locator('.dialog-buttons .monaco-button', { hasText: 'Allow' })
      .first()
      .click({ timeout: 50 })
      .catch(() => {});
    if (existsSync(resultsFile)) {
      printProgress();
      return JSON.parse(readFileSync(resultsFile, 'utf8'));
    }
    if (server.exited) {
      return fail(`code-server exited during the run (${JSON.stringify(server.exited)}):\n${tail(server.logFile)}`);
    }
    if (Date.now() > deadline) {
      return fail(
        `no results after ${TIMEOUT_S} s: the runner did not start or a suite hangs ` +
          `(${printed} test(s) finished). Did the test runner extension activate? See the extension host log.`,
      );
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  function fail(message) {
    let passed = 0;
    let failed = 0;
    if (existsSync(progressFile)) {
      for (const l of readFileSync(progressFile, 'utf8').split('\n').filter(Boolean)) {
        try {
          const s = JSON.parse(l).state;
          if (s === 'passed') passed++;
          if (s === 'failed') failed++;
        } catch {
          // ignore
        }
      }
    }
    return { passed, failed: failed + 1, failures: [{ title: 'host test run', message }] };
  }
}

runDriver(main);
