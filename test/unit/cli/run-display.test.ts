import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runApplyCommand, runPlanCommand, type PlanApplyIo } from '../../../src/cli/plan-apply';
import type { LiveTerminal } from '../../../src/cli/display/progress';
import { startTenant, type TestTenant } from '../fixtures/test-tenant';
import { capturedIo, type CapturedIo } from '../fixtures/captured-io';

/** The captured streams of a terminal: the live line's writes kept apart from the lines printed. */
function terminalIo(): CapturedIo & PlanApplyIo & { live: LiveTerminal & { writes: string[] } } {
  const writes: string[] = [];
  let now = 0;
  return Object.assign(capturedIo(), {
    live: { writes, write: (text: string) => void writes.push(text) },
    // Each reading of the clock is 150 ms later: every update is drawn.
    now: () => (now += 150),
  });
}

/** The counter's texts as the admin saw them, in order. */
const drawn = (writes: readonly string[]) =>
  writes.map((w) => w.replace(/^\r/, '').replace(/\x1b\[K$/, '')).filter(Boolean);

describe('what the admin sees of plan and apply', () => {
  let t: TestTenant;
  let dir: string;
  let env: Record<string, string>;
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  beforeEach(async () => {
    t = await startTenant();
    dir = mkdtempSync(join(tmpdir(), 'licenses-cli-display-'));
    env = { LICENSES_GRAPH_URL: t.emulator.baseUrl, LICENSES_ACCESS_TOKEN: t.emulator.token };
  });
  afterEach(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  // carol has no usage location and the block gives none: Graph refuses her.
  const PHONE =
    'assign MCOEV MCOPSTN1\nalice@contoso.com\nbob@contoso.com\ncarol@contoso.com\n\nassign SPE_E5\nmegan.bowen@contoso.com\n';

  it('apply on a terminal: a count while reading, a live counter, only the failure as a line, then the recap and the summary', async () => {
    const io = terminalIo();
    const code = await runApplyCommand(
      [file('phone.licenses', PHONE), '--yes', '--journal', join(dir, 'j.jsonl')],
      io,
      {
        env,
      },
    );
    assert.equal(code, 1);
    const counter = drawn(io.live.writes);
    assert.ok(counter.includes('Reading users: 4 of 4'), counter.join('\n'));
    assert.ok(
      counter.some((c) => /^\d of \d/.test(c)),
      counter.join('\n'),
    );
    assert.equal(io.live.writes.at(-1), '\r\x1b[K', 'the counter is taken off before the summary');
    assert.ok(!io.out.some((l) => l.startsWith('✓') || l.startsWith('=')), 'no line per changed user on a terminal');
    const failure = io.out.findIndex((l) => l.startsWith('✗ carol@contoso.com [NoUsageLocation]'));
    assert.ok(failure >= 0, io.out.join('\n'));
    assert.deepEqual(io.out.slice(failure + 1), [
      'Not done: 1 user, 1 cause',
      '✗ 1 user: [NoUsageLocation] The user has no usage location and the block gives none: Graph refuses a license without one.',
      '    carol@contoso.com',
      '    Fix: Add `usage-location XX` (two-letter country) to the block, then apply again.',
      io.out.at(-1)!,
    ]);
    assert.match(io.out.at(-1)!, /4 users: 2 changed, 1 unchanged, 1 failed, 0 skipped/);
  });

  // ghost is not in the tenant: never written, whatever the planner's classes become.
  const WITH_GHOST =
    'assign MCOEV MCOPSTN1\nalice@contoso.com\nbob@contoso.com\nghost@contoso.com\n\nassign SPE_E5\nmegan.bowen@contoso.com\n';

  it('apply piped: one line per user as before, the recap after them', async () => {
    const io = capturedIo();
    await runApplyCommand([file('phone.licenses', PHONE), '--yes', '--journal', join(dir, 'j.jsonl')], io, { env });
    assert.equal(io.out.filter((l) => l.startsWith('✓')).length, 2);
    assert.ok(io.out.includes('Not done: 1 user, 1 cause'));
  });

  it('apply --summary: no line per user, the recap and the summary only', async () => {
    const io = capturedIo();
    await runApplyCommand(
      [file('phone.licenses', PHONE), '--yes', '--summary', '--journal', join(dir, 'j.jsonl')],
      io,
      {
        env,
      },
    );
    assert.equal(io.out[0], 'Not done: 1 user, 1 cause');
    assert.equal(io.out.length, 5, io.out.join('\n'));
  });

  it('apply --json on a terminal: JSON lines only, no counter', async () => {
    const io = terminalIo();
    await runApplyCommand([file('phone.licenses', PHONE), '--yes', '--json', '--journal', join(dir, 'j.jsonl')], io, {
      env,
    });
    assert.deepEqual(io.live.writes, []);
    for (const line of io.out) JSON.parse(line);
  });

  it('the recap names the first ten users of a cause and counts the rest', async () => {
    const ghosts = Array.from({ length: 13 }, (_, i) => `ghost${i}@contoso.com`);
    const io = capturedIo();
    await runApplyCommand(
      [
        // alice changes: a run with something to send (one with nothing is refused before writing, without a recap).
        file('ghosts.licenses', `assign MCOEV\nalice@contoso.com\n${ghosts.join('\n')}\n`),
        '--yes',
        '--summary',
        '--journal',
        join(dir, 'j.jsonl'),
      ],
      io,
      { env },
    );
    const shown = io.out.join('\n');
    assert.match(shown, /^✗ 13 users: \[Request_ResourceNotFound\]/m);
    assert.match(shown, /^ {4}ghost0@contoso\.com, .*, ghost9@contoso\.com … and 3 more$/m);
  });

  it('plan groups users as the preview does, and the users that will not be written under their cause', async () => {
    const io = capturedIo();
    assert.equal(await runPlanCommand([file('phone.licenses', WITH_GHOST)], io, { env }), 1);
    const shown = io.out.join('\n');
    assert.match(
      shown,
      /^Will change \(2\)\n {2}2 users: \+MCOEV \(Microsoft Teams Phone Standard\) \+MCOPSTN1 \(Skype for Business PSTN Domestic Calling\)\n {4}alice@contoso\.com\n {4}bob@contoso\.com$/m,
    );
    assert.match(
      shown,
      /^Will not be written \(1\)\n {2}1 user not found in the tenant\n {4}\[Request_ResourceNotFound\] .*\n {4}ghost@contoso\.com$/m,
    );
    assert.match(shown, /^Already as wanted \(1\)$/m);
    assert.ok(!io.out.some((l) => l.startsWith('~ ')), 'no line per user');
  });

  it('plan on a terminal counts the users while it reads them, then takes the count off before the plan', async () => {
    const io = terminalIo();
    await runPlanCommand([file('phone.licenses', WITH_GHOST)], io, { env });
    const counter = drawn(io.live.writes);
    assert.equal(counter[0], 'Reading users: 0 of 4');
    assert.equal(counter.at(-1), 'Reading users: 4 of 4');
    assert.equal(io.live.writes.at(-1), '\r\x1b[K');
    assert.equal(io.out[0], 'Totals');
  });

  it('plan --summary: the totals, the seats and who will not be written; not the changes', async () => {
    const io = capturedIo();
    await runPlanCommand([file('phone.licenses', WITH_GHOST), '--summary'], io, { env });
    const shown = io.out.join('\n');
    assert.match(shown, /^Totals\n {2}4 users: 2 to change, 1 already as wanted, 1 that will not be written$/m);
    assert.match(shown, /^Will not be written \(1\)$/m);
    assert.doesNotMatch(shown, /Will change|Already as wanted|alice@contoso\.com/);
  });

  it('--assign with a word the tenant does not hold: named at the option, with the editor’s suggestion', async () => {
    const io = capturedIo();
    const list = file('list.txt', 'alice@contoso.com\nbob@contoso.com\n');
    assert.equal(await runPlanCommand([list, '--assign', 'E3,MCOEV', '--remove', 'MCOPSTN9'], io, { env }), 1);
    assert.deepEqual(io.err, [
      '✗ --assign: E3 is not a subscription of this tenant. Did you mean ENTERPRISEPACK (Office 365 E3)?',
      '✗ --remove: MCOPSTN9 is not a subscription of this tenant. Did you mean MCOPSTN1 (Skype for Business PSTN Domestic Calling)?',
      'Nothing was written.',
    ]);
    assert.doesNotMatch(io.err.join('\n'), /\(line 1\)/);
    const applied = capturedIo();
    assert.equal(await runApplyCommand([list, '--assign', 'E3', '--yes'], applied, { env }), 1);
    assert.equal(t.emulator.stats.writes, 0);
  });

  it('--usage-location CC gives a plain list its usage location; a code that is not ISO 3166-1 alpha-2 is refused', async () => {
    const list = file('list.txt', 'carol@contoso.com\n');
    const io = capturedIo();
    assert.equal(await runPlanCommand([list, '--assign', 'MCOEV', '--usage-location', 'fr'], io, { env }), 0);
    assert.match(io.out.join('\n'), /^ {2}1 user: usage location FR \+MCOEV \(Microsoft Teams Phone Standard\)$/m);
    const wrong = capturedIo();
    assert.equal(await runPlanCommand([list, '--assign', 'MCOEV', '--usage-location', 'UK'], wrong, { env }), 2);
    assert.equal(wrong.err[0], '--usage-location: "UK" is not an ISO 3166-1 alpha-2 country code: use GB.');
    const before = t.emulator.stats.requests;
    const directives = capturedIo();
    const withBlock = file('block.licenses', 'assign MCOEV\ncarol@contoso.com\n');
    assert.equal(await runPlanCommand([withBlock, '--usage-location', 'FR'], directives, { env }), 2);
    assert.match(directives.err[0], /--usage-location are for plain lists of users/);
    assert.equal(t.emulator.stats.requests, before, 'refused before the tenant is read');
  });
});
