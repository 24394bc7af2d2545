import * as assert from 'node:assert/strict';
import { type HandledRequest } from '../../../src/emulator';
import { fromAbortSignal } from '../../../src/core/graph/cancellation';
import { usersToRetry, type Journal } from '../../../src/core/journal/journal';
import { NOT_YET_VISIBLE_NOTE } from '../../../src/core/verify/verify-run';
import {
  bulkUser,
  MemorySink,
  resultOf,
  run,
  startTenant,
  UPN,
  wants,
  type TestTenant,
  sharedDemoTenant,
} from '../fixtures/test-tenant';
import { VirtualClock } from '../fixtures/virtual-clock';

const READ_ROUTE = 'GET /users/{id}';

/** What "retry failed" would send again, from the journal lines as written (the last line per user wins). */
const retryList = (sink: MemorySink) => {
  const latest = new Map([...sink.pending, ...sink.entries].map((e) => [e.user.toLowerCase(), e]));
  return usersToRetry({ headers: [], latest, damagedLines: 0, damaged: [] } satisfies Journal).map((d) => d.user);
};

interface Envelope {
  readonly kind: 'read' | 'write';
  readonly urls: readonly string[];
}

/** The `$batch` envelopes the emulator answered, in order (the fault hook sees each, and loses none). */
function envelopeLog() {
  const envelopes: Envelope[] = [];
  const observe = (r: HandledRequest) => {
    if (r.path === '/$batch') {
      const items = (r.body as { requests: { method: string; url: string }[] }).requests;
      envelopes.push({ kind: r.isWrite ? 'write' : 'read', urls: items.map((i) => decodeURIComponent(i.url)) });
    }
    return false;
  };
  return { envelopes, observe };
}

/**
 * Entra replicates: "A successful write … does not guarantee that an immediate read will reflect that
 * change" (Entra, designing for eventual consistency). A write Graph accepted but the re-read does not
 * show yet is read again with doubling waits until a deadline, and is never turned into a failure.
 * Here the tenant hides the write (the emulator's state is edited behind the engine's back), on a
 * virtual clock that the emulator and the engine share: Graph time passes while they wait on it.
 */
