import { strict as assert } from 'node:assert';
import { DEMO_CUSTOMERS, ManualClock, type RunningEmulator } from '../../../src/emulator';
import { start, type Reply } from './helpers';

const DAY_MS = 86_400_000;
const LICENSE_ADMINISTRATOR = '4d6ac14f-3453-41d0-bef9-a3e0c569773a';
const USER_ADMINISTRATOR = 'fe930be7-5e62-47db-91af-98c3a49a38b1';
const RELATIONSHIPS = '/tenantRelationships/delegatedAdminRelationships';

async function as(emu: RunningEmulator, token: string, method: string, path: string, body?: unknown): Promise<Reply> {
  const headers: Record<string, string> = { Authorization: `Bearer ${token}` };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const url = path.startsWith('http') ? path : `${emu.baseUrl}${path}`;
  const res = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

async function clientCredentials(emu: RunningEmulator, tenant: string): Promise<Reply> {
  const res = await fetch(emu.tokenUrlFor(tenant), {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: emu.tenant.appId,
      client_secret: 'any',
      scope: 'https://graph.microsoft.com/.default',
    }),
  });
  return { status: res.status, headers: res.headers, body: await res.json() };
}

/** A partner admin of the demo tenant (Contoso) signed in to a customer tenant through GDAP. */
const partnerAdmin = (emu: RunningEmulator, customer: string) =>
  emu.mintToken({
    scopes: ['User.ReadWrite.All', 'LicenseAssignment.ReadWrite.All', 'Directory.Read.All'],
    tenant: customer,
    homeTenant: emu.tenant.tenantId,
    signedInUser: 'megan.bowen@contoso.com',
  });

