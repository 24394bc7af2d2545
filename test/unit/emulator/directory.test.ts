import * as assert from 'node:assert/strict';
import { type RunningEmulator } from '../../../src/emulator';
import { assignLicense, call, get, PLAN, SKU, start } from './helpers';

describe('emulator: GET /subscribedSkus', () => {
  let emu: RunningEmulator;
  before(async () => {
    emu = await start();
  });
  after(() => emu.close());

  it("lists SKUs in Graph's shape, id = {tenantId}_{skuId}", async () => {
    const r = await get(emu, '/subscribedSkus');
    assert.equal(r.status, 200);
    assert.match(r.body['@odata.context'], /\$metadata#subscribedSkus$/);
    const e5 = r.body.value.find((s: { skuPartNumber: string }) => s.skuPartNumber === 'ENTERPRISEPREMIUM');
    assert.equal(e5.id, `${emu.tenant.tenantId}_${SKU.E5}`);
    assert.equal(e5.skuId, SKU.E5);
    assert.equal(e5.appliesTo, 'User');
    assert.equal(e5.capabilityStatus, 'Enabled');
    assert.deepEqual(Object.keys(e5.prepaidUnits).sort(), ['enabled', 'lockedOut', 'suspended', 'warning']);
    assert.equal(typeof e5.consumedUnits, 'number');
    const mcoev = e5.servicePlans.find((p: { servicePlanName: string }) => p.servicePlanName === 'MCOEV');
    assert.deepEqual(mcoev, {
      servicePlanId: PLAN.MCOEV,
      servicePlanName: 'MCOEV',
      provisioningStatus: 'Success',
      appliesTo: 'User',
    });
  });

  it('consumedUnits follows assignments made through the API', async () => {
    const consumed = async () =>
      (await get(emu, `/subscribedSkus/${emu.tenant.tenantId}_${SKU.MCOPSTN_6}`)).body.consumedUnits as number;
    const before = await consumed();
    const r = await assignLicense(emu, 'nestor.wilke@contoso.com', [{ skuId: SKU.MCOPSTN_6 }]);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(await consumed(), before + 1);
  });

  it('$select returns only the selected properties', async () => {
    const r = await get(emu, '/subscribedSkus?$select=skuId,skuPartNumber');
    assert.equal(r.status, 200);
    for (const s of r.body.value) assert.deepEqual(Object.keys(s).sort(), ['skuId', 'skuPartNumber']);
  });

  it('$filter is not supported and is a 400', async () => {
    const r = await get(emu, "/subscribedSkus?$filter=skuPartNumber eq 'ENTERPRISEPACK'");
    assert.equal(r.status, 400);
  });

  it('GET /subscribedSkus/{tenantId_skuId} returns one SKU, an unknown id is a 404', async () => {
    const one = await get(emu, `/subscribedSkus/${emu.tenant.tenantId}_${SKU.MCOPSTN2}`);
    assert.equal(one.status, 200);
    assert.equal(one.body.skuPartNumber, 'MCOPSTN2');
    assert.equal(one.body.prepaidUnits.enabled - one.body.consumedUnits, 5);
    const missing = await get(emu, `/subscribedSkus/${emu.tenant.tenantId}_00000000-0000-0000-0000-000000000000`);
    assert.equal(missing.status, 404);
    assert.equal(missing.body.error.code, 'Request_ResourceNotFound');
  });

  it('a Company-level SKU says so in appliesTo', async () => {
    const r = await get(emu, `/subscribedSkus/${emu.tenant.tenantId}_${SKU.CRMSTORAGE}`);
    assert.equal(r.body.appliesTo, 'Company');
  });

  it('GET /groups/{id} names the group a license is inherited from', async () => {
    const dave = await get(emu, '/users/dave@contoso.com?$select=licenseAssignmentStates');
    const groupId = dave.body.licenseAssignmentStates[0].assignedByGroup;
    const g = await get(emu, `/groups/${groupId}?$select=displayName`);
    assert.equal(g.status, 200);
    assert.equal(g.body.displayName, 'All Sales');
    assert.equal((await call(emu, 'GET', '/groups/00000000-0000-0000-0000-000000000000')).status, 404);
  });
});
