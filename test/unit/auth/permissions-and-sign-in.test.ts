import * as assert from 'node:assert/strict';
import { CLOUDS, delegatedScopes } from '../../../src/core/auth/clouds';
import { explainSignInError, tenantNeededForSignIn } from '../../../src/core/auth/sign-in-errors';
import { readAccessClaims } from '../../../src/core/auth/access-claims';
import { connectToGraph } from '../../../src/core/graph/connection';
import { forbiddenHint } from '../../../src/core/graph/error-hints';
import { resultOf, run, wants } from '../fixtures/test-tenant';
import { engineSuite } from '../fixtures/engine-suite';

const LICENSE_ADMIN = '4d6ac14f-3453-41d0-bef9-a3e0c569773a';
const HELPDESK_ADMIN = '729827e3-9c14-49f7-bb1b-9608f156bbb8';
const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
/** An unsigned token with these claims: the engine only reads claims to explain a 403, it never trusts them. */
const jwt = (claims: Record<string, unknown>) => `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`;

describe('engine: permissions and sign-in refusals, explained', () => {
  const suite = engineSuite();

  it('asks for a scope subscribedSkus documents (LicenseAssignment.Read.All), besides the write scopes', () => {
    assert.deepEqual(delegatedScopes(CLOUDS.Global), [
      'https://graph.microsoft.com/LicenseAssignment.Read.All',
      'https://graph.microsoft.com/LicenseAssignment.ReadWrite.All',
      'https://graph.microsoft.com/User.ReadWrite.All',
      'https://graph.microsoft.com/GroupMember.Read.All',
    ]);
  });

  it('a 403 without a readable token names the scopes, the roles, and PIM activation', () => {
    const hint = forbiddenHint('write');
    for (const words of [
      'LicenseAssignment.ReadWrite.All',
      'User.ReadWrite.All',
      'License Administrator',
      'User Administrator',
      'Directory Writers',
      'Privileged Identity Management',
    ])
      assert.ok(hint.includes(words), words);
  });

  it('a 403 on a delegated read names the directory roles as well as the permissions', () => {
    for (const hint of [
      forbiddenHint('read'),
      forbiddenHint('read', readAccessClaims(jwt({ scp: 'LicenseAssignment.Read.All User.Read.All' }))),
    ]) {
      for (const words of ['Directory Readers', 'Global Reader', 'License Administrator', 'Privileged Identity'])
        assert.ok(hint.includes(words), `${words} in ${hint}`);
    }
    assert.doesNotMatch(forbiddenHint('read', readAccessClaims(jwt({ roles: ['User.Read.All'] }))), /Entra role/);
  });

  it('a 403 names what the token lacks: a scope, an application permission, or an active role', () => {
    const scopeOnly = readAccessClaims(jwt({ scp: 'LicenseAssignment.ReadWrite.All User.Read' }));
    assert.match(forbiddenHint('write', scopeOnly), /^The token lacks the User\.ReadWrite\.All permission/);
    const noRole = readAccessClaims(
      jwt({ scp: 'LicenseAssignment.ReadWrite.All User.ReadWrite.All', wids: [HELPDESK_ADMIN] }),
    );
    assert.match(forbiddenHint('write', noRole), /holds none of the roles .*License Administrator.*activated first/);
    const withRole = readAccessClaims(
      jwt({ scp: 'LicenseAssignment.ReadWrite.All User.ReadWrite.All', wids: [LICENSE_ADMIN] }),
    );
    assert.match(forbiddenHint('write', withRole), /is License Administrator, yet .*administrative unit/);
    const app = readAccessClaims(jwt({ roles: ['User.Read.All'] }));
    assert.match(
      forbiddenHint('write', app),
      /lacks the LicenseAssignment\.ReadWrite\.All and User\.ReadWrite\.All application permissions: .*admin consent/,
    );
    assert.match(
      forbiddenHint('read', readAccessClaims(jwt({ scp: 'User.ReadWrite.All' }))),
      /lacks the LicenseAssignment\.Read\.All permission/,
    );
    assert.equal(readAccessClaims('opaque-token'), undefined);
  });

  it("a 403 on assignLicense in a run carries the hint for this token's claims", async () => {
    const token = jwt({ scp: 'LicenseAssignment.ReadWrite.All User.ReadWrite.All', wids: [HELPDESK_ADMIN] });
    const t = await suite.tenant({ token });
    const hostile = await suite.proxy(t.emulator.origin, (req, status) => {
      if (!req.url.endsWith('/$batch') || !req.body.includes('assignLicense')) return undefined;
      const ids = (JSON.parse(req.body) as { requests: { id: string }[] }).requests.map((r) => r.id);
      return {
        status,
        body: JSON.stringify({
          responses: ids.map((id) => ({
            id,
            status: 403,
            body: {
              error: {
                code: 'Authorization_RequestDenied',
                message: 'Insufficient privileges to complete the operation.',
              },
            },
          })),
        }),
      };
    });
    const report = await run(connectToGraph({ baseUrl: hostile.baseUrl, getAccessToken: async () => token }), [
      wants('alice', { assign: ['MCOEV'] }),
    ]);
    const alice = resultOf(report, 'alice');
    assert.equal(alice.outcome, 'failed');
    assert.equal(alice.error?.status, 403);
    assert.match(alice.error!.hint!, /holds none of the roles/);
  });

  it('sign-in refusals are told in plain words by their AADSTS code', () => {
    assert.match(
      explainSignInError('AADSTS50194: Application is not configured as a multi-tenant application.')!,
      /licenses\.tenantId/,
    );
    assert.match(
      explainSignInError('invalid_grant: AADSTS65001: The user or administrator has not consented')!,
      /consent/,
    );
    assert.match(
      explainSignInError('AADSTS53003: Access has been blocked by Conditional Access policies.')!,
      /Conditional Access.*device code/,
    );
    assert.match(
      explainSignInError('AADSTS50020: User account from identity provider does not exist in tenant')!,
      /not in the tenant/,
    );
    assert.equal(explainSignInError('AADSTS99999: something new'), undefined);
    assert.equal(explainSignInError('network error'), undefined);
  });

  it('delegated sign-in without a tenant is refused before signing in (single-tenant apps fail on "organizations")', () => {
    for (const tenant of ['', ' ', 'organizations', 'common'])
      assert.equal(tenantNeededForSignIn(tenant), true, JSON.stringify(tenant));
    for (const tenant of ['contoso.onmicrosoft.com', '00000000-0000-0000-0000-000000000001'])
      assert.equal(tenantNeededForSignIn(tenant), false);
  });
});