describe('emulator: several tenants behind one server', () => {
  let emu: RunningEmulator;
  afterEach(() => emu?.close());

  it('the demo tenant comes with three customers, each with its own users and SKUs; the default token stays home', async () => {
    emu = await start();
    assert.equal(emu.tenants.length, 4);
    assert.equal(emu.tenants[0], emu.tenant);
    const home = await as(emu, emu.token, 'GET', '/subscribedSkus');
    assert.ok(home.body.value.some((s: { skuPartNumber: string }) => s.skuPartNumber === 'ENTERPRISEPACK'));
    const fabrikam = emu.mintToken({
      roles: ['User.Read.All', 'LicenseAssignment.Read.All'],
      tenant: 'fabrikam.onmicrosoft.com',
    });
    const skus = await as(emu, fabrikam, 'GET', '/subscribedSkus');
    assert.deepEqual(
      skus.body.value.map((s: { skuPartNumber: string }) => s.skuPartNumber),
      ['SPE_E3', 'MCOEV'],
    );
    const users = await as(emu, fabrikam, 'GET', '/users?$select=userPrincipalName');
    assert.equal(users.body.value.length, 12);
    assert.ok(
      users.body.value.every((u: { userPrincipalName: string }) =>
        u.userPrincipalName.endsWith('@fabrikam.onmicrosoft.com'),
      ),
    );
    assert.equal((await as(emu, fabrikam, 'GET', '/users/megan.bowen@contoso.com')).status, 404, 'no home user leaks');
  });

  it('an emulator of another tenant than the demo one serves no customers', async () => {
    emu = await start({ tenant: { tenantId: '11111111-1111-1111-1111-111111111111', skus: [], users: [] } });
    assert.equal(emu.tenants.length, 1);
  });

  describe('token endpoint per tenant', () => {
    it('issues a token for a consented customer by id and by verified domain, reaching that tenant only', async () => {
      emu = await start();
      for (const name of [DEMO_CUSTOMERS.northwind.tenantId, 'NorthwindTraders.onmicrosoft.com']) {
        const r = await clientCredentials(emu, name);
        assert.equal(r.status, 200, JSON.stringify(r.body));
        assert.notEqual(r.body.access_token, emu.token);
        const users = await as(emu, r.body.access_token, 'GET', '/users?$select=userPrincipalName');
        assert.equal(users.body.value.length, 8);
      }
    });

    it('refuses a tenant where the app is not consented with AADSTS700016, naming the app and the tenant', async () => {
      emu = await start();
      const r = await clientCredentials(emu, 'tailspintoys.onmicrosoft.com');
      assert.equal(r.status, 400);
      assert.equal(r.body.error, 'unauthorized_client');
      assert.match(
        r.body.error_description,
        /^AADSTS700016: Application with identifier '[0-9a-f-]{36}' was not found in the directory 'tailspintoys\.onmicrosoft\.com'/,
      );
    });

    it('refuses an unknown tenant id or domain with AADSTS90002, and keeps serving the home tenant otherwise', async () => {
      emu = await start();
      const unknown = await clientCredentials(emu, 'nobody.onmicrosoft.com');
      assert.equal(unknown.status, 400);
      assert.match(unknown.body.error_description, /^AADSTS90002: Tenant 'nobody\.onmicrosoft\.com' not found/);
      const home = await clientCredentials(emu, emu.tenant.tenantId);
      assert.equal(home.body.access_token, emu.token);
      assert.equal((await clientCredentials(emu, 'organizations')).body.access_token, emu.token);
    });
  });

  describe('GDAP: GET /tenantRelationships/delegatedAdminRelationships', () => {
    it('lists the partner relationships in v1.0 shape, and pages through @odata.nextLink', async () => {
      emu = await start();
      const first = await as(emu, emu.token, 'GET', `${RELATIONSHIPS}?$top=2`);
      assert.equal(first.status, 200);
      assert.equal(first.body.value.length, 2);
      const fabrikam = first.body.value[0];
      assert.deepEqual(fabrikam.customer, {
        tenantId: DEMO_CUSTOMERS.fabrikam.tenantId,
        displayName: 'Fabrikam, Inc.',
      });
      assert.deepEqual(fabrikam.accessDetails.unifiedRoles, [
        { roleDefinitionId: LICENSE_ADMINISTRATOR },
        { roleDefinitionId: USER_ADMINISTRATOR },
      ]);
      assert.equal(fabrikam.status, 'active');
      assert.equal(fabrikam.autoExtendDuration, 'P180D');
      assert.equal(fabrikam.duration, 'P730D');
      assert.ok(Date.parse(fabrikam.endDateTime) > Date.now());
      const second = await as(emu, emu.token, 'GET', first.body['@odata.nextLink']);
      assert.equal(second.body.value.length, 1);
      assert.equal(second.body.value[0].status, 'expired');
      assert.equal(second.body['@odata.nextLink'], undefined);
      const active = await as(emu, emu.token, 'GET', `${RELATIONSHIPS}?$filter=status eq 'active'`);
      assert.equal(active.body.value.length, 2);
      assert.equal((await as(emu, emu.token, 'GET', `${RELATIONSHIPS}?$top=301`)).status, 400);
    });

    it('needs DelegatedAdminRelationship.Read.All', async () => {
      emu = await start();
      const without = emu.mintToken({ roles: ['User.Read.All'] });
      assert.equal((await as(emu, without, 'GET', RELATIONSHIPS)).status, 403);
      const withIt = emu.mintToken({ roles: ['DelegatedAdminRelationship.Read.All'] });
      assert.equal((await as(emu, withIt, 'GET', RELATIONSHIPS)).status, 200);
    });

    it('a delegated token named by the caller (delegatedTokens) carries its scopes only', async () => {
      emu = await start({ delegatedTokens: [{ token: 'narrow-token', scopes: ['LicenseAssignment.Read.All'] }] });
      assert.equal((await as(emu, 'narrow-token', 'GET', '/subscribedSkus')).status, 200);
      assert.equal((await as(emu, 'narrow-token', 'GET', RELATIONSHIPS)).status, 403);
      assert.equal((await as(emu, emu.token, 'GET', RELATIONSHIPS)).status, 200);
    });

    it('a relationship that reaches its end without auto-extend expires; one with P180D extends', async () => {
      const clock = new ManualClock();
      emu = await start({ clock });
      clock.advance(21 * DAY_MS);
      const r = await as(emu, emu.token, 'GET', RELATIONSHIPS);
      const byCustomer = new Map(
        r.body.value.map((v: { customer: { displayName: string } }) => [v.customer.displayName, v]),
      );
      assert.equal((byCustomer.get('Northwind Traders') as { status: string }).status, 'expired');
      clock.advance(400 * DAY_MS);
      const later = await as(emu, emu.token, 'GET', `${RELATIONSHIPS}?$filter=status eq 'active'`);
      assert.deepEqual(
        later.body.value.map((v: { customer: { displayName: string } }) => v.customer.displayName),
        ['Fabrikam, Inc.'],
      );
      assert.ok(Date.parse(later.body.value[0].endDateTime) > Date.now() + 421 * DAY_MS - DAY_MS);
    });
  });

  describe("GDAP: a partner admin's delegated token in a customer tenant", () => {
    const E3 = '05e9a617-0261-4cee-bb44-138d3ef5d965'; // SPE_E3

    it('writes through an active relationship whose roles allow the call', async () => {
      emu = await start();
      const token = partnerAdmin(emu, 'fabrikam.onmicrosoft.com');
      const r = await as(emu, token, 'POST', '/users/lena.fischer@fabrikam.onmicrosoft.com/assignLicense', {
        addLicenses: [{ skuId: E3, disabledPlans: [] }],
        removeLicenses: [],
      });
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.equal(emu.tenantOf('fabrikam.onmicrosoft.com')!.findSku('SPE_E3')!.consumedUnits, 7);
    });

    it('is refused 403 for a call its relationship roles do not allow (License Administrator only: no displayName)', async () => {
      emu = await start();
      const token = partnerAdmin(emu, DEMO_CUSTOMERS.northwind.tenantId);
      const upn = 'ava.martin@northwindtraders.onmicrosoft.com';
      assert.equal((await as(emu, token, 'PATCH', `/users/${upn}`, { usageLocation: 'FR' })).status, 204);
      const denied = await as(emu, token, 'PATCH', `/users/${upn}`, { displayName: 'Ava M.' });
      assert.equal(denied.status, 403);
      assert.equal(denied.body.error.code, 'Authorization_RequestDenied');
    });

    it('reaches nothing through an expired relationship, nor once an active one ends', async () => {
      const clock = new ManualClock();
      emu = await start({ clock });
      const tailspin = partnerAdmin(emu, 'tailspintoys.onmicrosoft.com');
      const r = await as(emu, tailspin, 'GET', '/users');
      assert.equal(r.status, 403);
      assert.equal(r.body.error.code, 'Authorization_RequestDenied');
      const northwind = partnerAdmin(emu, 'northwindtraders.onmicrosoft.com');
      assert.equal((await as(emu, northwind, 'GET', '/users')).status, 200);
      clock.advance(21 * DAY_MS);
      assert.equal((await as(emu, northwind, 'GET', '/users')).status, 403);
    });
  });

  describe('throttling per tenant and across tenants', () => {
    const patch = (emu: RunningEmulator, token: string, upn: string) =>
      as(emu, token, 'PATCH', `/users/${upn}`, { usageLocation: 'US' });
    const upns = (domain: string) =>
      ['ava.martin', 'noah.keller', 'mia.laurent', 'liam.novak'].map((u) => `${u}@${domain}`);

    it("one tenant's exhausted app+tenant write quota does not throttle another tenant", async () => {
      emu = await start({ throttle: { appWritesPer150s: 2 } });
      const fab = emu.mintToken({ roles: ['User.ReadWrite.All'], tenant: 'fabrikam.onmicrosoft.com' });
      const nw = emu.mintToken({ roles: ['User.ReadWrite.All'], tenant: 'northwindtraders.onmicrosoft.com' });
      const [a, b, c] = upns('fabrikam.onmicrosoft.com');
      assert.equal((await patch(emu, fab, a)).status, 204);
      assert.equal((await patch(emu, fab, b)).status, 204);
      const third = await patch(emu, fab, c);
      assert.equal(third.status, 429);
      assert.equal(
        third.headers.get('x-ms-throttle-scope'),
        `Tenant_Application/ReadWrite/${emu.tenant.appId}/${DEMO_CUSTOMERS.fabrikam.tenantId}`,
      );
      assert.equal((await patch(emu, nw, upns('northwindtraders.onmicrosoft.com')[0])).status, 204);
    });

    it("the application-wide write quota spans every tenant: it throttles once all tenants' writes reach it", async () => {
      emu = await start({ throttle: { appWritesPer150s: 100, applicationWritesPer5min: 5 } });
      const fab = emu.mintToken({ roles: ['User.ReadWrite.All'], tenant: 'fabrikam.onmicrosoft.com' });
      const nw = emu.mintToken({ roles: ['User.ReadWrite.All'], tenant: 'northwindtraders.onmicrosoft.com' });
      for (const upn of upns('fabrikam.onmicrosoft.com').slice(0, 3))
        assert.equal((await patch(emu, fab, upn)).status, 204);
      const [x, y, z] = upns('northwindtraders.onmicrosoft.com');
      assert.equal((await patch(emu, nw, x)).status, 204);
      assert.equal((await patch(emu, nw, y)).status, 204);
      const sixth = await patch(emu, nw, z);
      assert.equal(sixth.status, 429);
      assert.equal(sixth.headers.get('x-ms-throttle-scope'), `Application/ReadWrite/${emu.tenant.appId}`);
      assert.equal(sixth.headers.get('retry-after'), '60', '300 s window / 5 writes = one write per 60 s');
    });

    it("another app's writes in one tenant spend that tenant's quota only", async () => {
      emu = await start({ throttle: { tenantWritesPer5min: 3 } });
      emu.spendTenantWrites(3, 'fabrikam.onmicrosoft.com');
      const fab = emu.mintToken({ roles: ['User.ReadWrite.All'], tenant: 'fabrikam.onmicrosoft.com' });
      assert.equal((await patch(emu, fab, upns('fabrikam.onmicrosoft.com')[0])).status, 429);
      assert.equal((await patch(emu, emu.token, 'megan.bowen@contoso.com')).status, 204);
    });
  });
});
