// What the host and UI tests install: the product's .vsix (built as a user gets it) and the
// test-only runner extension; and the compiled suites.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, cpSync, rmSync } from 'node:fs';
import path from 'node:path';
import { REPO, run, info, elapsed } from './util.mjs';

export const PRODUCT_ID = 'bulk-licensing.m365-licenses';
const PRODUCT_VSIX = path.join(REPO, 'build', 'm365-licenses.vsix');
const VSCE = path.join(REPO, 'node_modules', '@vscode', 'vsce', 'vsce');
const TSC = path.join(REPO, 'node_modules', 'typescript', 'bin', 'tsc');

export class SetupError extends Error {}

/**
 * The product .vsix: `npm run package` → build/m365-licenses.vsix, unless HOST_TEST_VSIX names
 * one already built (for developing the tests against another build or a stub).
 */
export function productVsix() {
  const override = process.env.HOST_TEST_VSIX;
  if (override) {
    const p = path.resolve(override);
    if (!existsSync(p)) throw new SetupError(`HOST_TEST_VSIX=${override}: no such file`);
    info(`product: ${p} (HOST_TEST_VSIX)`);
    return p;
  }
  const t0 = Date.now();
  info('product: npm run package');
  rmSync(PRODUCT_VSIX, { force: true });
  const status = run('npm', ['run', '--silent', 'package'], { stdio: ['ignore', 2, 'inherit'] });
  if (status !== 0 || !existsSync(PRODUCT_VSIX)) {
    throw new SetupError(
      `\`npm run package\` failed (exit ${status}) or did not produce build/m365-licenses.vsix.\n` +
        'The host tests install the extension from its .vsix, as a user does: fix the packaging first ' +
        '(or set HOST_TEST_VSIX=/path/to/some.vsix to test another build).',
    );
  }
  info(`product: ${path.relative(REPO, PRODUCT_VSIX)} (${elapsed(t0)})`);
  return PRODUCT_VSIX;
}

/** `tsc -p .`: compiles src and test (the host suites land in out/test/host). */
// Type errors elsewhere in the repo (src/, unit tests) are the unit tests' to report: tsc still
// emits, so the host suites run; errors in the host suites themselves stop the run.
export function compileTests() {
  const t0 = Date.now();
  const r = spawnSync(process.execPath, [TSC, '-p', '.', '--pretty', 'false'], { cwd: REPO, encoding: 'utf8' });
  const output = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim();
  if (r.status !== 0) {
    const errors = output.split('\n').filter((l) => /error TS\d+/.test(l));
    const ours = errors.filter((l) => /^test[\\/]host[\\/]/.test(l));
    process.stderr.write(`${output}\n`);
    if (ours.length || !errors.length)
      throw new SetupError('`tsc -p .` failed on the host suites (test/host): fix the type errors above.');
    info(
      `tsc: ${errors.length} type error(s) outside test/host (shown above; the unit tests report them); going on with the emitted suites`,
    );
  }
  info(`compiled with tsc (${elapsed(t0)})`);
}

/** Packages test/host-runner into a .vsix with vsce (so it installs exactly like the product). */
export function packageRunner(outDir) {
  const src = path.join(REPO, 'test', 'host-runner');
  const staging = path.join(outDir, 'host-runner');
  mkdirSync(staging, { recursive: true });
  cpSync(src, staging, { recursive: true });
  const out = path.join(outDir, 'host-runner.vsix');
  const status = run(
    process.execPath,
    [
      VSCE,
      'package',
      '--no-dependencies',
      '--skip-license',
      '--allow-missing-repository',
      '--allow-star-activation',
      '-o',
      out,
    ],
    { cwd: staging, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  if (status !== 0 || !existsSync(out))
    throw new SetupError(`packaging test/host-runner with vsce failed (exit ${status})`);
  return out;
}
