import * as assert from 'node:assert/strict';
import { catalogSku } from '../../../src/emulator';
import type { SkuFixture, TenantFixture, UserFixture } from '../../../src/emulator/directory/tenant';
import { applyPlan } from '../../../src/core/run/apply';
import { planLicenses } from '../../../src/core/run/read-and-plan';
import { run, startTenant, UPN, wants, type TestTenant } from '../fixtures/test-tenant';

const E3 = catalogSku('ENTERPRISEPACK', 10);
const holder = (n: number) => `holder${n}`;
const newcomer = (n: number) => `newcomer${n}`;

const user = (n: number, name: string, skus: readonly SkuFixture[] = []): UserFixture => ({
  id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  userPrincipalName: UPN(name),
  displayName: name,
  usageLocation: 'US',
  licenses: skus.map((s) => ({ skuId: s.skuId })),
});

/** `holders` users hold the SKU (consumedUnits is derived from them), `others` hold nothing. */
function tenantWith(sku: SkuFixture, holders: number, others: number): TenantFixture {
  const users = [
    ...Array.from({ length: holders }, (_, i) => user(i + 1, holder(i + 1), [sku])),
    ...Array.from({ length: others }, (_, i) => user(holders + i + 1, newcomer(i + 1))),
  ];
  return { tenantId: '11111111-2222-4333-8444-555555555555', skus: [sku], users };
}

/**
 * After a subscription shrinks, consumedUnits is above prepaidUnits.enabled. The seat check must
 * count the excess: clamping seats left to 0 let a swap of 3 through, the 3 removals went out and
 * every add then failed, three users lost the license and nobody gained it.
 */
describe('engine: seats on over-assigned and suspended SKUs', function () {
  this.timeout(20_000);
  let t: TestTenant | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  const holds = (name: string, sku: SkuFixture) =>
    t!.emulator.tenant.heldSkuIds(t!.emulator.tenant.findUser(UPN(name))!).has(sku.skuId);

  it('refuses a swap of 3 on 15 assigned of 10 seats before any write, with the real numbers', async () => {
    t = await startTenant({ tenant: tenantWith(E3, 15, 3) });
    assert.equal(t.emulator.tenant.seatsLeft('ENTERPRISEPACK'), -5, 'the emulator serves the over-assigned SKU');
    const desired = [1, 2, 3].flatMap((n) => [
      wants(holder(n), { remove: ['ENTERPRISEPACK'] }),
      wants(newcomer(n), { assign: ['ENTERPRISEPACK'] }),
    ]);

    const planned = await planLicenses(t.connection, desired);
    assert.equal(planned.kind, 'planned');
    if (planned.kind !== 'planned') return;
    t.emulator.resetStats();
    const report = await applyPlan(t.connection, planned.plan, { verify: false });

    assert.deepEqual(report.results, [], 'no user was written');
    assert.equal(t.emulator.stats.writes, 0, 'a write reached Graph');
    assert.deepEqual(
      report.blockers.map((b) => b.code),
      ['NotEnoughSeats'],
    );
    const [blocker] = report.blockers;
    assert.match(
      blocker.message,
      /ENTERPRISEPACK lacks 5 seats: 15 assigned of 10 seats, so 5 must be freed before any new assignment; this run needs 3 new assignments \(plus 3 this run gives back\)/,
    );
    assert.match(blocker.hint, /Free or buy 5 seats of ENTERPRISEPACK.*Nothing was written/);
    for (const n of [1, 2, 3]) assert.ok(holds(holder(n), E3), `${holder(n)} lost ENTERPRISEPACK`);
    assert.equal(t.emulator.tenant.findSku('ENTERPRISEPACK')!.consumedUnits, 15);
  });

  it('lets a run through once its removals pay off the excess: 12 of 10, remove 5, add 3', async () => {
    t = await startTenant({ tenant: tenantWith(E3, 12, 3), concurrency: 4 });
    const desired = [
      ...[1, 2, 3].map((n) => wants(newcomer(n), { assign: ['ENTERPRISEPACK'] })),
      ...[1, 2, 3, 4, 5].map((n) => wants(holder(n), { remove: ['ENTERPRISEPACK'] })),
    ];
    const report = await run(t.connection, desired, { verify: false });
    assert.deepEqual(report.blockers, []);
    assert.deepEqual(
      report.results
        .filter((r) => r.outcome !== 'changed')
        .map((r) => `${r.user}: ${r.outcome} ${r.error?.message ?? ''}`),
      [],
    );
    for (const n of [1, 2, 3]) assert.ok(holds(newcomer(n), E3), `${newcomer(n)} did not get ENTERPRISEPACK`);
    assert.equal(t.emulator.tenant.seatsLeft('ENTERPRISEPACK'), 0);
  });

  it('refuses any new assignment on a suspended subscription, whatever the run frees', async () => {
    const suspended: SkuFixture = {
      ...E3,
      capabilityStatus: 'Suspended',
      prepaidUnits: { enabled: 0, warning: 0, suspended: 10, lockedOut: 0 },
    };
    t = await startTenant({ tenant: tenantWith(suspended, 4, 1) });
    t.emulator.resetStats();
    const planned = await planLicenses(t.connection, [
      wants(holder(1), { remove: ['ENTERPRISEPACK'] }),
      wants(newcomer(1), { assign: ['ENTERPRISEPACK'] }),
    ]);
    if (planned.kind !== 'planned') return assert.fail(JSON.stringify(planned));
    const report = await applyPlan(t.connection, planned.plan, { verify: false });
    assert.deepEqual(report.results, []);
    assert.equal(t.emulator.stats.writes, 0);
    assert.match(
      report.blockers[0]?.message ?? '',
      /ENTERPRISEPACK takes no new assignments: its subscription is Suspended \(4 assigned; 10 suspended \(not assignable\)\); this run needs 1 new assignment/,
    );
    assert.ok(holds(holder(1), suspended), 'the removal went out anyway');
  });
});
