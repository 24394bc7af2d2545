import * as assert from 'node:assert/strict';
import { demoTenant, type RunningEmulator, type TenantFixture, type UserFixture } from '../../../src/emulator';
import { batch, call, directSkus, get, SKU, start } from './helpers';

const DOLLAR = '$adele.vance@contoso.com';
const APOSTROPHE = "o'brien@contoso.com";
const GUEST = 'megan_fabrikam.com#EXT#@contoso.com';

function tenantWithAwkwardNames(): TenantFixture {
  const base = demoTenant({ users: 30 });
  const extra: UserFixture[] = [
    {
      id: '11111111-1111-4111-8111-111111111111',
      userPrincipalName: DOLLAR,
      displayName: 'Dollar Adele',
      usageLocation: 'US',
    },
    {
      id: '22222222-2222-4222-8222-222222222222',
      userPrincipalName: APOSTROPHE,
      displayName: "Pat O'Brien",
      usageLocation: 'IE',
    },
    {
      id: '33333333-3333-4333-8333-333333333333',
      userPrincipalName: GUEST,
      displayName: 'Megan (Fabrikam)',
      usageLocation: 'US',
    },
  ];
  return { ...base, users: [...base.users, ...extra] };
}

/** OData key form: `('...')` with apostrophes doubled; the rest percent-encoded as a client would. */
const keyPath = (upn: string) => `/users('${encodeURIComponent(upn.replace(/'/g, "''"))}')`;
const assignBody = { addLicenses: [{ skuId: SKU.MCOEV, disabledPlans: [] }], removeLicenses: [] };

describe('emulator: addressing users by awkward userPrincipalNames (user-get.md)', () => {
  let emu: RunningEmulator;
  beforeEach(async () => (emu = await start({ tenant: tenantWithAwkwardNames() })));
  afterEach(() => emu.close());

  it("a UPN starting with $ in a plain segment is 400; the ('...') form reads it", async () => {
    const plain = await get(emu, `/users/${DOLLAR}`);
    assert.equal(plain.status, 400);
    assert.equal(plain.body.error.code, 'BadRequest');
    const keyed = await get(emu, `${keyPath(DOLLAR)}?$select=userPrincipalName`);
    assert.equal(keyed.status, 200);
    assert.equal(keyed.body.userPrincipalName, DOLLAR);
  });

  it("the ('...') form works for PATCH and assignLicense, and /users/$x does not write", async () => {
    assert.equal(
      (await call(emu, 'PATCH', `/users/${encodeURIComponent(DOLLAR)}`, { usageLocation: 'GB' })).status,
      400,
    );
    assert.equal(
      (await call(emu, 'POST', `/users/${encodeURIComponent(DOLLAR)}/assignLicense`, assignBody)).status,
      400,
    );
    assert.equal(emu.tenant.findUser(DOLLAR)!.usageLocation, 'US');
    assert.deepEqual(directSkus(emu, DOLLAR), []);
    assert.equal((await call(emu, 'PATCH', keyPath(DOLLAR), { usageLocation: 'GB' })).status, 204);
    assert.equal((await call(emu, 'POST', `${keyPath(DOLLAR)}/assignLicense`, assignBody)).status, 200);
    assert.equal(emu.tenant.findUser(DOLLAR)!.usageLocation, 'GB');
    assert.deepEqual(directSkus(emu, DOLLAR), [SKU.MCOEV]);
  });

  it("apostrophes: a plain segment takes o'brien as is; the key form needs it doubled", async () => {
    assert.equal((await get(emu, `/users/${APOSTROPHE}`)).status, 200);
    assert.equal((await get(emu, keyPath(APOSTROPHE))).body.userPrincipalName, APOSTROPHE);
    const undoubled = await get(emu, `/users('${APOSTROPHE}')`);
    assert.equal(undoubled.status, 400, 'a lone apostrophe ends the string literal early');
  });

  it('a #EXT# guest is found with the hash encoded as %23, plainly and in the key form', async () => {
    assert.equal((await get(emu, `/users/${encodeURIComponent(GUEST)}`)).body.userPrincipalName, GUEST);
    assert.equal((await get(emu, keyPath(GUEST))).body.userPrincipalName, GUEST);
    assert.equal(
      (await call(emu, 'POST', `/users/${encodeURIComponent(GUEST)}/assignLicense`, assignBody)).status,
      200,
    );
  });

  it('inside $batch: /users/$x is 400, the key form reads, patches and assigns', async () => {
    const json = { 'Content-Type': 'application/json' };
    const r = await batch(emu, [
      { id: 'plain', method: 'GET', url: `/users/${DOLLAR}` },
      { id: 'get', method: 'GET', url: `${keyPath(DOLLAR)}?$select=id` },
      { id: 'patch', method: 'PATCH', url: keyPath(APOSTROPHE), headers: json, body: { usageLocation: 'FR' } },
      { id: 'assign', method: 'POST', url: `${keyPath(GUEST)}/assignLicense`, headers: json, body: assignBody },
    ]);
    const status = Object.fromEntries(
      (r.body.responses as { id: string; status: number }[]).map((x) => [x.id, x.status]),
    );
    assert.deepEqual(status, { plain: 400, get: 200, patch: 204, assign: 200 });
    assert.equal(emu.tenant.findUser(APOSTROPHE)!.usageLocation, 'FR');
    assert.deepEqual(directSkus(emu, GUEST), [SKU.MCOEV]);
  });

  it('ordinary ids and UPNs are unchanged, also in the key form', async () => {
    const alice = emu.tenant.findUser('alice@contoso.com')!;
    assert.equal((await get(emu, `/users/${alice.id}`)).status, 200);
    assert.equal((await get(emu, `/users('${alice.id}')`)).body.id, alice.id);
    assert.equal((await get(emu, '/users/nobody@contoso.com')).status, 404);
  });
});
