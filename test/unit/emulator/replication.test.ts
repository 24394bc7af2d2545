import * as assert from 'node:assert/strict';
import {
  catalogSku,
  DEMO_REPLICATION_LAG,
  demoTenant,
  ManualClock,
  type RunningEmulator,
  type TenantFixture,
} from '../../../src/emulator';
import { assignLicense, call, directSkus, get, SKU, start } from './helpers';

/** Every object replicates in exactly LAG Graph seconds; the tests move a ManualClock, so nothing waits. */
const LAG = 60;
const lagged = { maxSeconds: LAG, minSeconds: LAG, seed: 4 };
let clock: ManualClock;
/** Moves emulator time forward by `graphSeconds`. */
const graphWait = (graphSeconds: number) => clock.advance(graphSeconds * 1000);

/** One seat of Visio, held by u1. */
function oneSeat(): TenantFixture {
  const visio = catalogSku('VISIOCLIENT', 1);
  const u = (n: number, licensed: boolean) => ({
    id: `00000000-0000-4000-8000-00000000000${n}`,
    userPrincipalName: `u${n}@contoso.com`,
    displayName: `U${n}`,
    usageLocation: 'US',
    licenses: licensed ? [{ skuId: visio.skuId }] : [],
  });
  return {
    tenantId: '0f0f0f0f-0000-4000-8000-000000000000',
    skus: [visio],
    users: [u(1, true), u(2, false)],
    replicationLag: lagged,
  };
}

