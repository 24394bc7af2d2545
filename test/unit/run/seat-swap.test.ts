import * as assert from 'node:assert/strict';
import { bulkUser, run, startTenant, wants, type TestTenant, sharedDemoTenant } from '../fixtures/test-tenant';
import { VirtualClock } from '../fixtures/virtual-clock';

/**
 * The seat check counts seats the run gives back. With several batches in flight, the users who
 * give seats back must all be done before anyone takes one, or Graph answers "does not have any
 * available licenses" midway through a swap that the plan said would fit.
 */
describe('engine: swapping a SKU between users when no seat is free', function () {
  this.timeout(30_000);
  let t: TestTenant;

  before(async () => {
    // Graph time: the 5xx items' Retry-After costs no real time, and each request's 200 ms of latency keeps
    // the four lanes' batches overlapping.
    t = await startTenant({
      tenant: sharedDemoTenant({ users: 400 }),
      concurrency: 4,
      graphClock: new VirtualClock(),
      latencyMs: 200,
      faults: { itemServerErrorRate: 0.15, seed: 11 },
    });
  });
  after(() => t.close());

  it('gives every seat back before taking any: 40 users lose MCOPSTNC, 40 others get it, none refused for seats', async () => {
    const losing = Array.from({ length: 40 }, (_, i) => bulkUser(i + 1));
    const gaining = Array.from({ length: 40 }, (_, i) => bulkUser(i + 41));
    // Setup: the losing users hold MCOPSTNC, and every seat is in use.
    const setup = await run(
      t.connection,
      losing.map((u) => wants(u, { assign: ['MCOPSTNC'] })),
      { verify: false },
    );
    assert.equal(setup.summary.changed, 40, JSON.stringify(setup.results.filter((r) => r.outcome !== 'changed')));
    const sku = t.emulator.tenant.findSku('MCOPSTNC')!;
    sku.prepaidUnits.enabled = sku.consumedUnits;

    // The gaining users come first in the file: order alone must not decide.
    const report = await run(
      t.connection,
      [
        ...gaining.map((u) => wants(u, { assign: ['MCOPSTNC'] })),
        ...losing.map((u) => wants(u, { remove: ['MCOPSTNC'] })),
      ],
      { verify: false },
    );
    assert.deepEqual(report.blockers, [], 'the plan counts the 40 seats given back');
    const refused = report.results.filter((r) => r.outcome === 'failed');
    assert.deepEqual(
      refused.map((r) => `${r.user}: ${r.error?.message}`),
      [],
      'users refused midway through the swap',
    );
    assert.equal(t.emulator.tenant.seatsLeft('MCOPSTNC'), 0);
  });
});
