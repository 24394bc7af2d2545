import * as assert from 'node:assert/strict';
import { bulkUser, run, startTenant, wants, type TestTenant, sharedDemoTenant } from '../fixtures/test-tenant';
import { VirtualClock } from '../fixtures/virtual-clock';

/**
 * Write `$batch` envelopes in flight at once, watched on this process's fetch (the client's way out;
 * the requests still go to the emulator over HTTP).
 */
function watchWriteEnvelopes() {
  const original = globalThis.fetch;
  const seen = { inFlight: 0, most: 0 };
  globalThis.fetch = async (input, init) => {
    const write = typeof init?.body === 'string' && /"method"\s*:\s*"POST"/.test(init.body);
    if (!write) return original(input, init);
    seen.most = Math.max(seen.most, ++seen.inFlight);
    try {
      return await original(input, init);
    } finally {
      seen.inFlight--;
    }
  };
  return { seen, stop: () => (globalThis.fetch = original) };
}

/**
 * A write chunk holds its connection slot while the pacer holds it back; when the quota will do so,
 * one slot is left to the re-reads so they keep up (apply.ts). A run that fits in the quota's burst
 * is latency-bound and writes on every slot.
 */
describe('engine: slots for writes and re-reads', () => {
  let t: TestTenant;
  let clock: VirtualClock;
  beforeEach(() => (clock = new VirtualClock()));
  let watch: ReturnType<typeof watchWriteEnvelopes> | undefined;
  afterEach(async () => {
    watch?.stop();
    await t.close();
  });
  const file = (n: number) => Array.from({ length: n }, (_, i) => wants(bulkUser(i + 1), { assign: ['MCOEV'] }));

  it('a run within the burst sends its writes four at a time', async () => {
    t = await startTenant({
      tenant: sharedDemoTenant({ users: 500 }),
      latencyMs: 2000,
      graphClock: clock,
      concurrency: 4,
    });
    watch = watchWriteEnvelopes();
    const report = await run(t.connection, file(160), { clock: clock.run, verify: { timeoutMs: 60_000 } });
    assert.deepEqual([report.summary.changed, report.summary.verified], [160, 160]);
    assert.equal(watch.seen.most, 4);
  });

  it('a run the quota holds back writes three at a time and keeps one slot for the re-reads', async () => {
    t = await startTenant({
      tenant: sharedDemoTenant({ users: 500 }),
      latencyMs: 2000,
      graphClock: clock,
      concurrency: 4,
      throttle: { appWritesPer150s: 140 },
    });
    watch = watchWriteEnvelopes();
    const report = await run(t.connection, file(160), { clock: clock.run, verify: { timeoutMs: 60_000 } });
    assert.deepEqual([report.summary.changed, report.summary.verified, t.emulator.stats.throttled], [160, 160, 0]);
    assert.equal(watch.seen.most, 3);
  });
});
