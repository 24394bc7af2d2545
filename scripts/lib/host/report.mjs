// Printing results the same way for the host and UI drivers; the last line is always the plain
// `N passed, N failed` that CI and scripts/test-all.mjs read.
import { readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { SetupError } from './product.mjs';
import { cleanup } from './util.mjs';

export function testLine(t) {
  const mark = t.state === 'passed' ? '✓' : t.state === 'failed' ? '✗' : '-';
  const time = t.durationMs != null ? ` (${t.durationMs} ms)` : '';
  return `  ${mark} ${t.fullTitle ?? t.title}${t.state === 'pending' ? ' (skipped)' : time}`;
}

export function printFailures(failures) {
  if (!failures.length) return;
  console.log('\nFailures:');
  failures.forEach((f, i) => {
    console.log(`\n  ${i + 1}) ${f.fullTitle ?? f.title}`);
    const msg = String(f.message ?? '')
      .split('\n')
      .map((l) => `     ${l}`)
      .join('\n');
    console.log(msg);
    // The first frames of the stack that point into the suites, not into mocha.
    const frames = String(f.stack ?? '')
      .split('\n')
      .filter((l) => /^\s+at /.test(l) && !/node_modules[\\/]mocha/.test(l))
      .slice(0, 3);
    for (const fr of frames) console.log(`     ${fr.trim()}`);
  });
}

/** The extension host logs of a code-server user-data-dir (remoteexthost.log holds activation errors). */
function extHostLogs(userDataDir) {
  const logs = path.join(userDataDir, 'logs');
  const found = [];
  if (!existsSync(logs)) return found;
  for (const session of readdirSync(logs)) {
    const dir = path.join(logs, session);
    for (const sub of safeReaddir(dir)) {
      if (!sub.startsWith('exthost')) continue;
      for (const f of safeReaddir(path.join(dir, sub)))
        if (f.endsWith('exthost.log')) found.push(path.join(dir, sub, f));
    }
  }
  return found;
}

function safeReaddir(d) {
  try {
    return readdirSync(d);
  } catch {
    return [];
  }
}

export function whereToLook(dirs) {
  // every user-data dir of the run (the host tests use a second one for the untrusted workspace)
  const exthost = safeReaddir(dirs.root)
    .filter((d) => d.startsWith('user-data'))
    .flatMap((d) => extHostLogs(path.join(dirs.root, d)));
  console.log('\nWhere to look:');
  console.log(
    `  extension host log: ${exthost.length ? exthost.join(', ') : path.join(dirs.userDataDir, 'logs/*/exthost1/remoteexthost.log')}`,
  );
  console.log(`  code-server output: ${dirs.serverLog}`);
  console.log(`  browser console:    ${dirs.browserLog}`);
  console.log(`  (run directory kept: ${dirs.root})`);
}

export function summaryLine(passed, failed) {
  return `${passed} passed, ${failed} failed`;
}

/**
 * Runs a driver's main(): exit 0 or 1 on its answer; on a crash, stop what was started, say why,
 * and still end with the "N passed, N failed" line that scripts/test-all.mjs reads.
 */
export function runDriver(main) {
  main().then(
    (ok) => process.exit(ok ? 0 : 1),
    async (err) => {
      await cleanup();
      console.error(`\n${err instanceof SetupError ? err.message : (err.stack ?? err)}`);
      console.log(summaryLine(0, 1));
      process.exit(1);
    },
  );
}
