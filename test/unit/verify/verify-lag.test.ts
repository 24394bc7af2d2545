import * as assert from 'node:assert/strict';
import { NOT_YET_VISIBLE_NOTE } from '../../../src/core/verify/verify-run';
import {
  bulkUser,
  resultOf,
  run,
  startTenant,
  wants,
  type TestTenant,
  sharedDemoTenant,
} from '../fixtures/test-tenant';
import { VirtualClock } from '../fixtures/virtual-clock';

const ASSIGN_ROUTE = 'POST /users/{id}/assignLicense';

/**
 * Against the emulator's replication lag (src/emulator/directory/replication.ts): each written user or SKU count
 * reaches reads, and assignLicense's usage-location and seat checks, only seconds after the write, as
 * Entra documents ("A successful write … does not guarantee that an immediate read will reflect that
 * change", designing for eventual consistency). The engine runs on the same Graph-time clock, a
 * virtual one: the lags pass while the run waits, not on the wall clock.
 */
describe('engine: a run against a tenant that replicates with a lag (emulator replicationLag)', function () {
  let t: TestTenant;
  let clock: VirtualClock;
  beforeEach(() => (clock = new VirtualClock()));
  afterEach(() => t.close());

  it('lags of 2 to 12 s: every user ends changed and verified, none failed, and a re-run writes nothing', async () => {
    t = await startTenant({
      tenant: sharedDemoTenant({ users: 400 }),
      latencyMs: 2,
      clock: clock.emulator,
      concurrency: 2,
      replicationLag: { minSeconds: 2, maxSeconds: 12, seed: 7 },
    });
    const file = [
      ...Array.from({ length: 60 }, (_, i) => wants(bulkUser(i + 1), { assign: ['MCOEV'] })),
      // PATCH usageLocation, then assignLicense, which meets the replica without it: "invalid usage location".
      wants('isaiah.langer', { assign: ['MCOEV'], usageLocation: 'US' }),
    ];
    const report = await run(t.connection, file, { clock: clock.run, verify: {} });
    assert.deepEqual(
      report.results.filter((r) => r.outcome !== 'changed' || r.verified !== true),
      [],
      'all changed and seen',
    );
    assert.deepEqual(
      [report.summary.changed, report.summary.failed, report.summary.verified, report.summary.verificationProblems],
      [61, 0, 61, 0],
    );
    assert.ok(
      t.emulator.stats.byRoute[ASSIGN_ROUTE] > file.length,
      "isaiah's assignLicense was refused at first, and sent again",
    );
    assert.equal(resultOf(report, 'isaiah.langer').usageLocation, 'US');
    // Polls stayed within the deadline: the run did not last the minute of Graph time.
    assert.ok(clock.now() < 60_000, `${clock.now()} ms of Graph time`);

    const writes = t.emulator.stats.writes;
    const again = await run(t.connection, file, { clock: clock.run });
    assert.equal(again.summary.unchanged, file.length);
    assert.equal(t.emulator.stats.writes - writes, 0, 'a re-run writes nothing');
  });

  it('a lag longer than the deadline: still "changed", with the note; nothing failed; after the lag a re-run writes nothing', async () => {
    t = await startTenant({ latencyMs: 2, clock: clock.emulator, replicationLag: { minSeconds: 30, maxSeconds: 30 } });
    const file = [wants('alice', { assign: ['MCOEV'] }), wants('christie.cline', { assign: ['MCOEV'] })];
    const report = await run(t.connection, file, { clock: clock.run, verify: { timeoutMs: 10_000 } });
    for (const user of ['alice', 'christie.cline']) {
      const r = resultOf(report, user);
      assert.deepEqual([r.outcome, r.added, r.error, r.verified], ['changed', ['MCOEV'], undefined, undefined], user);
      assert.ok(r.notes?.includes(NOT_YET_VISIBLE_NOTE), JSON.stringify(r));
    }
    assert.deepEqual([report.summary.failed, report.summary.verificationProblems], [0, 0]);

    await clock.sleep(30_000);
    const writes = t.emulator.stats.writes;
    const again = await run(t.connection, file, { clock: clock.run });
    assert.deepEqual([again.summary.unchanged, t.emulator.stats.writes - writes], [2, 0]);
  });

  it('a seat swap: the add of the second phase meets the seat count from before the remove, is sent again, and lands', async () => {
    t = await startTenant({
      tenant: sharedDemoTenant({ users: 400 }),
      latencyMs: 2,
      clock: clock.emulator,
      replicationLag: { minSeconds: 3, maxSeconds: 3 },
    });
    const [losing, gaining] = [bulkUser(1), bulkUser(2)];
    await run(t.connection, [wants(losing, { assign: ['MCOPSTNC'] })], { verify: false });
    const sku = t.emulator.tenant.findSku('MCOPSTNC')!;
    sku.prepaidUnits.enabled = sku.consumedUnits;
    await clock.sleep(3_000);
    const assigns = t.emulator.stats.byRoute[ASSIGN_ROUTE];

    const report = await run(
      t.connection,
      [wants(gaining, { assign: ['MCOPSTNC'] }), wants(losing, { remove: ['MCOPSTNC'] })],
      { clock: clock.run, verify: {} },
    );
    assert.deepEqual(
      report.results.map((r) => [r.user, r.outcome, r.verified]),
      [
        [gaining, 'changed', true],
        [losing, 'changed', true],
      ],
      JSON.stringify(report.results),
    );
    assert.ok(t.emulator.stats.byRoute[ASSIGN_ROUTE] - assigns >= 3, 'the remove, at least one refused add, the add');
    assert.equal(t.emulator.tenant.seatsLeft('MCOPSTNC'), 0);
  });
});