describe('emulator: replication lag (eventual consistency, replication.ts)', () => {
  let emu: RunningEmulator;
  beforeEach(() => (clock = new ManualClock()));
  afterEach(() => emu.close());

  it('a usage location just PATCHed is invisible to reads and to assignLicense until the lag has passed', async () => {
    emu = await start({ clock, replicationLag: lagged });
    assert.equal((await call(emu, 'PATCH', '/users/carol@contoso.com', { usageLocation: 'FR' })).status, 204);
    assert.equal(
      emu.tenant.findUser('carol@contoso.com')!.usageLocation,
      'FR',
      'the write applied to the authoritative state',
    );
    assert.equal(
      (await get(emu, '/users/carol@contoso.com?$select=usageLocation')).body.usageLocation,
      null,
      'a read right after sees the old value',
    );
    const early = await assignLicense(emu, 'carol@contoso.com', [{ skuId: SKU.MCOEV }]);
    assert.equal(early.status, 400);
    assert.equal(early.body.error.message, 'License assignment cannot be done for user with invalid usage location.');
    graphWait(LAG - 0.001);
    assert.equal(
      (await get(emu, '/users/carol@contoso.com?$select=usageLocation')).body.usageLocation,
      null,
      'a millisecond before the lag ends: still old',
    );
    graphWait(0.001);
    assert.equal((await get(emu, '/users/carol@contoso.com?$select=usageLocation')).body.usageLocation, 'FR');
    assert.equal((await assignLicense(emu, 'carol@contoso.com', [{ skuId: SKU.MCOEV }])).status, 200);
  });

  it('assignLicense answers with the new state, while reads of the user show the old one for a while', async () => {
    emu = await start({ clock, replicationLag: lagged });
    const r = await assignLicense(emu, 'alice@contoso.com', [{ skuId: SKU.MCOEV }]);
    assert.equal(r.status, 200);
    assert.deepEqual(directSkus(emu, 'alice@contoso.com'), [SKU.MCOEV]);
    const read = await get(emu, '/users/alice@contoso.com?$select=assignedLicenses');
    assert.deepEqual(read.body.assignedLicenses, [], 'GET users/{id} still shows no license');
    assert.deepEqual((await get(emu, '/users/alice@contoso.com/licenseDetails')).body.value, []);
    const listed = await get(
      emu,
      `/users?$filter=assignedLicenses/any(x:x/skuId eq ${SKU.MCOEV})&$select=userPrincipalName&$top=999`,
    );
    assert.ok(
      !listed.body.value.some((u: { userPrincipalName: string }) => u.userPrincipalName === 'alice@contoso.com'),
      'nor does the list',
    );
    graphWait(LAG);
    assert.deepEqual((await get(emu, '/users/alice@contoso.com?$select=assignedLicenses')).body.assignedLicenses, [
      { disabledPlans: [], skuId: SKU.MCOEV },
    ]);
  });

  it('a seat just freed: subscribedSkus still counts it and an add to another user is refused, then both catch up', async () => {
    emu = await start({ clock, tenant: oneSeat() });
    const visio = emu.tenant.skus[0].skuId;
    assert.equal((await assignLicense(emu, 'u1@contoso.com', [], [visio])).status, 200, 'removals apply at once');
    assert.equal(emu.tenant.skus[0].consumedUnits, 0);
    assert.equal(
      (await get(emu, '/subscribedSkus')).body.value[0].consumedUnits,
      1,
      'the count read right after is stale',
    );
    const early = await assignLicense(emu, 'u2@contoso.com', [{ skuId: visio }]);
    assert.equal(early.status, 400);
    assert.equal(early.body.error.message, `Subscription with SKU ${visio} does not have any available licenses.`);
    graphWait(LAG);
    assert.equal((await get(emu, `/subscribedSkus/${emu.tenant.tenantId}_${visio}`)).body.consumedUnits, 0);
    assert.equal((await assignLicense(emu, 'u2@contoso.com', [{ skuId: visio }])).status, 200);
  });

  it('inside a $batch, a read that depends on a write still sees the replica', async () => {
    emu = await start({ clock, replicationLag: lagged });
    const r = await call(emu, 'POST', '/$batch', {
      requests: [
        {
          id: 'w',
          method: 'PATCH',
          url: '/users/carol@contoso.com',
          headers: { 'Content-Type': 'application/json' },
          body: { usageLocation: 'DE' },
        },
        { id: 'r', method: 'GET', url: '/users/carol@contoso.com?$select=usageLocation', dependsOn: ['w'] },
      ],
    });
    const read = (r.body.responses as { id: string; body: { usageLocation: string | null } }[]).find(
      (x) => x.id === 'r',
    )!;
    assert.equal(read.body.usageLocation, null);
  });

  it('each object gets its own seeded delay in [min, max]; same seed, same delays; none without the option', async () => {
    const opts = { maxSeconds: 10, seed: 7 };
    emu = await start({ replicationLag: opts });
    const users = ['alice@contoso.com', 'bob@contoso.com', 'carol@contoso.com', 'dave@contoso.com'];
    const lags = users.map((u) => emu.replicationLagSeconds(u));
    assert.ok(
      lags.every((l) => l >= 0 && l <= 10),
      lags.join(','),
    );
    assert.ok(new Set(lags).size > 1, 'objects differ');
    await emu.close();
    emu = await start({ replicationLag: opts });
    assert.deepEqual(
      users.map((u) => emu.replicationLagSeconds(u)),
      lags,
    );
    await emu.close();
    emu = await start({ tenant: demoTenant({ users: 30, replicationLag: false }) });
    assert.equal(emu.replicationLagSeconds('alice@contoso.com'), 0);
    assert.equal((await call(emu, 'PATCH', '/users/carol@contoso.com', { usageLocation: 'FR' })).status, 204);
    assert.equal(
      (await get(emu, '/users/carol@contoso.com?$select=usageLocation')).body.usageLocation,
      'FR',
      'no lag: read-your-writes',
    );
    await emu.close();
    emu = await start({ tenant: { ...demoTenant({ users: 30 }), replicationLag: lagged }, replicationLag: false });
    assert.equal(emu.replicationLagSeconds('alice@contoso.com'), 0, 'false overrides the fixture');
  });

  it('demoTenant takes the option; its default is DEMO_REPLICATION_LAG', async () => {
    assert.deepEqual(demoTenant({ users: 30, replicationLag: lagged }).replicationLag, lagged);
    assert.deepEqual(demoTenant({ users: 30 }).replicationLag, DEMO_REPLICATION_LAG);
    assert.equal(demoTenant({ users: 30, replicationLag: false }).replicationLag, undefined);
    emu = await start({ tenant: demoTenant({ users: 30, replicationLag: lagged }) });
    assert.equal(emu.replicationLagSeconds('bob@contoso.com'), LAG);
  });
});