describe('engine: verification meets an eventually consistent directory', () => {
  let t: TestTenant;
  let clock: VirtualClock;
  beforeEach(() => (clock = new VirtualClock()));
  afterEach(() => t.close());

  it('a write that never shows stays "changed" with the note, after looks at 0, 1, 3, 7 and 10 s; "retry failed" does not list it', async () => {
    const aliceRead: number[] = [];
    t = await startTenant({
      latencyMs: 2,
      clock: clock.emulator,
      faults: {
        dropAfterApply: (r) => {
          const alice = t.emulator.tenant.findUser(UPN('alice'))!;
          const urls = r.path === '/$batch' && !r.isWrite ? decodeURIComponent(JSON.stringify(r.body)) : '';
          if (urls.includes(alice.id) || urls.includes(alice.userPrincipalName)) aliceRead.push(clock.now());
          return false;
        },
      },
    });
    const sink = new MemorySink();
    const report = await run(
      t.connection,
      [wants('alice', { assign: ['MCOEV'] }), wants('christie.cline', { assign: ['MCOEV'] })],
      {
        sink,
        clock: clock.run,
        verify: { timeoutMs: 10_000 },
        // Someone takes alice's license away right after our write: to the engine it looks like a write not visible
        // yet.
        onResult: (r) => {
          if (r.user === UPN('alice') && r.outcome === 'changed')
            t.emulator.tenant.findUser(UPN('alice'))!.licenses.length = 0;
        },
      },
    );
    const alice = resultOf(report, 'alice');
    assert.equal(alice.outcome, 'changed');
    assert.deepEqual(alice.added, ['MCOEV']);
    assert.ok(alice.notes?.includes(NOT_YET_VISIBLE_NOTE), JSON.stringify(alice));
    assert.equal(alice.verified, undefined, 'neither confirmed nor contradicted');
    assert.equal(resultOf(report, 'christie.cline').verified, true);
    assert.deepEqual(
      [report.summary.changed, report.summary.failed, report.summary.verified, report.summary.verificationProblems],
      [2, 0, 1, 0],
    );
    // Planning reads both users in one batch; then one look at both, and four more at alice alone.
    const aliceLooks = t.emulator.stats.byRoute[READ_ROUTE] - 2 - 2;
    assert.equal(aliceLooks, 4, `${aliceLooks} more looks at alice`);
    const looks = aliceRead.slice(1).map((at) => Math.round((at - aliceRead[1]) / 1000));
    assert.deepEqual(looks, [0, 1, 3, 7, 10], 'Graph seconds of each look after the write');
    assert.equal(
      sink.entries
        .filter((e) => e.user === UPN('alice'))
        .at(-1)!
        .notes?.includes(NOT_YET_VISIBLE_NOTE),
      true,
      'the journal says so too',
    );
    assert.deepEqual(retryList(sink), []);
  });

  it('a write that shows on the third look is verified, with no note and no second journal line', async () => {
    const log = envelopeLog();
    let hidden: { skuId: string; disabledPlans: string[]; lastUpdatedDateTime: string }[] | undefined;
    let looksWhileHidden = 0;
    t = await startTenant({
      latencyMs: 2,
      clock: clock.emulator,
      faults: {
        dropAfterApply: (r) => {
          log.observe(r);
          if (hidden && r.path === '/$batch' && !r.isWrite && ++looksWhileHidden === 2) {
            t.emulator.tenant.findUser(UPN('alice'))!.licenses.push(...hidden);
            hidden = undefined;
          }
          return false;
        },
      },
    });
    const sink = new MemorySink();
    const report = await run(t.connection, [wants('alice', { assign: ['MCOEV'] })], {
      sink,
      clock: clock.run,
      verify: { timeoutMs: 60_000 },
      onResult: (r) => {
        if (r.outcome !== 'changed' || r.verified !== undefined || hidden) return;
        hidden = t.emulator.tenant.findUser(UPN('alice'))!.licenses.splice(0);
      },
    });
    const alice = resultOf(report, 'alice');
    assert.deepEqual([alice.outcome, alice.verified, alice.notes], ['changed', true, undefined]);
    assert.equal(log.envelopes.filter((e) => e.kind === 'read').length, 1 + 3, 'planning, then three looks');
    assert.equal(sink.entries.length, 1);
    assert.ok(clock.now() < 60_000, `it did not wait for the deadline (${clock.now()} Graph ms)`);
    const writes = t.emulator.stats.writes;
    const again = await run(t.connection, [wants('alice', { assign: ['MCOEV'] })], { clock: clock.run });
    assert.deepEqual(
      [resultOf(again, 'alice').outcome, t.emulator.stats.writes - writes],
      ['unchanged', 0],
      'a re-run writes nothing',
    );
  });

  it('cancelled while waiting for writes to show: the run ends at once, every user once, still "changed"', async () => {
    t = await startTenant({ tenant: sharedDemoTenant({ users: 400 }), latencyMs: 2, clock: clock.emulator });
    const abort = new AbortController();
    const file = Array.from({ length: 30 }, (_, i) => wants(bulkUser(i + 1), { assign: ['MCOEV'] }));
    const sink = new MemorySink();
    let announced = 0;
    let cancelledAt = Infinity;
    const report = await run(t.connection, file, {
      sink,
      cancellation: fromAbortSignal(abort.signal),
      clock: clock.run,
      verify: { timeoutMs: 600_000 },
      onResult: (r) => {
        announced++;
        if (r.outcome !== 'changed') return;
        t.emulator.tenant.findUser(r.user)!.licenses.length = 0;
        if (announced === file.length)
          void clock.sleep(2_000).then(() => {
            cancelledAt = clock.now();
            abort.abort();
          });
      },
    });
    assert.ok(
      clock.now() < cancelledAt + 1_000,
      `ended ${clock.now() - cancelledAt} Graph ms after the cancellation, not at the 600 s deadline`,
    );
    assert.equal(report.summary.cancelled, true);
    assert.deepEqual(
      [report.results.length, report.summary.changed, report.summary.failed, report.summary.skipped],
      [30, 30, 0, 0],
    );
    assert.equal(announced, 30, 'no revision after the cancellation');
    assert.deepEqual(retryList(sink), []);
  });

  const writesAndReadsAfterPlanning = (envelopes: readonly Envelope[]) =>
    envelopes.slice(envelopes.findIndex((e) => e.kind === 'write'));

  it('re-reads overlap the writes: each chunk is read as soon as it is written, and after the last write only its chunk is left', async () => {
    const log = envelopeLog();
    t = await startTenant({
      tenant: sharedDemoTenant({ users: 400 }),
      latencyMs: 2,
      clock: clock.emulator,
      concurrency: 1,
      faults: { dropAfterApply: log.observe },
    });
    const file = Array.from({ length: 100 }, (_, i) => wants(bulkUser(i + 1), { assign: ['MCOEV'] }));
    const report = await run(t.connection, file, { clock: clock.run, verify: { timeoutMs: 60_000 } });
    assert.deepEqual([report.summary.changed, report.summary.verified], [100, 100]);
    const kinds = writesAndReadsAfterPlanning(log.envelopes).map((e) => e.kind);
    assert.deepEqual(
      kinds,
      ['write', 'read', 'write', 'read', 'write', 'read', 'write', 'read', 'write', 'read'],
      'one connection slot, taken in turn',
    );
  });

  it('while writes go on, re-reads of users not visible yet take one slot in turn and never starve the writes', async () => {
    const log = envelopeLog();
    const hidden = new Map<string, { skuId: string; disabledPlans: string[]; lastUpdatedDateTime: string }[]>();
    let writesDone = false;
    t = await startTenant({
      tenant: sharedDemoTenant({ users: 400 }),
      latencyMs: 20,
      clock: clock.emulator,
      concurrency: 1,
      faults: {
        dropAfterApply: (r) => {
          log.observe(r);
          // Replication catches up once every write is in.
          if (writesDone && !r.isWrite)
            for (const [upn, licenses] of hidden) t.emulator.tenant.findUser(upn)!.licenses.push(...licenses.splice(0));
          return false;
        },
      },
    });
    const file = Array.from({ length: 100 }, (_, i) => wants(bulkUser(i + 1), { assign: ['MCOEV'] }));
    const report = await run(t.connection, file, {
      clock: clock.run,
      verify: { timeoutMs: 60_000, firstPollMs: 50, maxPollMs: 50 },
      onResult: (r) => {
        if (r.outcome !== 'changed' || hidden.has(r.user)) return;
        hidden.set(r.user, t.emulator.tenant.findUser(r.user)!.licenses.splice(0));
        if (hidden.size === file.length) writesDone = true;
      },
    });
    assert.deepEqual(
      [report.summary.changed, report.summary.verified, report.summary.verificationProblems],
      [100, 100, 0],
    );
    const during = writesAndReadsAfterPlanning(log.envelopes);
    const lastWrite = during.map((e) => e.kind).lastIndexOf('write');
    const readsDuring = during.slice(0, lastWrite).filter((e) => e.kind === 'read').length;
    assert.ok(readsDuring >= 3, `polls went on during the writes (${readsDuring})`);
    for (let i = 1; i < lastWrite; i++)
      assert.ok(
        !(during[i].kind === 'read' && during[i - 1].kind === 'read'),
        `two reads in a row at ${i} while writes wait`,
      );
  });

  const ASSIGN_ROUTE = 'POST /users/{id}/assignLicense';
  const refusedItems = (r: HandledRequest, text: RegExp) =>
    (
      (r.responseBody as { responses?: { status: number; body?: { error?: { message?: string } } }[] })?.responses ?? []
    ).filter((x) => x.status === 400 && text.test(x.body?.error?.message ?? '')).length;

  it('assignLicense right after this run\'s own PATCH that meets "invalid usage location" is sent again, and lands', async () => {
    let refusals = 0;
    t = await startTenant({
      latencyMs: 2,
      clock: clock.emulator,
      faults: {
        dropAfterApply: (r) => {
          const isaiah = t.emulator.tenant.findUser(UPN('isaiah.langer'))!;
          const urls =
            r.path === '/$batch' ? (r.body as { requests: { method: string }[] }).requests.map((q) => q.method) : [];
          // The PATCH landed, but the replica assignLicense reads has not seen it yet: for two attempts.
          if (urls.includes('PATCH')) isaiah.usageLocation = null;
          refusals += refusedItems(r, /invalid usage location/);
          if (refusals === 2) isaiah.usageLocation = 'US';
          return false;
        },
      },
    });
    const report = await run(t.connection, [wants('isaiah.langer', { assign: ['MCOEV'], usageLocation: 'US' })], {
      clock: clock.run,
    });
    const isaiah = resultOf(report, 'isaiah.langer');
    assert.deepEqual(
      [isaiah.outcome, isaiah.added, isaiah.usageLocation, isaiah.verified],
      ['changed', ['MCOEV'], 'US', true],
      JSON.stringify(isaiah),
    );
    assert.equal(t.emulator.stats.byRoute[ASSIGN_ROUTE], 3, 'two refusals, then the write');
  });

  it("the same refusal that never clears fails after a few tries, with Graph's message and hint", async () => {
    t = await startTenant({
      latencyMs: 2,
      clock: clock.emulator,
      faults: {
        dropAfterApply: (r) => {
          if (r.isWrite) t.emulator.tenant.findUser(UPN('isaiah.langer'))!.usageLocation = null;
          return false;
        },
      },
    });
    const report = await run(t.connection, [wants('isaiah.langer', { assign: ['MCOEV'], usageLocation: 'US' })], {
      clock: clock.run,
    });
    const isaiah = resultOf(report, 'isaiah.langer');
    assert.equal(isaiah.outcome, 'failed');
    assert.match(isaiah.error!.message, /invalid usage location/);
    assert.match(isaiah.error!.hint!, /usage location/);
    assert.equal(t.emulator.stats.byRoute[ASSIGN_ROUTE], 5, 'the first try and four more');
  });

  it('an add of the seat-taking second phase that meets "no available licenses" is sent again once the freed seat shows', async () => {
    let observe = (_r: HandledRequest) => false;
    t = await startTenant({
      tenant: sharedDemoTenant({ users: 400 }),
      latencyMs: 2,
      clock: clock.emulator,
      faults: { dropAfterApply: (r) => observe(r) },
    });
    const [losing, gaining] = [bulkUser(1), bulkUser(2)];
    await run(t.connection, [wants(losing, { assign: ['MCOPSTNC'] })], { verify: false });
    const sku = t.emulator.tenant.findSku('MCOPSTNC')!;
    sku.prepaidUnits.enabled = sku.consumedUnits;
    const assignsBefore = t.emulator.stats.byRoute[ASSIGN_ROUTE];
    let writes = 0;
    observe = (r) => {
      if (!r.isWrite) return false;
      // The seat the first phase freed is not visible yet to the second phase's first attempt.
      if (++writes === 1) sku.prepaidUnits.enabled--;
      if (refusedItems(r, /does not have any available licenses/) > 0) sku.prepaidUnits.enabled++;
      return false;
    };
    const report = await run(
      t.connection,
      [wants(gaining, { assign: ['MCOPSTNC'] }), wants(losing, { remove: ['MCOPSTNC'] })],
      { clock: clock.run },
    );
    assert.deepEqual(
      report.results.map((r) => [r.user, r.outcome]),
      [
        [gaining, 'changed'],
        [losing, 'changed'],
      ],
      JSON.stringify(report.results),
    );
    assert.equal(t.emulator.stats.byRoute[ASSIGN_ROUTE] - assignsBefore, 3, 'the remove, a refused add, the add');
  });
});
