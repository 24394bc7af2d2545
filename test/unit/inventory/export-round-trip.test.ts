import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { Catalog } from '../../../src/core/catalog/catalog';
import { parseLicensesFile } from '../../../src/core/format';
import type { GraphConnection } from '../../../src/core/graph/connection';
import { exportTenant, type ExportSource } from '../../../src/core/inventory/export-tenant';
import { desiredUsers } from '../../../src/core/desired/desired-users';
import { validate } from '../../../src/core/rules';
import { planLicenses } from '../../../src/core/run/read-and-plan';
import { catalogSku, type TenantFixture, type UserFixture } from '../../../src/emulator';
import { startTenant, type TestTenant } from '../fixtures/test-tenant';
import { propertyRuns } from '../fixtures/scale';

const catalog = Catalog.builtIn();

/** Export, read the file back as the CLI does, and plan it against the same tenant. */
async function roundTrip(connection: GraphConnection, source: ExportSource = { kind: 'licensed' }) {
  const exported = await exportTenant(connection, source, {
    tenantLabel: 'test tenant',
    now: () => new Date('2026-12-01T10:00:00Z'),
  });
  assert.equal(exported.kind, 'exported', JSON.stringify(exported));
  if (exported.kind !== 'exported') throw new Error('not exported');
  const parsed = parseLicensesFile(exported.file.text);
  const errors = validate(parsed, catalog).filter((f) => f.severity === 'error');
  assert.deepEqual(
    errors.map((e) => `${e.range.start.line + 1}: ${e.message}`),
    [],
    exported.file.text,
  );
  const desired = desiredUsers(parsed, catalog);
  const planned = await planLicenses(connection, desired);
  assert.equal(planned.kind, 'planned');
  if (planned.kind !== 'planned') throw new Error('not planned');
  return { text: exported.file.text, file: exported.file, desired, plan: planned.plan };
}

function assertNothingChanges(plan: Awaited<ReturnType<typeof roundTrip>>['plan'], text: string) {
  assert.deepEqual(plan.blockers, [], text);
  const moved = plan.users
    .filter((u) => u.kind !== 'unchanged')
    .map(
      (u) =>
        `${u.user}: ${u.kind} +${u.add.map((a) => a.partNumber)} -${u.remove.map((r) => r.partNumber)} ${u.error?.message ?? ''}`,
    );
  assert.deepEqual(moved, [], text);
}

