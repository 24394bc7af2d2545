import * as assert from 'node:assert/strict';
import { type LoggedExchange } from '../../../src/emulator';
import { run, startTenant, wants, type TestTenant, sharedDemoTenant } from '../fixtures/test-tenant';
import { VirtualClock } from '../fixtures/virtual-clock';

const bulk = (n: number) =>
  Array.from({ length: n }, (_, i) => wants(`user${String(i + 1).padStart(5, '0')}`, { assign: ['MCOEV'] }));

describe("run: the tenant's write quota is shared with other apps", () => {
  let t: TestTenant | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('429s another app caused: every user ends with exactly one result and is written exactly once', async () => {
    const log: LoggedExchange[] = [];
    // Graph time: the quota's 5 minutes pass while the engine waits on them, not on the machine's clock.
    const clock = new VirtualClock();
    t = await startTenant({
      tenant: sharedDemoTenant({ users: 400 }),
      graphClock: clock,
      // The pacer counts this app's writes against 3,000 / 150 s and 18,000 / 5 min; the tenant holds only 40,
      // and another app spends them: every 429 here is one the engine did not cause.
      throttle: { tenantWritesPer5min: 40 },
      // The users' deadline is on Graph time too: a day, far past the quota's windows: users end by the throttle bound.
      retry: { userDeadlineMs: 86_400_000 },
      requestLog: (e) => {
        log.push(e);
        // The other app writes as this one does: 10 writes of the tenant's quota at each of our envelopes.
        if (e.url === '/$batch') t?.emulator.spendTenantWrites(10);
      },
    });
    t.emulator.spendTenantWrites(40);
    const desired = bulk(60);
    const report = await run(t.connection, desired, { clock: clock.run });
    assert.ok(t.emulator.stats.throttled > 0, 'the other app took the quota');
    assert.equal(report.results.length, desired.length, 'one result per user');
    assert.equal(new Set(report.results.map((r) => r.user.toLowerCase())).size, desired.length, 'no user twice');
    const applied = log.filter((e) => e.inBatch && e.url.endsWith('/assignLicense') && e.status === 200);
    const writes = new Map<string, number>();
    for (const e of applied) {
      const ref = decodeURIComponent(e.url.split('/')[2]);
      const user = (t.emulator.tenant.findUser(ref)?.userPrincipalName ?? ref).toLowerCase();
      writes.set(user, (writes.get(user) ?? 0) + 1);
    }
    for (const r of report.results) {
      const written = writes.get(r.user.toLowerCase()) ?? 0;
      if (r.outcome === 'changed') assert.equal(written, 1, `${r.user} changed once`);
      else {
        // A user the quota kept out is failed with Graph's 429 and its hint, never written: retrying it is safe.
        assert.equal(r.outcome, 'failed', `${r.user}: ${r.outcome}`);
        assert.equal(r.error?.status, 429);
        assert.equal(written, 0, `${r.user} failed and was not written`);
      }
    }
    assert.ok(report.summary.changed > 0, `${report.summary.changed} changed`);
  });
});
