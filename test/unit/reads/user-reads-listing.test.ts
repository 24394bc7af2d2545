import * as assert from 'node:assert/strict';
import { LIST_USERS_FROM, readUsers, USER_PAGE_SIZE } from '../../../src/core/reads/tenant-reads';
import { MAX_BATCH_ITEMS } from '../../../src/core/graph/batch-executor';
import { bulkUser, type TestTenant, sharedDemoTenant } from '../fixtures/test-tenant';
import { engineSuite, quickConnection } from '../fixtures/engine-suite';

const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);

/** What batches of 20 read for these users: the reference a listing must match. */
async function readInBatches(t: TestTenant, references: readonly string[]) {
  const all = new Map();
  for (let i = 0; i < references.length; i += LIST_USERS_FROM - 1) {
    for (const [k, v] of await readUsers(t.connection, references.slice(i, i + LIST_USERS_FROM - 1))) all.set(k, v);
  }
  return all;
}

describe('engine: a file naming many users reads them by listing the tenant', () => {
  const suite = engineSuite();

  it('reads 1,000 users in 2 requests instead of 50 batches, each user as a read by reference gives it', async () => {
    const t = await suite.tenant({ tenant: sharedDemoTenant({ users: 1300 }) });
    // Demo users with licenses, groups and usage locations, bulk users, and an object id.
    const someone = t.emulator.tenant.users[5];
    const references = [
      ...t.emulator.tenant.users.slice(0, 300).map((u) => u.userPrincipalName.toUpperCase()),
      ...range(302, 699).map(bulkUser),
      someone.id,
    ];
    const before = t.connection.counts.httpRequests;
    const listed = await readUsers(t.connection, references);
    assert.equal(t.connection.counts.httpRequests - before, 2, 'two pages of 999 for 1,300 users');
    assert.deepEqual(listed, await readInBatches(t, references));
    assert.equal(listed.get(someone.id.toLowerCase())?.kind, 'found');
  });

  it('users the listing does not give are read one by one: an unknown user still gets its own answer', async () => {
    const t = await suite.tenant({ tenant: sharedDemoTenant({ users: 600 }) });
    const references = [...range(1, 290).map(bulkUser), ...range(1, 10).map((n) => `nobody${n}@contoso.com`)];
    const before = t.connection.counts.httpRequests;
    const read = await readUsers(t.connection, references);
    assert.equal(t.connection.counts.httpRequests - before, 1 + 1, 'one page, then one batch for the ten not listed');
    assert.equal(read.size, 300);
    const missing = read.get('nobody3@contoso.com');
    assert.equal(missing?.kind, 'unreadable');
    assert.deepEqual(read, await readInBatches(t, references));
  });

  it('in a tenant far larger than the file, the listing stops once it no longer pays for itself', async () => {
    const t = await suite.tenant({ tenant: sharedDemoTenant({ users: 2300 }) });
    // 300 users at the end of the tenant (3 pages): the first page finds none of them.
    const references = range(1701, 300).map(bulkUser);
    const before = t.connection.counts.httpRequests;
    const read = await readUsers(t.connection, references);
    const batches = Math.ceil(references.length / MAX_BATCH_ITEMS);
    assert.equal(t.connection.counts.httpRequests - before, 1 + batches, 'one page, then the batches');
    assert.equal([...read.values()].filter((u) => u.kind === 'found').length, 300);
  });

  it('a listing answer that cannot be used is set aside, and every user is read by batches', async () => {
    const t = await suite.tenant({ tenant: sharedDemoTenant({ users: 600 }) });
    const proxy = await suite.proxy(t.emulator.baseUrl.replace(/\/v1\.0$/, ''), (req) =>
      req.url.includes('/users?') ? { status: 200, body: '{"value": "not a list"}' } : undefined,
    );
    const connection = quickConnection(proxy.baseUrl, t.emulator.token);
    const references = range(1, 250).map(bulkUser);
    const read = await readUsers(connection, references);
    assert.equal(connection.counts.httpRequests, 1 + Math.ceil(250 / MAX_BATCH_ITEMS));
    assert.deepEqual(read, await readInBatches(t, references));
  });

  it('a file of fewer users than LIST_USERS_FROM is read by batches only', async () => {
    const t = await suite.tenant({ tenant: sharedDemoTenant({ users: 600 }) });
    const before = t.connection.counts.httpRequests;
    await readUsers(t.connection, range(1, LIST_USERS_FROM - 1).map(bulkUser));
    assert.equal(t.connection.counts.httpRequests - before, Math.ceil((LIST_USERS_FROM - 1) / MAX_BATCH_ITEMS));
    assert.ok(USER_PAGE_SIZE > LIST_USERS_FROM);
  });
});
