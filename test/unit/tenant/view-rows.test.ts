import * as assert from 'node:assert/strict';
import { planRow, skuRow, sortedPlans } from '../../../src/core/tenant/view-rows';
import { tenantSku } from '../../../src/core/tenant/tenant-skus';

const e3 = tenantSku({
  skuId: '6FD2C87F-B296-42F0-B197-1E91E994B900',
  skuPartNumber: 'ENTERPRISEPACK',
  consumedUnits: 9,
  prepaidUnits: { enabled: 25, warning: 0, suspended: 0, lockedOut: 0 },
  servicePlans: [
    {
      servicePlanId: '7547a3fe-08ee-4ccb-b430-5077c5041653',
      servicePlanName: 'YAMMER_ENTERPRISE',
      provisioningStatus: 'Success',
    },
    {
      servicePlanId: 'efb87545-963c-4e0d-99df-69c6916d9eb0',
      servicePlanName: 'EXCHANGE_S_ENTERPRISE',
      provisioningStatus: 'Success',
    },
    {
      servicePlanId: '5dbe027f-2339-4123-9542-606e4d348a72',
      servicePlanName: 'SHAREPOINTENTERPRISE',
      provisioningStatus: 'PendingProvisioning',
    },
    { servicePlanId: '57ff2da0-773e-42df-b2af-ffb7a2317929', servicePlanName: 'TEAMS1' },
    { servicePlanId: '882e1d05-acd1-4ccb-8708-6ee03664b117', servicePlanName: 'INTUNE_O365' },
  ],
} as never);

describe('the Licenses view rows', () => {
  it('puts the seats in the label, which the tree truncates last, and the product name in the description', () => {
    const row = skuRow(e3, 'Office 365 E3');
    assert.equal(row.label, 'ENTERPRISEPACK · 9/25');
    assert.equal(row.description, 'Office 365 E3');
    assert.deepEqual(row.tooltip, ['Office 365 E3', 'ENTERPRISEPACK · 6fd2c87f-b296-42f0-b197-1e91e994b900']);
  });

  it('lists a SKU\'s service plans A to Z by the name typed after "disable SKU:"', () => {
    assert.deepEqual(
      sortedPlans(e3.plans).map((p) => p.servicePlanName),
      ['EXCHANGE_S_ENTERPRISE', 'INTUNE_O365', 'SHAREPOINTENTERPRISE', 'TEAMS1', 'YAMMER_ENTERPRISE'],
    );
    assert.equal(e3.plans[0].servicePlanName, 'YAMMER_ENTERPRISE', 'sorting changed the tenant state');
  });

  it('labels every tooltip line of a plan: "Provisioning: PendingProvisioning", not a bare status', () => {
    const sharepoint = e3.plans.find((p) => p.servicePlanName === 'SHAREPOINTENTERPRISE')!;
    assert.deepEqual(planRow(sharepoint, 'SharePoint (Plan 2)').tooltip, [
      'SharePoint (Plan 2)',
      'Service plan: SHAREPOINTENTERPRISE',
      'Service plan id: 5dbe027f-2339-4123-9542-606e4d348a72',
      'Provisioning: PendingProvisioning',
    ]);
    assert.ok(
      !planRow(
        e3.plans.find((p) => p.servicePlanName === 'TEAMS1')!,
        undefined,
      ).tooltip.some((l) => /Provisioning/.test(l)),
      'a status Graph did not give is shown',
    );
  });

  it('goes through the translator (French UI)', () => {
    const fr = (m: string, ...a: Array<string | number | boolean>) =>
      m === 'Provisioning: {0}' ? `Approvisionnement : ${a[0]}` : m;
    assert.ok(planRow(e3.plans[0], undefined, fr).tooltip.includes('Approvisionnement : Success'));
  });
});
