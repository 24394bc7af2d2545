// The access token must never reach the output channel or any file (issue #4). The driver makes up
// a canary token, hands it to the suites in the runner config (test/host/token.test.ts starts the
// demo tenant with it and uses every command), and after code-server has stopped (logs flushed)
// searches every file of the run directory for it: both user-data dirs (the "Licenses" output
// channel's log, the extension host log, global storage with the journals, state databases), the
// workspace copy, the code-server and browser logs.
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export function newTokenCanary() {
  return `TOKEN-CANARY-${randomBytes(12).toString('hex')}`;
}

/**
 * Files under `root` that hold `canary` (as UTF-8 or UTF-16 bytes: SQLite state and binary logs
 * included). `exclude(path)`: files that carry it on purpose (the runner config).
 */
function findCanary(root, canary, exclude = () => false) {
  const needles = [Buffer.from(canary, 'utf8'), Buffer.from(canary, 'utf16le')];
  const found = [];
  let files = 0;
  const walk = (dir) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && !exclude(p)) {
        let bytes;
        try {
          if (statSync(p).size > 256 * 1024 * 1024) continue;
          bytes = readFileSync(p);
        } catch {
          continue;
        }
        files++;
        if (needles.some((n) => bytes.includes(n))) found.push(p);
      }
    }
  };
  walk(root);
  return { files, found };
}

/**
 * The check as one test line for the driver's report: passed, failed (where the token was found),
 * or pending when the token suite did not run (HOST_TEST_GREP).
 */
export function tokenLeakTest({ root, canary, suiteRan }) {
  const t0 = Date.now();
  const title =
    'the access token (a canary) is in no file of the run: output channel log, user data, journals, workspace, logs';
  if (!suiteRan) return { fullTitle: `${title} — token suite not run`, state: 'pending' };
  const { files, found } = findCanary(root, canary, (p) => /^runner-config-.*\.json$/.test(path.basename(p)));
  const entry = {
    fullTitle: `${title} (${files} files searched)`,
    state: found.length ? 'failed' : 'passed',
    durationMs: Date.now() - t0,
  };
  if (found.length)
    entry.error = {
      message: `the token is written in:\n${found.map((f) => `  ${path.relative(root, f)}`).join('\n')}`,
    };
  if (!found.length && files < 20)
    Object.assign(entry, {
      state: 'failed',
      error: { message: `only ${files} files searched under ${root}: the run directory is not what the check expects` },
    });
  return entry;
}
