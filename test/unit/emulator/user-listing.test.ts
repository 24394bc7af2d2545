import * as assert from 'node:assert/strict';
import { type RunningEmulator } from '../../../src/emulator';
import { call, get, SKU, start } from './helpers';

describe('emulator: listing users for the inventory', () => {
  let emu: RunningEmulator;
  before(async () => {
    emu = await start();
  });
  after(() => emu.close());

  const licensed = '/users?$select=id,assignedLicenses&$top=999&$filter=assignedLicenses/$count ne 0&$count=true';

  it('assignedLicenses/$count needs ConsistencyLevel: eventual and $count=true (an advanced query)', async () => {
    const refused = await get(emu, licensed);
    assert.equal(refused.status, 400);
    assert.equal(refused.body.error.message, '$count is not currently supported.');
    const noCount = await call(emu, 'GET', licensed.replace('&$count=true', ''), undefined, {
      ConsistencyLevel: 'eventual',
    });
    assert.equal(noCount.status, 400);
    const ok = await call(emu, 'GET', licensed, undefined, { ConsistencyLevel: 'eventual' });
    assert.equal(ok.status, 200);
    assert.ok(
      ok.body.value.length > 0 &&
        ok.body.value.every((u: { assignedLicenses: unknown[] }) => u.assignedLicenses.length > 0),
    );
    assert.equal(ok.body['@odata.count'], ok.body.value.length);
  });

  it('assignedLicenses/any(x:x/skuId eq …) is a default query', async () => {
    const r = await get(emu, `/users?$select=userPrincipalName&$filter=assignedLicenses/any(x:x/skuId eq ${SKU.E5})`);
    assert.equal(r.status, 200);
    assert.ok(r.body.value.some((u: { userPrincipalName: string }) => u.userPrincipalName === 'erin@contoso.com'));
  });

  it('`in` takes at most 15 values', async () => {
    const values = (n: number) => Array.from({ length: n }, (_, i) => `'u${i}@contoso.com'`).join(',');
    assert.equal((await get(emu, `/users?$filter=userPrincipalName in (${values(15)})`)).status, 200);
    const over = await get(emu, `/users?$filter=userPrincipalName in (${values(16)})`);
    assert.equal(over.status, 400);
    assert.equal(over.body.error.code, 'Request_UnsupportedQuery');
  });

  it('$select=signInActivity pages at most 120 users, with the dates of signinactivity.md', async () => {
    const over = await get(emu, '/users?$select=userPrincipalName,accountEnabled,signInActivity&$top=999');
    assert.equal(over.status, 400, 'more than 120 a page is refused');
    const r = await get(emu, '/users?$select=userPrincipalName,accountEnabled,signInActivity&$top=120');
    assert.equal(r.status, 200);
    assert.equal(r.body.value.length, 120);
    assert.ok(r.body['@odata.nextLink']);
    const megan = (
      await get(
        emu,
        "/users?$select=userPrincipalName,signInActivity&$filter=userPrincipalName eq 'megan.bowen@contoso.com'",
      )
    ).body.value[0];
    assert.deepEqual(Object.keys(megan.signInActivity).sort(), [
      'lastNonInteractiveSignInDateTime',
      'lastNonInteractiveSignInRequestId',
      'lastSignInDateTime',
      'lastSignInRequestId',
      'lastSuccessfulSignInDateTime',
      'lastSuccessfulSignInRequestId',
    ]);
    assert.ok(r.body.value.some((u: { accountEnabled: boolean }) => u.accountEnabled === false));
  });

  it('signInActivity is refused without AuditLog.Read.All, and in a tenant without Entra ID P1', async () => {
    const token = emu.mintToken({ roles: ['User.Read.All'] });
    const res = await fetch(`${emu.baseUrl}/users?$select=signInActivity`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    assert.equal(res.status, 403);
    const withAudit = emu.mintToken({ roles: ['User.Read.All', 'AuditLog.Read.All'] });
    assert.equal(
      (
        await fetch(`${emu.baseUrl}/users?$select=signInActivity`, {
          headers: { Authorization: `Bearer ${withAudit}` },
        })
      ).status,
      200,
    );
    const e3Only = await start({
      tenant: {
        tenantId: 'b0b0b0b0-0000-0000-0000-000000000001',
        skus: [{ skuId: SKU.E3, skuPartNumber: 'ENTERPRISEPACK', prepaidUnits: { enabled: 5 }, servicePlans: [] }],
        users: [],
      },
    });
    try {
      const r = await get(e3Only, '/users?$select=signInActivity');
      assert.equal(r.status, 403);
      assert.equal(r.body.error.code, 'Authentication_RequestFromNonPremiumTenantOrB2CTenant');
    } finally {
      await e3Only.close();
    }
  });
});
