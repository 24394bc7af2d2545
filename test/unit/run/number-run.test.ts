import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { planLicenses } from '../../../src/core/run/read-and-plan';
import { planAsRead } from '../../../src/core/run/plan-as-read';
import { runLicenses, type RunOutcome } from '../../../src/core/run/run-licenses';
import { readJournal, usersToRetry } from '../../../src/core/journal/journal';
import { retryFromJournal } from '../../../src/core/journal/retry-journal';
import type { NumberLine } from '../../../src/core/results/number-result';
import type { DesiredUser } from '../../../src/core/desired/desired';
import { readUserVoiceState } from '../../../src/core/numbers/teams-reads';
import { startTenant, wants, type TestTenant } from '../fixtures/test-tenant';
import { VirtualClock } from '../fixtures/virtual-clock';
import { CancellationSource } from '../../../src/core/graph/cancellation';
import { withNumber } from '../numbers/number-fixtures';

const VOICE = { assign: ['MCOEV', 'MCOPSTN1'] };

interface Ctx {
  readonly t: TestTenant;
  readonly clock: VirtualClock;
  readonly dir: string;
  /** Every Teams call the run made, method and path. */
  readonly teamsCalls: string[];
}

async function start(lagSeconds: number): Promise<Ctx> {
  const clock = new VirtualClock();
  const t = await startTenant({ graphClock: clock, teamsLicenseLagSeconds: lagSeconds });
  const teamsCalls: string[] = [];
  const realFetch = globalThis.fetch;
  const emulatorFetch: typeof fetch = async (input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    if (/\/admin\/teams\//.test(url)) teamsCalls.push(`${init?.method ?? 'GET'} ${new URL(url).pathname}`);
    return realFetch(input, init);
  };
  globalThis.fetch = emulatorFetch;
  const close = t.close;
  return {
    t: {
      ...t,
      close: async () => {
        globalThis.fetch = realFetch;
        await close();
      },
    },
    clock,
    dir: mkdtempSync(join(tmpdir(), 'number-run-')),
    teamsCalls,
  };
}

async function apply(
  ctx: Ctx,
  desired: readonly DesiredUser[],
  o: { waitMinutes?: number; journal?: string; asRead?: boolean; cancel?: CancellationSource } = {},
): Promise<{ outcome: Extract<RunOutcome, { kind: 'applied' }>; shown: NumberLine[] }> {
  const shown: NumberLine[] = [];
  const outcome = await runLicenses({
    connection: ctx.t.connection,
    tenant: { label: 'test tenant', id: 'test' },
    files: ['voice.licenses'],
    plan: () => (o.asRead ? planAsRead(ctx.t.connection, desired) : planLicenses(ctx.t.connection, desired)),
    journal: { path: o.journal ?? join(ctx.dir, 'run.jsonl') },
    lockFolder: ctx.dir,
    verify: false,
    clock: ctx.clock.run,
    ...(o.cancel ? { cancellation: o.cancel.token } : {}),
    numbers: {
      clock: {
        now: ctx.clock.now,
        sleep: async (ms) => {
          // The admin cancels as the first user starts waiting for Teams.
          o.cancel?.cancel();
          await ctx.clock.sleep(ms);
        },
      },
      onNumberResult: (line) => shown.push(line),
      ...(o.waitMinutes !== undefined ? { waitMinutes: o.waitMinutes } : {}),
    },
  });
  assert.equal(outcome.kind, 'applied', JSON.stringify(outcome));
  assert.ok(outcome.kind === 'applied');
  return { outcome, shown };
}

const journalLines = (path: string) =>
  readFileSync(path, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe("numbers in the run: licenses first, then each user's number, to the end", () => {
  let ctx: Ctx;
  afterEach(async () => {
    await ctx.t.close();
    rmSync(ctx.dir, { recursive: true, force: true });
  });

  it("licenses a user, waits out Teams' lag, assigns the number, reads it back; one outcome per user; re-running writes nothing", async () => {
    ctx = await start(20);
    const desired = [
      withNumber(wants('alice', VOICE), '+1 425 555 0110'),
      withNumber(wants('christie.cline', { ...VOICE, usageLocation: 'US' }), '+14255550111'),
    ];
    const { outcome, shown } = await apply(ctx, desired);
    assert.deepEqual(
      outcome.report.results.map((r) => r.outcome),
      ['changed', 'changed'],
    );
    assert.deepEqual(
      // Each user's number finishes when Teams answers for it: the order of the two is not the file's.
      shown
        .map((l) => [l.user, l.outcome, l.assigned, l.readBack, l.isEnterpriseVoiceEnabled])
        .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
      [
        ['alice@contoso.com', 'changed', '+14255550110', 'confirmed', true],
        ['christie.cline@contoso.com', 'changed', '+14255550111', 'confirmed', true],
      ],
    );
    assert.ok(
      shown.every((l) => (l.licenseRetries ?? 0) > 0),
      'Teams refused until it saw the new Calling Plan',
    );
    assert.deepEqual(outcome.numbers, shown);
    const lines = journalLines(join(ctx.dir, 'run.jsonl'));
    const numberLines = lines.filter((l) => l.kind === 'number');
    assert.deepEqual(
      numberLines
        .map((l) => [l.user, l.outcome])
        .sort((a, b) => (a[1] === b[1] ? String(a[0]).localeCompare(String(b[0])) : a[1] === 'pending' ? -1 : 1)),
      [
        ['alice@contoso.com', 'pending'],
        ['christie.cline@contoso.com', 'pending'],
        ['alice@contoso.com', 'changed'],
        ['christie.cline@contoso.com', 'changed'],
      ],
    );
    // Licenses first: a user's number goes out only after that user's license line is journalled.
    const licensed = lines.findIndex((l) => l.user === 'alice@contoso.com' && l.outcome === 'changed' && !l.kind);
    const numberSent = lines.findIndex((l) => l.user === 'alice@contoso.com' && l.kind === 'number');
    assert.ok(licensed >= 0 && licensed < numberSent);
    const state = await readUserVoiceState(ctx.t.connection, ctx.t.emulator.tenant.findUser('alice@contoso.com')!.id);
    assert.ok(state.ok);
    assert.deepEqual(
      state.value.telephoneNumbers.map((n) => n.telephoneNumber),
      ['+14255550110'],
    );

    ctx.teamsCalls.length = 0;
    const again = await apply(ctx, desired, { journal: join(ctx.dir, 'again.jsonl') });
    assert.deepEqual(
      again.outcome.report.results.map((r) => r.outcome),
      ['unchanged', 'unchanged'],
    );
    assert.deepEqual(
      again.shown.map((l) => l.outcome),
      ['unchanged', 'unchanged'],
    );
    assert.ok(!ctx.teamsCalls.some((c) => c.startsWith('POST')), `no Teams write: ${ctx.teamsCalls.join(', ')}`);
  });

  it('leaves a number pending with the command that resumes it once the wait is over; the retry picks it up', async () => {
    ctx = await start(3600);
    const journal = join(ctx.dir, 'slow.jsonl');
    const { shown } = await apply(ctx, [withNumber(wants('alice', VOICE), '+14255550112')], {
      waitMinutes: 2,
      journal,
    });
    assert.equal(shown.length, 1);
    const alice = shown[0];
    assert.equal(alice.outcome, 'pending');
    assert.equal(alice.resumeCommand, `m365-licenses apply --retry-failed ${journal}`);
    assert.match(alice.error?.message ?? '', /Resume with: m365-licenses apply --retry-failed/);
    assert.ok(!ctx.teamsCalls.some((c) => /operations/.test(c)), 'nothing was assigned');

    const retry = usersToRetry(await readJournal(journal));
    assert.deepEqual(
      retry.map((u) => [u.user, u.number?.kind === 'number' ? u.number.canonical : undefined]),
      [['alice@contoso.com', '+14255550112']],
    );
    const source = await retryFromJournal(journal);
    assert.ok(source.kind === 'retry');
    assert.equal(source.desired.length, 1);

    await ctx.clock.sleep(3600_000); // Teams has seen the license by now
    const resumed = await apply(ctx, source.desired, { journal });
    assert.deepEqual(
      resumed.outcome.report.results.map((r) => r.outcome),
      ['unchanged'],
      'the licenses are as wanted already',
    );
    assert.deepEqual(
      resumed.shown.map((l) => [l.outcome, l.assigned]),
      [['changed', '+14255550112']],
    );
    assert.deepEqual(usersToRetry(await readJournal(journal)), [], 'nothing left to retry');
  });

  it('a run cancelled while a user waits for Teams to see the license records the number skipped, for a retry', async () => {
    ctx = await start(3600);
    const cancel = new CancellationSource();
    const { shown } = await apply(ctx, [withNumber(wants('alice', VOICE), '+14255550113')], { cancel });
    assert.deepEqual(
      shown.map((l) => [l.outcome, l.desired?.user]),
      [['skipped', 'alice@contoso.com']],
    );
    assert.ok(ctx.clock.now() < 15 * 60_000, 'the wait ended with the cancellation, not at its bound');
  });

  it('takes numbers back for no-number and records what the user held, for undo', async () => {
    ctx = await start(0);
    const { shown } = await apply(ctx, [withNumber(wants('erin'), 'no-number')], { asRead: true });
    assert.deepEqual(
      shown.map((l) => [l.outcome, l.unassigned, l.before]),
      [['changed', ['+14255550100'], [{ telephoneNumber: '+14255550100', numberType: 'callingPlan' }]]],
    );
  });

  it('a number the plan will not write is reported once, with its reason, and nothing is sent for it', async () => {
    ctx = await start(0);
    const { shown } = await apply(ctx, [
      withNumber(wants('alice', VOICE), '+14255550101'), // adele.vance's number
    ]);
    assert.deepEqual(
      shown.map((l) => [l.outcome, l.error?.code]),
      [['failed', 'NumberAssignedToAnotherUser']],
    );
    assert.ok(!ctx.teamsCalls.some((c) => c.startsWith('POST')));
  });
});
