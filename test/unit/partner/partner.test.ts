import { strict as assert } from 'node:assert';
import { appOnlyTokenProvider } from '../../../src/core/auth/app-only-auth';
import { isTenantName, TenantTokens } from '../../../src/core/auth/tenant-tokens';
import { vscodeAccountScopes } from '../../../src/core/auth/vscode-account';
import { CLOUDS } from '../../../src/core/auth/clouds';
import { connectToGraph } from '../../../src/core/graph/connection';
import { LICENSE_ADMINISTRATOR, USER_ADMINISTRATOR } from '../../../src/core/partner/gdap-roles';
import { customerTenants, flagText } from '../../../src/core/partner/relationship-health';
import { readRelationships } from '../../../src/core/partner/relationship-reads';
import { readTenantByDomain } from '../../../src/core/partner/tenant-by-domain';
import type { Relationship } from '../../../src/core/partner/relationships';
import {
  appOnlyReach,
  delegatedReach,
  reachBeforeSignIn,
  reachFromSignInError,
} from '../../../src/core/partner/tenant-reach';
import { bundleTranslator } from '../../../src/core/text/translate';
import { DEMO_CUSTOMERS, demoTenant, startEmulator, type RelationshipFixture } from '../../../src/emulator';
import frenchBundle from '../../../l10n/bundle.l10n.fr.json';

const DAY_MS = 86_400_000;
/** The injected clock: 2026-03-01 00:00 UTC. */
const NOW = Date.parse('2026-03-01T00:00:00Z');
const day = (d: number) => new Date(NOW + d * DAY_MS).toISOString();
const french = bundleTranslator(frenchBundle as Record<string, string>, 'fr');

const relationship = (tenantId: string, over: Partial<Relationship> = {}): Relationship => ({
  id: `r-${tenantId}-${over.status ?? 'active'}`,
  displayName: 'MSP',
  customer: { tenantId, displayName: `Customer ${tenantId}` },
  roleDefinitionIds: [LICENSE_ADMINISTRATOR, USER_ADMINISTRATOR],
  status: 'active',
  endDateTime: day(200),
  autoExtendDuration: 'PT0S',
  duration: 'P730D',
  ...over,
});

