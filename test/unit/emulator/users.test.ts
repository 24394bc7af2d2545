import * as assert from 'node:assert/strict';
import { type RunningEmulator } from '../../../src/emulator';
import { call, get, PLAN, SKU, start } from './helpers';

const DEFAULT_PROPERTIES = [
  'businessPhones',
  'displayName',
  'givenName',
  'jobTitle',
  'mail',
  'mobilePhone',
  'officeLocation',
  'preferredLanguage',
  'surname',
  'userPrincipalName',
  'id',
];

describe('emulator: users', () => {
  let emu: RunningEmulator;
  before(async () => {
    emu = await start();
  });
  after(() => emu.close());

  describe('GET /users/{id | userPrincipalName}', () => {
    it("returns the default 11 properties and @odata.context, whatever the UPN's case", async () => {
      const r = await get(emu, '/users/Adele.Vance@CONTOSO.com');
      assert.equal(r.status, 200);
      assert.deepEqual(
        Object.keys(r.body)
          .filter((k) => k !== '@odata.context')
          .sort(),
        [...DEFAULT_PROPERTIES].sort(),
      );
      assert.equal(r.body.userPrincipalName, 'adele.vance@contoso.com');
      assert.match(r.body['@odata.context'], /\$metadata#users\/\$entity$/);
    });

    it('finds the same user by object id', async () => {
      const byUpn = await get(emu, '/users/alice@contoso.com');
      const byId = await get(emu, `/users/${byUpn.body.id.toUpperCase()}`);
      assert.equal(byId.body.userPrincipalName, 'alice@contoso.com');
    });

    it('$select returns usageLocation, assignedLicenses (group licenses included) and licenseAssignmentStates', async () => {
      const r = await get(
        emu,
        '/users/henrietta.mueller@contoso.com?$select=id,usageLocation,assignedLicenses,licenseAssignmentStates',
      );
      assert.equal(r.status, 200);
      assert.deepEqual(
        Object.keys(r.body)
          .filter((k) => k !== '@odata.context')
          .sort(),
        ['assignedLicenses', 'id', 'licenseAssignmentStates', 'usageLocation'],
      );
      assert.equal(r.body.usageLocation, 'DE');
      // Direct copy disables SWAY, the group copy disables nothing: the union enables everything.
      assert.deepEqual(r.body.assignedLicenses, [{ disabledPlans: [], skuId: SKU.E3 }]);
      assert.equal(r.body.licenseAssignmentStates.length, 2);
    });

    it('a user without usage location reports null', async () => {
      const r = await get(emu, '/users/carol@contoso.com?$select=usageLocation');
      assert.equal(r.body.usageLocation, null);
    });

    it('an unknown $select property is a 400', async () => {
      const r = await get(emu, '/users/alice@contoso.com?$select=shoeSize');
      assert.equal(r.status, 400);
      assert.equal(r.body.error.message, "Could not find a property named 'shoeSize' on type 'microsoft.graph.user'.");
    });

    it("an unknown user is a 404 Request_ResourceNotFound with Graph's text", async () => {
      const r = await get(emu, '/users/ghost@contoso.com');
      assert.equal(r.status, 404);
      assert.equal(r.body.error.code, 'Request_ResourceNotFound');
      assert.equal(
        r.body.error.message,
        "Resource 'ghost@contoso.com' does not exist or one of its queried reference-property objects are not present.",
      );
    });
  });

  describe('GET /users', () => {
    it('pages with $top and @odata.nextLink until every user was returned once', async () => {
      const seen: string[] = [];
      let url: string | undefined = `${emu.baseUrl}/users?$select=id,userPrincipalName&$top=120`;
      let pages = 0;
      while (url) {
        const res = await fetch(url, { headers: { Authorization: `Bearer ${emu.token}` } });
        const body = (await res.json()) as { value: { id: string }[]; '@odata.nextLink'?: string };
        assert.ok(body.value.length <= 120);
        seen.push(...body.value.map((u) => u.id));
        url = body['@odata.nextLink'];
        pages++;
      }
      assert.equal(pages, Math.ceil(emu.tenant.users.length / 120));
      assert.equal(seen.length, emu.tenant.users.length);
      assert.equal(new Set(seen).size, seen.length);
    });

    it('$top above 999 is a 400', async () => {
      const r = await get(emu, '/users?$top=1000');
      assert.equal(r.status, 400);
      assert.equal(r.body.error.message, "Invalid page size specified: '1000'. Must be between 1 and 999 inclusive.");
    });

    it("$filter=userPrincipalName eq '…' finds one user, case-insensitively", async () => {
      const r = await get(
        emu,
        `/users?$filter=${encodeURIComponent("userPrincipalName eq 'BOB@contoso.com'")}&$select=userPrincipalName`,
      );
      assert.equal(r.status, 200);
      assert.deepEqual(r.body.value, [{ userPrincipalName: 'bob@contoso.com' }]);
    });

    it('$filter on assignedLicenses/any finds the holders of a SKU, group-assigned ones included', async () => {
      const r = await get(
        emu,
        `/users?$top=999&$select=userPrincipalName&$filter=${encodeURIComponent(`assignedLicenses/any(x:x/skuId eq ${SKU.MCOPSTN2})`)}`,
      );
      assert.equal(r.body.value.length, 5);
      const e3 = await get(
        emu,
        `/users?$top=999&$select=userPrincipalName&$filter=${encodeURIComponent(`assignedLicenses/any(x:x/skuId eq ${SKU.E3})`)}`,
      );
      assert.ok(e3.body.value.some((u: { userPrincipalName: string }) => u.userPrincipalName === 'dave@contoso.com'));
      assert.equal(e3.body.value.length, emu.tenant.findSku(SKU.E3)!.consumedUnits);
    });

    it("$filter with id in (…) and 'or' returns the listed users", async () => {
      const ids = ['alice@contoso.com', 'bob@contoso.com'].map((u) => emu.tenant.findUser(u)!.id);
      const r = await get(
        emu,
        `/users?$select=userPrincipalName&$filter=${encodeURIComponent(`id in ('${ids[0]}') or userPrincipalName eq 'bob@contoso.com'`)}`,
      );
      assert.deepEqual(r.body.value.map((u: { userPrincipalName: string }) => u.userPrincipalName).sort(), [
        'alice@contoso.com',
        'bob@contoso.com',
      ]);
    });

    it('an unsupported $filter is a 400', async () => {
      const r = await get(emu, `/users?$filter=${encodeURIComponent("startswith(jobTitle,'Sales')")}`);
      assert.equal(r.status, 400);
    });
  });

  describe('GET /users/{id}/licenseDetails', () => {
    it('lists direct and group licenses with their plans, disabled ones as "Disabled"', async () => {
      const r = await get(emu, '/users/bob@contoso.com/licenseDetails');
      assert.equal(r.status, 200);
      assert.equal(r.body.value.length, 1);
      const [detail] = r.body.value;
      assert.equal(detail.skuId, SKU.E3);
      assert.equal(detail.skuPartNumber, 'ENTERPRISEPACK');
      assert.match(detail.id, /^[A-Za-z0-9_-]{43}$/);
      const yammer = detail.servicePlans.find(
        (p: { servicePlanId: string }) => p.servicePlanId === PLAN.YAMMER_ENTERPRISE,
      );
      assert.equal(yammer.provisioningStatus, 'Disabled');
      const dave = await get(emu, '/users/dave@contoso.com/licenseDetails');
      assert.deepEqual(
        dave.body.value.map((d: { skuPartNumber: string }) => d.skuPartNumber),
        ['ENTERPRISEPACK'],
      );
    });
  });

  describe('PATCH /users/{id}', () => {
    it('sets usageLocation and answers 204 with no body', async () => {
      const r = await call(emu, 'PATCH', '/users/isaiah.langer@contoso.com', { usageLocation: 'NL' });
      assert.equal(r.status, 204);
      assert.equal(r.body, undefined);
      assert.equal(emu.tenant.findUser('isaiah.langer@contoso.com')!.usageLocation, 'NL');
    });

    for (const bad of ['USA', 'u', 'us', 'U1', 42, null]) {
      it(`refuses usageLocation ${JSON.stringify(bad)} with Graph's invalid-value text and keeps the old value`, async () => {
        const r = await call(emu, 'PATCH', '/users/alice@contoso.com', { usageLocation: bad });
        assert.equal(r.status, 400);
        assert.equal(r.body.error.message, "Invalid value specified for property 'usageLocation' of resource 'User'.");
        assert.equal(emu.tenant.findUser('alice@contoso.com')!.usageLocation, 'US');
      });
    }

    it('refuses read-only and unknown properties without changing anything', async () => {
      const r = await call(emu, 'PATCH', '/users/alice@contoso.com', { usageLocation: 'GB', assignedLicenses: [] });
      assert.equal(r.status, 400);
      assert.equal(emu.tenant.findUser('alice@contoso.com')!.usageLocation, 'US');
      assert.equal((await call(emu, 'PATCH', '/users/alice@contoso.com', { favouriteColour: 'blue' })).status, 400);
    });

    it('an unknown user is a 404', async () => {
      assert.equal((await call(emu, 'PATCH', '/users/ghost@contoso.com', { usageLocation: 'US' })).status, 404);
    });
  });
});
