import * as assert from 'node:assert/strict';
import { planLicenses } from '../../../src/core/run/read-and-plan';
import { SKU } from '../emulator/helpers';
import { startTenant, UPN, wants, type TestTenant } from '../fixtures/test-tenant';

/** Demo tenant: debra.berger holds nothing; Office 365 E3 holds SharePoint (Plan 2) and Office for the web. */
describe('planner: SharePoint turned off in E3 while Office for the web stays on', () => {
  let t: TestTenant;
  beforeEach(async () => {
    t = await startTenant();
  });
  afterEach(() => t.close());

  it('is not sent, with the plans and the fix named, and the demo tenant refuses it when sent anyway', async () => {
    const planned = await planLicenses(t.connection, [
      wants('debra.berger', { assign: [{ sku: 'ENTERPRISEPACK', disable: ['SHAREPOINTENTERPRISE'] }] }),
    ]);
    assert.equal(planned.kind, 'planned');
    if (planned.kind !== 'planned') return;
    const [user] = planned.plan.users;
    assert.equal(user.kind, 'failed');
    assert.equal(user.error?.code, 'MissingRequiredPlan');
    assert.match(user.error!.message, /SHAREPOINTWAC .* needs SHAREPOINTENTERPRISE .*disabled in ENTERPRISEPACK/);
    assert.match(user.error!.hint!, /Take SHAREPOINTENTERPRISE out of "disable ENTERPRISEPACK:"/);

    const sku = t.emulator.tenant.findSku('ENTERPRISEPACK')!;
    const sharepoint = sku.servicePlans.find((p) => p.servicePlanName === 'SHAREPOINTENTERPRISE')!.servicePlanId;
    const answer = await fetch(`${t.emulator.baseUrl}/users/${UPN('debra.berger')}/assignLicense`, {
      method: 'POST',
      headers: { authorization: `Bearer ${t.emulator.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ addLicenses: [{ skuId: SKU.E3, disabledPlans: [sharepoint] }], removeLicenses: [] }),
    });
    assert.equal(answer.status, 400);
    const { error } = (await answer.json()) as { error: { message: string } };
    assert.match(error.message, /service plan e95bec33-\S+ depends on the service plan\(s\) 5dbe027f-/);
  });
});
