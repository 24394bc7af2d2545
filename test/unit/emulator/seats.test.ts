import * as assert from 'node:assert/strict';
import {
  catalogSku,
  demoTenant,
  type CapabilityStatus,
  type RunningEmulator,
  type TenantFixture,
  type UserFixture,
} from '../../../src/emulator';
import { assignLicense, get, start } from './helpers';

const VISIO = catalogSku('VISIOCLIENT', 2);
const user = (n: number, ...skuIds: string[]): UserFixture => ({
  id: `00000000-0000-4000-8000-00000000000${n}`,
  userPrincipalName: `u${n}@contoso.com`,
  displayName: `User ${n}`,
  usageLocation: 'US',
  licenses: skuIds.map((skuId) => ({ skuId })),
});

/** Visio: 2 enabled units, 3 holders (the subscription shrank). */
function overAssigned(): TenantFixture {
  return {
    tenantId: '0f0f0f0f-0000-4000-8000-000000000000',
    skus: [VISIO],
    users: [user(1, VISIO.skuId), user(2, VISIO.skuId), user(3, VISIO.skuId), user(4)],
  };
}

function withStatus(
  status: CapabilityStatus,
  units: { enabled: number; warning?: number; suspended?: number; lockedOut?: number },
): TenantFixture {
  const sku = { ...catalogSku('POWER_BI_PRO', units.enabled, { ...units, capabilityStatus: status }) };
  return { tenantId: '0f0f0f0f-0000-4000-8000-000000000000', skus: [sku], users: [user(1, sku.skuId), user(2)] };
}

describe('emulator: over-assigned and not-Enabled SKUs (seats.ts)', () => {
  let emu: RunningEmulator;
  afterEach(() => emu.close());

  it('subscribedSkus reports consumedUnits above prepaidUnits.enabled, as seeded', async () => {
    emu = await start({ tenant: overAssigned() });
    const [sku] = (await get(emu, '/subscribedSkus')).body.value;
    assert.equal(sku.consumedUnits, 3);
    assert.deepEqual(sku.prepaidUnits, { enabled: 2, warning: 0, suspended: 0, lockedOut: 0 });
    assert.equal(emu.tenant.seatsLeft('VISIOCLIENT'), -1);
  });

  it('an over-assigned SKU refuses adds until removals bring consumedUnits below enabled; removals always work', async () => {
    emu = await start({ tenant: overAssigned() });
    const refused = await assignLicense(emu, 'u4@contoso.com', [{ skuId: VISIO.skuId }]);
    assert.equal(refused.status, 400);
    assert.equal(refused.body.error.code, 'Request_BadRequest');
    assert.equal(
      refused.body.error.message,
      `Subscription with SKU ${VISIO.skuId} does not have any available licenses.`,
    );
    assert.equal((await assignLicense(emu, 'u1@contoso.com', [], [VISIO.skuId])).status, 200);
    assert.equal(
      (await assignLicense(emu, 'u4@contoso.com', [{ skuId: VISIO.skuId }])).status,
      400,
      '2 consumed of 2: still no seat',
    );
    assert.equal((await assignLicense(emu, 'u2@contoso.com', [], [VISIO.skuId])).status, 200);
    assert.equal((await assignLicense(emu, 'u4@contoso.com', [{ skuId: VISIO.skuId }])).status, 200, 'a seat at last');
    assert.equal((await get(emu, '/subscribedSkus')).body.value[0].consumedUnits, 2);
  });

  for (const status of ['Warning', 'Suspended', 'LockedOut', 'Deleted'] as const) {
    it(`capabilityStatus ${status}: no new assignment even with enabled units; removal and re-sending a held SKU work`, async () => {
      emu = await start({ tenant: withStatus(status, { enabled: 5, warning: 3, suspended: 2, lockedOut: 1 }) });
      const [view] = (await get(emu, '/subscribedSkus')).body.value;
      assert.equal(view.capabilityStatus, status);
      assert.deepEqual(view.prepaidUnits, { enabled: 5, warning: 3, suspended: 2, lockedOut: 1 });
      const skuId = view.skuId as string;
      const add = await assignLicense(emu, 'u2@contoso.com', [{ skuId }]);
      assert.equal(add.status, 400);
      assert.match(add.body.error.message, /does not have any available licenses\.$/);
      assert.equal((await assignLicense(emu, 'u1@contoso.com', [{ skuId }])).status, 200, 'held already: no new seat');
      assert.equal((await assignLicense(emu, 'u1@contoso.com', [], [skuId])).status, 200);
      assert.equal(emu.tenant.findSku(skuId)!.consumedUnits, 0);
    });
  }

  it('demoTenant({ strainedSubscriptions }) seeds an over-assigned Visio and a Suspended Power BI with their holders', async () => {
    emu = await start({ tenant: demoTenant({ strainedSubscriptions: true }) });
    const skus = new Map(
      (await get(emu, '/subscribedSkus')).body.value.map((s: { skuPartNumber: string }) => [s.skuPartNumber, s]),
    );
    assert.deepEqual(
      [(skus.get('VISIOCLIENT') as { consumedUnits: number }).consumedUnits, emu.tenant.seatsLeft('VISIOCLIENT')],
      [3, -1],
    );
    const bi = skus.get('POWER_BI_PRO') as {
      capabilityStatus: string;
      consumedUnits: number;
      prepaidUnits: { enabled: number; suspended: number };
    };
    assert.deepEqual(
      [bi.capabilityStatus, bi.consumedUnits, bi.prepaidUnits.enabled, bi.prepaidUnits.suspended],
      ['Suspended', 1, 0, 10],
    );
    assert.equal(
      (await assignLicense(emu, 'alice@contoso.com', [{ skuId: emu.tenant.findSku('VISIOCLIENT')!.skuId }])).status,
      400,
    );
    assert.equal(
      (await assignLicense(emu, 'pradeep.gupta@contoso.com', [], [emu.tenant.findSku('POWER_BI_PRO')!.skuId])).status,
      200,
    );
    await emu.close();
    emu = await start();
    assert.equal(emu.tenant.findSku('VISIOCLIENT'), undefined, 'off by default');
  });

  it('warning, suspended and lockedOut units are not assignable: only enabled ones are', async () => {
    emu = await start({ tenant: withStatus('Enabled', { enabled: 1, warning: 10, suspended: 10, lockedOut: 10 }) });
    const skuId = emu.tenant.skus[0].skuId;
    const r = await assignLicense(emu, 'u2@contoso.com', [{ skuId }]);
    assert.equal(r.status, 400, 'u1 holds the single enabled unit');
  });
});