describe('partner: GDAP relationships and the customer tenants they reach', () => {
  describe('customerTenants: flags at an injected time', () => {
    it('flags a missing License or User Administrator, an end within 30 days without auto-extend, and expiry', () => {
      const tenants = customerTenants(
        [
          relationship('a'),
          relationship('b', { roleDefinitionIds: [LICENSE_ADMINISTRATOR] }),
          relationship('c', { roleDefinitionIds: [USER_ADMINISTRATOR], endDateTime: day(29) }),
          relationship('d', { endDateTime: day(10), autoExtendDuration: 'P180D' }),
          relationship('e', { status: 'expired', endDateTime: day(-3) }),
          relationship('f', { endDateTime: day(-1) }),
        ],
        NOW,
      );
      const flags = Object.fromEntries(tenants.map((c) => [c.tenantId, c.flags]));
      assert.deepEqual(flags, {
        a: [],
        b: ['no-user-administrator'],
        c: ['no-license-administrator', 'ending-soon'],
        d: [],
        e: ['expired'],
        f: ['expired'],
      });
      assert.equal(tenants.find((c) => c.tenantId === 'e')!.active, false);
      assert.equal(tenants.find((c) => c.tenantId === 'd')!.autoExtend, true);
    });

    it('one customer with two relationships: the roles of the active ones, the latest end', () => {
      const [c] = customerTenants(
        [
          relationship('x', { id: '1', roleDefinitionIds: [LICENSE_ADMINISTRATOR], endDateTime: day(20) }),
          relationship('x', { id: '2', roleDefinitionIds: [USER_ADMINISTRATOR], endDateTime: day(300) }),
          relationship('x', { id: '3', status: 'expired', endDateTime: day(-100) }),
        ],
        NOW,
      );
      assert.deepEqual(c.roles, [LICENSE_ADMINISTRATOR, USER_ADMINISTRATOR]);
      assert.equal(c.endDateTime, day(300));
      assert.deepEqual(c.flags, []);
    });

    it('says each flag in French', () => {
      assert.equal(flagText('ending-soon', french), 'se termine dans 30 jours sans prolongation automatique');
      assert.equal(flagText('expired', french), 'relation expirée');
    });
  });

  describe('can this token reach this tenant: refused before any read, naming the tenant and why', () => {
    const rels = [
      relationship('11111111-1111-1111-1111-111111111111', {
        customer: { tenantId: '11111111-1111-1111-1111-111111111111', displayName: 'Good\nCo' },
      }),
      relationship('22222222-2222-2222-2222-222222222222', { status: 'expired', endDateTime: day(-30) }),
      relationship('33333333-3333-3333-3333-333333333333', {
        roleDefinitionIds: ['f2ef992c-3afb-46b9-b7cf-a126ee74c451'],
      }),
      relationship('44444444-4444-4444-4444-444444444444', { endDateTime: day(-1) }),
    ];
    const reach = (id: string) => delegatedReach({ name: id }, rels, NOW, undefined, 'sales.licenses:1');

    it('reaches a customer whose active relationship grants a licensing role', () => {
      assert.equal(reach('11111111-1111-1111-1111-111111111111'), undefined);
    });

    it('no relationship, an expired one, one past its end, one without a licensing role', () => {
      const none = reach('55555555-5555-5555-5555-555555555555')!;
      assert.equal(none.reason, 'no-relationship');
      assert.match(
        none.message,
        /^sales\.licenses:1: Cannot reach tenant 55555555-5555-5555-5555-555555555555: the partner has no GDAP relationship/,
      );
      const expired = reach('22222222-2222-2222-2222-222222222222')!;
      assert.equal(expired.reason, 'relationship-expired');
      assert.match(
        expired.message,
        /"Customer 22222222-2222-2222-2222-222222222222" \(22222222-2222-2222-2222-222222222222\).*ended on 2026-01-30/,
      );
      assert.equal(reach('44444444-4444-4444-4444-444444444444')!.reason, 'relationship-expired');
      const role = reach('33333333-3333-3333-3333-333333333333')!;
      assert.equal(role.reason, 'role-missing');
      assert.match(role.message, /License Administrator/);
    });

    it('before a delegated sign-in: refuses a customer named by id in our words; leaves a domain, or unread relationships, to the sign-in', () => {
      const expired = reachBeforeSignIn('22222222-2222-2222-2222-222222222222', rels, NOW);
      assert.equal(expired?.reason, 'relationship-expired');
      assert.equal(reachBeforeSignIn(' 11111111-1111-1111-1111-111111111111 ', rels, NOW), undefined);
      assert.equal(reachBeforeSignIn('55555555-5555-5555-5555-555555555555', rels, NOW)?.reason, 'no-relationship');
      assert.equal(reachBeforeSignIn('33333333-3333-3333-3333-333333333333', rels, NOW)?.reason, 'role-missing');
      // A relationship names its customer by id alone: a domain not found by its id is left to the sign-in.
      assert.equal(reachBeforeSignIn('fabrikam.onmicrosoft.com', rels, NOW), undefined);
      // Without DelegatedAdminRelationship.Read.All the relationships are not read: nothing to judge by.
      assert.equal(reachBeforeSignIn('22222222-2222-2222-2222-222222222222', undefined, NOW), undefined);
    });

    it('a domain is judged by the tenant id found for it; a domain no tenant holds is refused', () => {
      const found = (tenantId: string) => ({ kind: 'found' as const, tenantId, displayName: 'Tailspin Toys' });
      const expired = reachBeforeSignIn(
        'tailspintoys.com',
        rels,
        NOW,
        undefined,
        'sales.licenses:1',
        found('22222222-2222-2222-2222-222222222222'),
      );
      assert.equal(expired?.reason, 'relationship-expired');
      assert.match(
        expired?.message ?? '',
        /^sales\.licenses:1: Cannot reach tenant "Tailspin Toys" \(tailspintoys\.com\)/,
      );
      const live = found('11111111-1111-1111-1111-111111111111');
      assert.equal(reachBeforeSignIn('fabrikam.com', rels, NOW, undefined, undefined, live), undefined);
      const unknown = reachBeforeSignIn('nowhere.example', rels, NOW, french, undefined, { kind: 'unknown' });
      assert.equal(unknown?.reason, 'unknown-tenant');
      assert.match(unknown?.message ?? '', /^Impossible d'atteindre le locataire nowhere\.example/);
      // Without the relationships nothing is judged, the domain neither.
      assert.equal(
        reachBeforeSignIn('nowhere.example', undefined, NOW, undefined, undefined, { kind: 'unknown' }),
        undefined,
      );
    });

    it('a hostile display name stays on one line', () => {
      const r = delegatedReach(
        { name: '11111111-1111-1111-1111-111111111111', displayName: 'Evil\r\n\u202eCo' },
        [],
        NOW,
      )!;
      assert.doesNotMatch(r.message, /[\r\n\u202e]/);
    });

    it("maps Entra's sign-in refusals: AADSTS700016, 7000229, 65001 → not consented; 90002 → no such tenant", () => {
      const target = { name: 'tailspintoys.onmicrosoft.com' };
      for (const code of ['700016', '7000229', '65001'])
        assert.equal(reachFromSignInError(target, `invalid: AADSTS${code}: ...`)!.reason, 'app-not-consented');
      assert.equal(reachFromSignInError(target, 'AADSTS90002: Tenant not found')!.reason, 'unknown-tenant');
      assert.equal(reachFromSignInError(target, 'AADSTS7000215: Invalid client secret provided.'), undefined);
      const fr = reachFromSignInError(target, 'AADSTS700016', french)!;
      assert.match(fr.message, /^Impossible d'atteindre le locataire tailspintoys\.onmicrosoft\.com/);
    });
  });

  describe('against the emulator', () => {
    it('reads every relationship of the partner, page after page', async () => {
      const many: RelationshipFixture[] = Array.from({ length: 305 }, (_, i) => ({
        id: `rel-${i}`,
        displayName: `MSP ${i}`,
        customer: { tenantId: `00000000-0000-0000-0000-${String(i).padStart(12, '0')}`, displayName: `Customer ${i}` },
        roleDefinitionIds: [LICENSE_ADMINISTRATOR],
        status: 'active',
        duration: 'P730D',
        endDateTime: new Date(Date.now() + 100 * DAY_MS).toISOString(),
      }));
      const emu = await startEmulator({ latencyMs: 0, tenant: { ...demoTenant(), delegatedAdminRelationships: many } });
      try {
        const connection = connectToGraph({ baseUrl: emu.baseUrl, getAccessToken: async () => emu.token });
        const read = await readRelationships(connection);
        assert.ok(read.ok);
        assert.equal(read.value.length, 305);
        assert.equal(emu.stats.byRoute['GET /tenantRelationships/delegatedAdminRelationships'], 2);
      } finally {
        await emu.close();
      }
    });

    it('a token without DelegatedAdminRelationship.Read.All is told which permission it lacks', async () => {
      const emu = await startEmulator({ latencyMs: 0 });
      try {
        const token = emu.mintToken({ roles: ['User.Read.All'] });
        const connection = connectToGraph({ baseUrl: emu.baseUrl, getAccessToken: async () => token });
        const read = await readRelationships(connection);
        assert.equal(read.ok, false);
        if (!read.ok) assert.match(read.error.hint ?? '', /DelegatedAdminRelationship\.Read\.All/);
      } finally {
        await emu.close();
      }
    });

    it('finds a tenant by its domain, any case: its id and name; a domain no tenant holds is unknown', async () => {
      const emu = await startEmulator({ latencyMs: 0 });
      try {
        const token = emu.mintToken({ scopes: ['CrossTenantInformation.ReadBasic.All'] });
        const connection = connectToGraph({ baseUrl: emu.baseUrl, getAccessToken: async () => token });
        const tailspin = await readTenantByDomain(connection, 'TailspinToys.onmicrosoft.com');
        assert.deepEqual(tailspin, {
          ok: true,
          value: { kind: 'found', tenantId: DEMO_CUSTOMERS.tailspin.tenantId, displayName: 'Tailspin Toys' },
        });
        assert.deepEqual(await readTenantByDomain(connection, "o'brien.example"), {
          ok: true,
          value: { kind: 'unknown' },
        });
        const without = emu.mintToken({ scopes: ['User.Read.All'] });
        const refused = await readTenantByDomain(
          connectToGraph({ baseUrl: emu.baseUrl, getAccessToken: async () => without }),
          'fabrikam.onmicrosoft.com',
        );
        assert.equal(refused.ok, false);
        if (!refused.ok) assert.match(refused.error.hint ?? '', /CrossTenantInformation\.ReadBasic\.All/);
      } finally {
        await emu.close();
      }
    });

    it('app-only, one multi-tenant app: a consented customer is reached; an unconsented one refused before any read', async () => {
      const emu = await startEmulator({ latencyMs: 0 });
      try {
        const tokens = new TenantTokens({
          clientId: emu.tenant.appId,
          clientSecret: 'any',
          authorityHost: emu.origin,
        });
        const fabrikam = { name: 'fabrikam.onmicrosoft.com' };
        assert.equal(await appOnlyReach(fabrikam, tokens.forTenant(fabrikam.name)), undefined);
        const token = await tokens.forTenant(DEMO_CUSTOMERS.fabrikam.domain)();
        const users = await fetch(`${emu.baseUrl}/users?$select=userPrincipalName`, {
          headers: { Authorization: `Bearer ${token}` },
        });
        assert.equal(((await users.json()) as { value: unknown[] }).value.length, 12);
        const before = emu.stats.requests;
        const tailspin = await appOnlyReach(
          { name: 'tailspintoys.onmicrosoft.com' },
          tokens.forTenant('tailspintoys.onmicrosoft.com'),
        );
        assert.equal(tailspin?.reason, 'app-not-consented');
        assert.equal(emu.stats.requests, before, 'nothing was read from Graph');
      } finally {
        await emu.close();
      }
    });

    it('with MSAL directly, the provider of an unknown tenant is refused AADSTS90002', async () => {
      const emu = await startEmulator({ latencyMs: 0 });
      try {
        const getToken = await appOnlyTokenProvider({
          tenantId: 'nobody.onmicrosoft.com',
          clientId: emu.tenant.appId,
          clientSecret: 'any',
          authorityHost: emu.origin,
        });
        const r = await appOnlyReach({ name: 'nobody.onmicrosoft.com' }, getToken);
        assert.equal(r?.reason, 'unknown-tenant');
      } finally {
        await emu.close();
      }
    });
  });

  describe('tokens per tenant', () => {
    it('keeps one provider per tenant (id or domain, any case) and refuses a name that is not a tenant', async () => {
      const made: string[] = [];
      const tokens = new TenantTokens({ clientId: 'app', clientSecret: 's' }, async (c) => {
        made.push(c.tenantId);
        return async () => `token-for-${c.tenantId}`;
      });
      assert.equal(await tokens.forTenant('Fabrikam.onmicrosoft.com')(), 'token-for-fabrikam.onmicrosoft.com');
      assert.equal(await tokens.forTenant('fabrikam.onmicrosoft.com')(), 'token-for-fabrikam.onmicrosoft.com');
      assert.deepEqual(made, ['fabrikam.onmicrosoft.com']);
      assert.throws(() => tokens.forTenant('organizations'), /not a tenant id or domain/);
      assert.equal(isTenantName('0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0'), true);
      assert.equal(isTenantName('common'), false);
    });

    it("a customer's VS Code session asks for VSCODE_TENANT:<customer>", () => {
      const scopes = vscodeAccountScopes(CLOUDS.Global, 'app-id', 'fabrikam.onmicrosoft.com');
      assert.deepEqual(scopes.slice(0, 2), ['VSCODE_CLIENT_ID:app-id', 'VSCODE_TENANT:fabrikam.onmicrosoft.com']);
    });
  });
});
