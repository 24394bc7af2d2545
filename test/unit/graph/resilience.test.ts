import * as assert from 'node:assert/strict';
import { fromAbortSignal } from '../../../src/core/graph/cancellation';
import { DEFAULT_RETRY_POLICY } from '../../../src/core/graph/retry-policy';
import { loadTenantSkus } from '../../../src/core/tenant/tenant-skus';
import { bulkUser, MemorySink, resultOf, run, wants, sharedDemoTenant } from '../fixtures/test-tenant';
import { VirtualClock } from '../fixtures/virtual-clock';
import { engineSuite, quickConnection } from '../fixtures/engine-suite';

const ASSIGN_ROUTE = 'POST /users/{id}/assignLicense';
const bulk = (count: number, assign: string[] = ['MCOEV', 'ENTERPRISEPACK']) =>
  Array.from({ length: count }, (_, i) => wants(bulkUser(i + 1), { assign }));

describe('engine: throttling, faults and cancellation against the emulator', () => {
  const suite = engineSuite();

  it('a 429 storm inside $batch (no client pacing) ends with every user changed exactly once', async () => {
    const t = await suite.tenant({
      tenant: sharedDemoTenant({ users: 400 }),
      graphClock: new VirtualClock(),
      throttle: { appWritesPer150s: 20 },
      pacing: false,
      // The product's backoff: in Graph time it costs nothing, and items throttled again come back spread out.
      // The users' deadline is on Graph time too: 20 writes per 150 s take 450 s for 60 users, so one past that.
      retry: {
        baseDelayMs: DEFAULT_RETRY_POLICY.baseDelayMs,
        maxDelayMs: DEFAULT_RETRY_POLICY.maxDelayMs,
        userDeadlineMs: 3_600_000,
      },
    });
    const report = await run(t.connection, bulk(60));
    assert.equal(report.summary.changed, 60);
    assert.ok(t.emulator.stats.throttled > 0, 'the storm happened');
    assert.equal(t.emulator.stats.writesApplied, 60, 'each user applied once');
    assert.equal(
      t.emulator.stats.byRoute[ASSIGN_ROUTE],
      60 + t.emulator.stats.throttled,
      'only throttled items were sent again',
    );
  });

  it('client-side pacing keeps a run under the write quota instead of hammering 429s', async () => {
    // A quota of 100 writes, five batches' worth. The pacer and the emulator share a virtual clock, so
    // the time between the writes is Graph time, the same on a loaded machine as on an idle one.
    const clock = new VirtualClock();
    const t = await suite.tenant({
      tenant: sharedDemoTenant({ users: 600 }),
      graphClock: clock,
      throttle: { appWritesPer150s: 100 },
    });
    const report = await run(t.connection, bulk(300));
    assert.equal(report.summary.changed, 300);
    // Unpaced, each of the 200 writes beyond the burst meets a 429 at least once (392 measured);
    // paced, only the few tokens that timer jitter costs (1–4 on a loaded machine).
    assert.ok(
      t.emulator.stats.throttled <= 20,
      `a few 429s, not one per write beyond the quota (${t.emulator.stats.throttled})`,
    );
    // (300 − 100 burst) writes at 100 per 150 s → 300 s of Graph time is the quota's minimum; no more
    // than one window beyond it: no Retry-After was slept through on top of the pacing.
    const graphSeconds = clock.now() / 1000;
    assert.ok(graphSeconds >= 300 && graphSeconds < 450, `paced at the quota's rate (${graphSeconds} Graph s)`);
  });

  it('429 on plain requests is retried by the SDK RetryHandler, and on read batches by the batch executor', async () => {
    // The RetryHandler waits out Retry-After on the connection's clock: on the virtual one the three
    // reads go out in the same Graph instant, so the third always meets the empty window.
    const t = await suite.tenant({ graphClock: new VirtualClock(), throttle: { readUnitsPer10s: 6 } });
    const first = await loadTenantSkus(t.connection);
    const second = await loadTenantSkus(t.connection);
    const third = await loadTenantSkus(t.connection);
    assert.ok(first.ok && second.ok && third.ok);
    assert.ok(t.emulator.stats.throttled >= 1, 'subscribedSkus (3 units) was throttled and retried');
    t.emulator.resetStats();
    const report = await run(t.connection, [
      wants('alice', { assign: ['MCOEV'] }),
      wants('christie.cline', { assign: ['MCOEV'] }),
      wants('debra.berger', { assign: ['MCOEV'] }),
    ]);
    assert.equal(report.summary.changed, 3);
    assert.ok(t.emulator.stats.throttled >= 1, 'reads inside $batch were throttled too');
  });

  it('5xx answers (plain, envelopes and batch items) are retried with backoff until each user is done once', async () => {
    const t = await suite.tenant({
      tenant: sharedDemoTenant({ users: 400 }),
      // 5xx envelopes are retried by the SDK RetryHandler, which waits on the connection's clock too.
      graphClock: new VirtualClock(),
      faults: { serverErrorRate: 0.05, itemServerErrorRate: 0.3, seed: 11 },
      retry: { maxAttempts: 10 },
    });
    const report = await run(t.connection, bulk(40, ['MCOEV']));
    assert.equal(report.summary.changed, 40);
    assert.ok(t.emulator.stats.serverErrors > 5, `faults were injected (${t.emulator.stats.serverErrors})`);
    assert.equal(t.emulator.stats.writesApplied, 40);
  });

  it('dropped connections are retried, and no user ends without an outcome', async () => {
    const t = await suite.tenant({
      tenant: sharedDemoTenant({ users: 400 }),
      graphClock: new VirtualClock(),
      faults: { dropRate: 0.3, seed: 5 },
    });
    const report = await run(t.connection, bulk(40, ['MCOEV']));
    assert.equal(report.summary.changed, 40);
    assert.ok(t.emulator.stats.dropped > 0, 'connections were dropped');
    assert.equal(t.emulator.stats.writesApplied, 40);
  });

  it('an answer lost after Graph applied the write: the retried remove meets "no corresponding license" and counts as done', async () => {
    const t = await suite.tenant();
    let lost = 0;
    const proxy = await suite.answerLosingProxy(t.emulator.origin, (method, url, body) => {
      if (lost > 0 || !url.endsWith('/$batch') || !body.includes('"removeLicenses":["')) return false;
      return ++lost === 1;
    });
    const viaProxy = quickConnection(proxy.baseUrl, t.emulator.token);
    const report = await run(viaProxy, [wants('erin', { assign: ['MCOEV'], remove: ['MCOPSTN1'] })]);
    const erin = resultOf(report, 'erin');
    assert.equal(lost, 1, 'the first answer was lost');
    assert.equal(erin.outcome, 'changed');
    assert.deepEqual([erin.added, erin.removed], [['MCOEV'], ['MCOPSTN1']]);
    assert.equal(erin.verified, true, 'and the tenant agrees');
    assert.equal(t.emulator.stats.writes, 2, 'sent twice: the lost one and the retry');
  });

  it('cancelled mid-run: in-flight batches finish, nothing new starts, the rest are skipped; no write is sent twice', async () => {
    const t = await suite.tenant({ tenant: sharedDemoTenant({ users: 400 }), latencyMs: 5, concurrency: 1 });
    const controller = new AbortController();
    const sink = new MemorySink();
    const users = bulk(100, ['MCOEV']);
    const report = await run(t.connection, users, {
      cancellation: fromAbortSignal(controller.signal),
      sink,
      onProgress: (done) => {
        if (done >= 20) controller.abort();
      },
    });
    const s = report.summary;
    assert.equal(s.cancelled, true);
    assert.equal(report.results.length, 100);
    assert.equal(s.changed + s.skipped, 100, 'every user has exactly one outcome');
    assert.ok(s.changed >= 20 && s.skipped >= 60, `${s.changed} changed, ${s.skipped} skipped`);
    assert.equal(new Set(sink.entries.map((e) => e.user)).size, 100, 'and one journal line');
    assert.equal(t.emulator.stats.writes, s.changed, 'no write for a skipped user, none twice');
    assert.ok(
      sink.entries.filter((e) => e.outcome === 'skipped').every((e) => e.desired),
      'skipped lines can be retried',
    );

    t.emulator.resetStats();
    const again = await run(t.connection, users);
    assert.equal(again.summary.changed, s.skipped, 'a second run picks up exactly the skipped users');
    assert.equal(t.emulator.stats.writes, s.skipped);
  });

  it('cancelled while throttled batches wait out Retry-After: they are skipped at once, not sent', async () => {
    // The second batch is told to wait 7.5 Graph seconds (150 s / 20 writes); the run is cancelled
    // once that batch has been refused, a Graph millisecond later, and must not get to the 7.5 s.
    const clock = new VirtualClock();
    let refusedAt: number | undefined;
    const t = await suite.tenant({
      tenant: sharedDemoTenant({ users: 400 }),
      graphClock: clock,
      throttle: { appWritesPer150s: 20 },
      pacing: false,
      concurrency: 1,
      faults: {
        dropAfterApply: (r) => {
          if (refusedAt === undefined && JSON.stringify(r.responseBody).includes('"status":429')) {
            refusedAt = clock.now();
            void clock.sleep(1).then(() => controller.abort());
          }
          return false;
        },
      },
    });
    const controller = new AbortController();
    const report = await run(t.connection, bulk(60, ['MCOEV']), { cancellation: fromAbortSignal(controller.signal) });
    assert.ok(refusedAt !== undefined, 'a batch was throttled');
    assert.ok(clock.now() - refusedAt < 7_500, `did not sit out the Retry-After (${clock.now() - refusedAt} Graph ms)`);
    assert.equal(report.summary.changed, 20);
    assert.equal(report.summary.skipped, 40);
    assert.equal(t.emulator.stats.writesApplied, 20);
  });
});
