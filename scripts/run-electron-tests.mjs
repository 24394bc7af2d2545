#!/usr/bin/env node
// The same extension-host suites (test/host/*.test.ts) in desktop VS Code, with @vscode/test-electron:
// extensionDevelopmentPath = the repo (dist/ from `npm run build`), extensionTestsPath =
// out/test/host/index.js. It downloads VS Code on first use, which only works on a machine with
// internet: here and in CI use `npm run test:host` (code-server) instead. Not run by CI.
//
// Environment: VSCODE_TEST_VERSION (default 1.100.3, the version code-server runs), HOST_TEST_GREP.
// On Linux without a display, run it under xvfb-run.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { REPO, makeRunDir, removeDir, run, info } from './lib/host/util.mjs';
import { compileTests, SetupError } from './lib/host/product.mjs';

const VERSION = process.env.VSCODE_TEST_VERSION || '1.100.3';
const CACHE = path.join(REPO, '.cache', 'vscode-test');
const NETWORK_CODES = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

function isNetworkError(err) {
  for (let e = err; e; e = e.cause) {
    if (
      NETWORK_CODES.has(e.code) ||
      /getaddrinfo|fetch failed|socket hang up|network|timed? ?out/i.test(String(e.message))
    )
      return true;
  }
  return false;
}

async function main() {
  const { runTests, downloadAndUnzipVSCode } = await import('@vscode/test-electron');
  let vscodeExecutablePath;
  try {
    info(`VS Code ${VERSION} (cached in ${path.relative(REPO, CACHE)}, downloaded on first use)`);
    vscodeExecutablePath = await downloadAndUnzipVSCode({ version: VERSION, cachePath: CACHE });
  } catch (err) {
    const offline = isNetworkError(err);
    throw new SetupError(
      `@vscode/test-electron could not download VS Code ${VERSION}: ${err.message ?? err}\n` +
        (offline
          ? 'This machine has no internet access (only package registries), so desktop VS Code cannot be fetched.\n'
          : '') +
        'Run the same suites in code-server instead: `npm run test:host` (installs everything from npm and Debian).',
    );
  }

  // After the download, which fails fast offline.
  if (run('npm', ['run', '--silent', 'build'], { stdio: ['ignore', 2, 'inherit'] }) !== 0) {
    throw new SetupError(
      '`npm run build` failed: the extension must build (dist/extension.js) before its tests can run.',
    );
  }
  compileTests();
  const testsIndex = path.join(REPO, 'out', 'test', 'host', 'index.js');
  if (!existsSync(testsIndex))
    throw new SetupError(`${path.relative(REPO, testsIndex)} is missing (compiled from test/host/index.ts)`);
  const dirs = makeRunDir('electron');
  try {
    const exitCode = await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: REPO,
      extensionTestsPath: testsIndex,
      extensionTestsEnv: { HOST_TEST_GREP: process.env.HOST_TEST_GREP ?? '' },
      launchArgs: [
        dirs.workspace,
        '--disable-extensions',
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        `--user-data-dir=${dirs.userDataDir}`,
        `--extensions-dir=${dirs.extensionsDir}`,
      ],
    });
    return exitCode === 0;
  } catch (err) {
    console.error(`the suites failed or VS Code did not start: ${err.message ?? err}`);
    if (process.platform === 'linux' && !process.env.DISPLAY)
      console.error('no DISPLAY: run under xvfb-run (apt-get install xvfb)');
    return false;
  } finally {
    removeDir(dirs.root);
  }
}

main().then(
  (ok) => process.exit(ok ? 0 : 1),
  (err) => {
    console.error(`\n${err instanceof SetupError ? err.message : (err.stack ?? err)}`);
    process.exit(1);
  },
);
