// `npm run demo`: applies samples/*.licenses to the built-in demo tenant, as the README's first
// command. A sample may show a failure on purpose (groups.licenses shows a member in error, the
// thing "Reprocess Members in Error" is for): it says so in a comment
//   # demo-expects: member-error USER SKU ERROR
// and the demo ends 0 when every problem of the run is one a sample expects. The CLI's own exit
// code stays what it is for any run (1: a member in error); only this demonstration tells the
// expected apart, and it fails on anything else (a user failed, a group failed, another member).
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const samples = readdirSync('samples')
  .filter((f) => f.endsWith('.licenses'))
  .sort()
  .map((f) => join('samples', f));

/** `member-error user sku error` keys the samples announce. */
export function expectations(texts) {
  const keys = new Set();
  for (const text of texts)
    for (const m of text.matchAll(/^#\s*demo-expects:\s*member-error\s+(\S+)\s+(\S+)\s+(\S+)\s*$/gm))
      keys.add(`${m[1].toLowerCase()} ${m[2].toUpperCase()} ${m[3]}`);
  return keys;
}

/** What the journal records that is not done, each as a line; expected member errors apart. */
export function problems(journalText, expected) {
  const users = new Map();
  const groups = new Map();
  const unexpected = [];
  const expectedSeen = [];
  for (const line of journalText.split('\n')) {
    if (!line.trim()) continue;
    const entry = JSON.parse(line);
    if (entry.journal) continue;
    if (entry.kind === 'member-error') {
      const key = `${String(entry.user).toLowerCase()} ${String(entry.sku).toUpperCase()} ${entry.error}`;
      (expected.has(key) ? expectedSeen : unexpected).push(
        `member ${entry.user} of "${entry.group}": ${entry.sku} ${entry.error}`,
      );
    } else if (entry.kind === 'group') groups.set(entry.group, entry.outcome);
    else if (entry.user) users.set(entry.user, entry.outcome);
  }
  for (const [user, outcome] of users)
    if (outcome !== 'changed' && outcome !== 'unchanged') unexpected.push(`${user}: ${outcome}`);
  for (const [group, outcome] of groups)
    if (outcome === 'failed' || outcome === 'skipped') unexpected.push(`group "${group}": ${outcome}`);
  return { unexpected, expectedSeen };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // Named as the CLI names its journals (ignored by git), and kept: the admin may read it.
  const journal = `licenses-results-demo-${new Date().toISOString().replace(/[:.]/g, '-')}.jsonl`;
  const run = spawnSync(
    process.execPath,
    ['dist/cli.js', 'apply', ...samples, '--demo', '--yes', '--journal', journal],
    { stdio: 'inherit' },
  );
  let code = run.status ?? 1;
  if (code === 1) {
    const expected = expectations(samples.map((f) => readFileSync(f, 'utf8')));
    const { unexpected, expectedSeen } = problems(readFileSync(journal, 'utf8'), expected);
    if (unexpected.length === 0 && expectedSeen.length > 0) {
      console.log(
        `\nnpm run demo: as expected. ${expectedSeen.length === 1 ? 'The member in error above is' : `The ${expectedSeen.length} members in error above are`} shown on purpose (see the "demo-expects" comments in samples/); everything else succeeded.`,
      );
      code = 0;
    } else if (unexpected.length) {
      console.error(`\nnpm run demo: not as expected:\n${unexpected.map((u) => `  ${u}`).join('\n')}`);
    }
  }
  process.exitCode = code;
}
