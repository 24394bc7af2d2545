import * as assert from 'node:assert/strict';
import { connectToGraph } from '../../../src/core/graph/connection';
import { listLicensedUsers, NO_PREMIUM, USER_PAGE_SIZE } from '../../../src/core/reads/user-listing';
import { json } from '../fixtures/hostile-endpoints';
import { engineSuite } from '../fixtures/engine-suite';
import { UPN, type TestTenant, sharedDemoTenant } from '../fixtures/test-tenant';
import { atScale } from '../fixtures/scale';

const SKU = {
  E3: '6fd2c87f-b296-42f0-b197-1e91e994b900',
  E5: 'c7df2760-2c81-4ef7-b578-5b5392b571df',
  SPE_E5: '06ebc4ee-1bb5-47dd-8120-11324bc54e06',
};
const usersRead = (t: TestTenant) => t.emulator.stats.byRoute['GET /users'] ?? 0;

describe('engine: listing licensed users (GET /users, paged)', () => {
  const suite = engineSuite();

  it('lists every user holding a license, direct or from a group, and nobody without one', async () => {
    const t = await suite.tenant();
    const read = await listLicensedUsers(t.connection);
    assert.ok(read.ok, JSON.stringify(!read.ok && read.error));
    const upns = new Set(read.value.map((u) => u.userPrincipalName));
    const licensed = t.emulator.tenant.users.filter((u) => t.emulator.tenant.heldSkuIds(u).size > 0);
    assert.equal(read.value.length, licensed.length);
    assert.ok(upns.has(UPN('dave')), 'dave holds E3 only through All Sales');
    assert.ok(!upns.has(UPN('alice')), 'alice holds nothing');
    const frank = read.value.find((u) => u.userPrincipalName === UPN('frank'))!;
    assert.deepEqual(frank.licenseAssignmentStates?.map((s) => s.assignedByGroup === null).sort(), [false, true]);
    assert.equal(usersRead(t), 1, 'one page of 999 holds the demo tenant');
  });

  // 10,000 users in 11 pages in the scale stage.
  const many = atScale() ? { users: 10_000, pages: 11 } : { users: 3_000, pages: 4 };
  it(`${many.users.toLocaleString('en-US')} licensed users take ${many.pages} requests at 999 a page, not one per user`, async () => {
    const fixture = sharedDemoTenant({ users: many.users });
    // Every user holds a direct license, whatever their groups give them (or fail to).
    const users = fixture.users.map((u) => (u.licenses?.length ? u : { ...u, licenses: [{ skuId: SKU.E3 }] }));
    const t = await suite.tenant({ tenant: { ...fixture, users, replicationLag: undefined } });
    const pages: number[] = [];
    const read = await listLicensedUsers(t.connection, { onPage: (n) => pages.push(n) });
    assert.ok(read.ok);
    assert.equal(read.value.length, many.users);
    assert.equal(usersRead(t), Math.ceil(read.value.length / USER_PAGE_SIZE));
    assert.equal(pages.length, many.pages);
    assert.equal(new Set(read.value.map((u) => u.id)).size, read.value.length, 'no user twice across pages');
  });

  it('allUsers: every user, licensed or not, in pages of 999 with no filter', async () => {
    const t = await suite.tenant({ tenant: { ...sharedDemoTenant({ users: 2500 }), replicationLag: undefined } });
    const read = await listLicensedUsers(t.connection, { allUsers: true });
    assert.ok(read.ok);
    assert.equal(read.value.length, 2500);
    assert.ok(
      read.value.some((u) => u.userPrincipalName === UPN('alice')),
      'alice holds nothing and is listed',
    );
    assert.equal(usersRead(t), 3);
  });

  it('by SKU: one filtered listing per SKU, a holder of two listed once', async () => {
    const t = await suite.tenant();
    const read = await listLicensedUsers(t.connection, { skuIds: [SKU.E5, SKU.SPE_E5, SKU.E5.toUpperCase()] });
    assert.ok(read.ok);
    const upns = read.value.map((u) => u.userPrincipalName);
    assert.ok(upns.includes(UPN('erin')) && upns.includes(UPN('megan.bowen')));
    assert.ok(!upns.includes(UPN('bob')), 'bob holds E3 only');
    assert.equal(new Set(upns).size, upns.length);
    assert.equal(usersRead(t), 2, 'the same SKU twice is one listing');
  });

  it('a part number instead of a skuId is refused before any request', async () => {
    const t = await suite.tenant();
    const read = await listLicensedUsers(t.connection, { skuIds: ['ENTERPRISEPACK'] });
    assert.equal(read.ok, false);
    assert.match(read.ok ? '' : read.error.message, /not a skuId/);
    assert.equal(usersRead(t), 0);
  });

  it('reads accountEnabled and, when asked, sign-in dates (120 users a page, as Graph caps it)', async () => {
    const t = await suite.tenant();
    const read = await listLicensedUsers(t.connection, { signInActivity: true });
    assert.ok(read.ok, JSON.stringify(!read.ok && read.error));
    assert.ok(
      read.value.some((u) => u.accountEnabled === false),
      'the demo tenant has disabled licensed accounts',
    );
    const megan = read.value.find((u) => u.userPrincipalName === UPN('megan.bowen'))!;
    const days = (Date.now() - Date.parse(megan.signInActivity!.lastSignInDateTime!)) / 86_400_000;
    assert.ok(days >= 120 && days < 121, `megan signed in ${days} days ago`);
    assert.equal(usersRead(t), Math.ceil(read.value.length / 120));
  });

  it('sign-in dates in a tenant without Entra ID P1: the 403 says the tenant lacks the license', async () => {
    const fixture = sharedDemoTenant();
    const t = await suite.tenant({
      tenant: {
        ...fixture,
        skus: fixture.skus.filter((s) => s.skuId !== SKU.SPE_E5),
        users: fixture.users.map((u) => ({ ...u, licenses: u.licenses?.filter((l) => l.skuId !== SKU.SPE_E5) })),
        replicationLag: undefined,
      },
    });
    const read = await listLicensedUsers(t.connection, { signInActivity: true });
    assert.equal(read.ok, false);
    assert.equal(read.ok ? '' : read.error.code, NO_PREMIUM);
    assert.match(read.ok ? '' : (read.error.hint ?? ''), /Entra ID P1/);
    assert.ok((await listLicensedUsers(t.connection)).ok, 'without sign-in dates the listing works');
  });

  it('sign-in dates with a token lacking AuditLog.Read.All: the 403 names the permission', async () => {
    const t = await suite.tenant();
    const token = t.emulator.mintToken({ roles: ['User.Read.All'] });
    const connection = connectToGraph({
      baseUrl: t.emulator.baseUrl,
      getAccessToken: async () => token,
      retry: { baseDelayMs: 5, maxDelayMs: 50 },
    });
    const read = await listLicensedUsers(connection, { signInActivity: true });
    assert.equal(read.ok ? '' : read.error.code, 'Authorization_RequestDenied');
    assert.match(read.ok ? '' : (read.error.hint ?? ''), /AuditLog\.Read\.All/);
  });

  it('a next link back to a page already read, or to another host, ends the listing with a located error', async () => {
    const looping = await suite.hostile((req, res, origin) =>
      json(res, 200, { value: [], '@odata.nextLink': `${origin}/v1.0/users?$skiptoken=same` }),
    );
    const connect = (baseUrl: string) =>
      connectToGraph({ baseUrl, getAccessToken: async () => 't', retry: { baseDelayMs: 5, maxDelayMs: 50 } });
    const loop = await listLicensedUsers(connect(looping.baseUrl));
    assert.match(loop.ok ? '' : loop.error.message, /page 2 links back to a page already read/);
    const leading = await suite.hostile((req, res) =>
      json(res, 200, { value: [], '@odata.nextLink': 'https://elsewhere.example/v1.0/users?$skiptoken=1' }),
    );
    const away = await listLicensedUsers(connect(leading.baseUrl));
    assert.match(away.ok ? '' : away.error.message, /links to elsewhere\.example, outside/);
    assert.equal(leading.seen.length, 1, 'the token never went elsewhere');
  });

  it('a page whose user has no id, or whose accountEnabled is not a boolean, is a located problem', async () => {
    const hostile = await suite.hostile((req, res) =>
      json(res, 200, { value: [{ id: 'x', userPrincipalName: 'a@b.c', accountEnabled: 'yes' }] }),
    );
    const read = await listLicensedUsers(connectToGraph({ baseUrl: hostile.baseUrl, getAccessToken: async () => 't' }));
    assert.match(read.ok ? '' : read.error.message, /user a@b\.c: .*accountEnabled/);
  });

  it('sends ConsistencyLevel: eventual with the $count filter on every page, as advanced queries need', async () => {
    const headers: (string | string[] | undefined)[] = [];
    const hostile = await suite.hostile((req, res, origin) => {
      headers.push(req.headers.consistencylevel);
      json(res, 200, {
        value: [],
        ...(headers.length < 2 ? { '@odata.nextLink': `${origin}/v1.0/users?$skiptoken=2` } : {}),
      });
    });
    const read = await listLicensedUsers(connectToGraph({ baseUrl: hostile.baseUrl, getAccessToken: async () => 't' }));
    assert.ok(read.ok);
    assert.deepEqual(headers, ['eventual', 'eventual']);
    assert.match(decodeURIComponent(hostile.seen[0].replace(/\+/g, ' ')), /\$filter=assignedLicenses\/\$count ne 0/);
  });
});
