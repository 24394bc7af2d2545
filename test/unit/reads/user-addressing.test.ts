import * as assert from 'node:assert/strict';
import { connectToGraph } from '../../../src/core/graph/connection';
import { failureFromBatchItem } from '../../../src/core/graph/graph-failure';
import { readUsers, userPath } from '../../../src/core/reads/tenant-reads';
import { assignLicenseRequest, usageLocationRequest } from '../../../src/core/run/write-requests';
import type { UserPlan } from '../../../src/core/plan/user-plan';
import { resultOf, run, UPN, wants } from '../fixtures/test-tenant';
import { json } from '../fixtures/hostile-endpoints';
import { engineSuite } from '../fixtures/engine-suite';

describe('engine: users addressed as Graph documents (user-get.md)', () => {
  const suite = engineSuite();

  it("a UPN starting with $ is addressed as /users('$x'), apostrophes doubled; others stay a path segment", () => {
    assert.equal(userPath('$adele@contoso.com'), "/users('$adele@contoso.com')");
    assert.equal(userPath("$o'brien@contoso.com"), "/users('$o''brien@contoso.com')");
    assert.equal(
      userPath('$guest_fabrikam.com#EXT#@contoso.onmicrosoft.com'),
      "/users('$guest_fabrikam.com%23EXT%23@contoso.onmicrosoft.com')",
      'the # of a guest is escaped',
    );
    assert.equal(userPath("o'brien@contoso.com"), "/users/o'brien%40contoso.com");
    assert.equal(
      userPath('guest_fabrikam.com#EXT#@contoso.onmicrosoft.com'),
      '/users/guest_fabrikam.com%23EXT%23%40contoso.onmicrosoft.com',
    );
    assert.equal(userPath('a$b@contoso.com'), '/users/a%24b%40contoso.com', 'only a leading $ changes the form');
  });

  it('reads, the usage-location PATCH and assignLicense use the same user path', () => {
    const plan = { userId: '$odd@contoso.com', setUsageLocation: 'FR', add: [], remove: [] } as unknown as UserPlan;
    assert.equal(usageLocationRequest(1, plan).url, userPath('$odd@contoso.com'));
    assert.equal(assignLicenseRequest(1, plan).url, `${userPath('$odd@contoso.com')}/assignLicense`);
  });

  it("the $batch read of a $ UPN sends the ('...') form", async () => {
    let urls: string[] = [];
    const hostile = await suite.hostile((req, res) => {
      const requests = (JSON.parse(req.body) as { requests: { id: string; url: string }[] }).requests;
      urls = requests.map((r) => r.url);
      json(res, 200, {
        responses: requests.map((r) => ({
          id: r.id,
          status: 200,
          body: { id: '00000000-0000-0000-0000-000000000001', userPrincipalName: '$adele@contoso.com' },
        })),
      });
    });
    const users = await readUsers(connectToGraph({ baseUrl: hostile.baseUrl, getAccessToken: async () => 't' }), [
      '$adele@contoso.com',
    ]);
    assert.equal(users.get('$adele@contoso.com')?.kind, 'found');
    assert.deepEqual(urls, [
      "/users('$adele@contoso.com')?$select=id,userPrincipalName,usageLocation,assignedLicenses,licenseAssignmentStates",
    ]);
  });

  it('apostrophes and #EXT# guests keep working end to end', async () => {
    const t = await suite.tenant();
    const alice = t.emulator.tenant.findUser(UPN('alice'))!;
    const clone = (upn: string, id: string) => ({ ...structuredClone(alice), id, userPrincipalName: upn });
    t.emulator.tenant.users.push(
      clone("o'brien@contoso.com", '11111111-2222-3333-4444-555555555555'),
      clone('guest_fabrikam.com#EXT#@contoso.onmicrosoft.com', '11111111-2222-3333-4444-666666666666'),
    );
    const report = await run(t.connection, [
      wants("o'brien@contoso.com", { assign: ['MCOEV'] }),
      wants('guest_fabrikam.com#EXT#@contoso.onmicrosoft.com', { assign: ['MCOEV'] }),
    ]);
    assert.equal(resultOf(report, "o'brien@contoso.com").outcome, 'changed');
    assert.equal(resultOf(report, 'guest_fabrikam.com#EXT#@contoso.onmicrosoft.com').outcome, 'changed');
    assert.equal(report.summary.verified, 2);
  });

  it('a batch item with code "" and message "" gets the status as its code and a sentence as its message', () => {
    const f = failureFromBatchItem(400, undefined, { error: { code: '', message: '' } });
    assert.equal(f.code, 'HTTP400');
    assert.equal(f.message, 'Graph answered 400.');
    assert.equal(failureFromBatchItem(400, undefined, null).code, 'HTTP400', 'a null body too');
  });
});