describe('export: the tenant as a .licenses file, round trip', () => {
  let t: TestTenant | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('the demo tenant: every licensed user, planned back against it, changes nothing and fails nobody', async () => {
    t = await startTenant();
    const { text, plan, file } = await roundTrip(t.connection);
    assertNothingChanges(plan, text);
    const licensed = t.emulator.tenant.users.filter((u) => t!.emulator.tenant.heldSkuIds(u).size > 0).length;
    const groupOnly = text.split('\n').filter((l) => /^# {3}\S+@/.test(l)).length;
    assert.ok(groupOnly > 0);
    assert.equal(plan.users.length + groupOnly, licensed, 'users holding licenses only from groups are comments');
    assert.equal(file.users, licensed);
    // The file says what an admin reviews: exact blocks, disabled plans, group copies as comments.
    assert.match(
      text,
      /^exact\nassign ENTERPRISEPACK\ndisable ENTERPRISEPACK: YAMMER_ENTERPRISE\n(.+\n)*bob@contoso\.com\n/m,
    );
    assert.match(text, /^frank@contoso\.com {2}# from group "All Sales" \([0-9a-f-]+\): ENTERPRISEPACK$/m);
    assert.match(
      text,
      /# No direct license: these users hold licenses only through groups[^\n]*\n(#.*\n)*# {3}dave@contoso\.com {2}# from group "All Sales"/,
    );
    assert.equal(t.emulator.stats.writes, 0, 'export and plan write nothing');
  });

  it('holders of one SKU only: the file is the users of that SKU, and still changes nothing', async () => {
    t = await startTenant();
    const { text, plan } = await roundTrip(t.connection, { kind: 'skus', skus: ['ENTERPRISEPREMIUM'] });
    assertNothingChanges(plan, text);
    assert.ok(plan.users.some((u) => u.user === 'erin@contoso.com'));
    assert.ok(!plan.users.some((u) => u.user === 'bob@contoso.com'));
    // erin's other direct license is in her exact block too: exact would otherwise remove it.
    assert.match(text, /^exact\nassign ENTERPRISEPREMIUM MCOPSTN1\n(.+\n)*erin@contoso\.com   \+14255550100$/m);
  });

  it('the users of a file, one not in the tenant: the others are exported and the missing one is named', async () => {
    t = await startTenant();
    const exported = await exportTenant(
      t.connection,
      {
        kind: 'users',
        references: ['bob@contoso.com', 'alice@contoso.com', 'ghost@contoso.com'],
        label: 'team.licenses',
      },
      { tenantLabel: 't' },
    );
    assert.equal(exported.kind, 'exported');
    if (exported.kind !== 'exported') return;
    assert.equal(exported.file.users, 2);
    assert.deepEqual(
      exported.unread.map((u) => u.split(':')[0]),
      ['ghost@contoso.com'],
    );
    assert.match(exported.file.text, /# Not exported \(could not be read\):\n# {3}ghost@contoso\.com/);
    assert.match(exported.file.text, /No direct license[^\n]*\n(#.*\n)*# {3}alice@contoso\.com/);
  });

  it('an unknown SKU is refused before any user is read', async () => {
    t = await startTenant();
    const exported = await exportTenant(t.connection, { kind: 'skus', skus: ['NOT_A_SKU'] }, { tenantLabel: 't' });
    assert.equal(exported.kind, 'refused');
    assert.equal(t.emulator.stats.byRoute['GET /users'] ?? 0, 0);
  });

  describe('generated tenants (fast-check)', () => {
    const E3 = catalogSku('ENTERPRISEPACK', 1000);
    const MEET = catalogSku('MCOMEETADV', 1000);
    const FLOW = catalogSku('FLOW_FREE', 1000);
    const VISIO = catalogSku('VISIOCLIENT', 1000);
    const skus = [E3, MEET, FLOW, VISIO];
    const e3Plan = (name: string) => E3.servicePlans.find((p) => p.servicePlanName === name)!.servicePlanId;
    const optionalPlans = [e3Plan('YAMMER_ENTERPRISE'), e3Plan('SWAY')];
    const groups = [
      {
        id: '0a0a0a0a-0000-4000-8000-000000000001',
        displayName: 'All Staff',
        licenses: [{ skuId: E3.skuId, disabledPlans: [e3Plan('SWAY')] }],
      },
      {
        id: '0a0a0a0a-0000-4000-8000-000000000002',
        displayName: 'Meetings | "Pilot" #2',
        licenses: [{ skuId: MEET.skuId }],
      },
    ];
    const userArb = fc.record({
      name: fc.stringMatching(/^[a-z][a-z0-9.]{0,8}$/),
      kind: fc.constantFrom('member', 'guest', 'apostrophe'),
      usageLocation: fc.constantFrom('US', 'FR', null),
      accountEnabled: fc.boolean(),
      direct: fc.subarray(skus.map((s) => s.skuId)),
      disabled: fc.subarray(optionalPlans),
      groups: fc.subarray(groups.map((g) => g.id)),
    });

    it('export → plan against the same tenant gives zero changes and no error, whatever the users hold', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.uniqueArray(userArb, { minLength: 1, maxLength: 25, selector: (u) => u.name }),
          async (drawn) => {
            const users: UserFixture[] = drawn.map((u, i) => {
              const upn =
                u.kind === 'guest'
                  ? `${u.name}_fabrikam.com#EXT#@contoso.onmicrosoft.com`
                  : u.kind === 'apostrophe'
                    ? `o'${u.name}@contoso.com`
                    : `${u.name}@contoso.com`;
              return {
                id: `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
                userPrincipalName: upn,
                displayName: u.name,
                usageLocation: u.usageLocation,
                accountEnabled: u.accountEnabled,
                licenses: u.direct.map((skuId) => ({ skuId, disabledPlans: skuId === E3.skuId ? u.disabled : [] })),
                groups: u.groups,
              };
            });
            const tenant: TenantFixture = { tenantId: '0b0b0b0b-0000-4000-8000-000000000001', skus, groups, users };
            const local = await startTenant({ tenant });
            try {
              const { text, plan, desired } = await roundTrip(local.connection);
              assertNothingChanges(plan, text);
              // The file states each user's direct set exactly: the SKUs and, per SKU, the disabled plans.
              const planId = (sku: string, name: string) =>
                skus
                  .find((s) => s.skuPartNumber === sku || s.skuId === sku)!
                  .servicePlans.find(
                    (p) => p.servicePlanName.toLowerCase() === name.toLowerCase() || p.servicePlanId === name,
                  )!.servicePlanId;
              for (const d of desired) {
                const fixture = users.find(
                  (u) => u.userPrincipalName.toLowerCase() === d.user.toLowerCase() || u.id === d.user,
                )!;
                const stated = d.assign
                  .map(
                    (a) =>
                      `${skus.find((s) => s.skuPartNumber === a.sku || s.skuId === a.sku)!.skuId}:${(a.disabledPlans ?? []).map((p) => planId(a.sku, p)).sort()}`,
                  )
                  .sort();
                const held = (fixture.licenses ?? [])
                  .map((l) => `${l.skuId}:${[...(l.disabledPlans ?? [])].sort()}`)
                  .sort();
                assert.deepEqual(stated, held, `${d.user}\n${text}`);
              }
              const holding = users.filter((u) => (u.licenses?.length ?? 0) > 0 || (u.groups?.length ?? 0) > 0);
              // Users holding licenses only from groups are listed as comments: nothing direct to state.
              const direct = holding.filter((u) => (u.licenses?.length ?? 0) > 0);
              assert.equal(plan.users.length, direct.length, text);
              for (const guest of holding.filter((u) => u.userPrincipalName.includes('#EXT#'))) {
                assert.ok(
                  text.split('\n').some((l) => l.replace(/^# {3}/, '').startsWith(guest.userPrincipalName)),
                  `guest ${guest.userPrincipalName} is written by UPN`,
                );
              }
            } finally {
              await local.close();
            }
          },
        ),
        { numRuns: propertyRuns(25), seed: 13 },
      );
    });
  });
});
