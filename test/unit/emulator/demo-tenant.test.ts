import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as assert from 'node:assert/strict';
import {
  ALL_SALES_GROUP_ID,
  demoTenant,
  E5_PILOT_GROUP_ID,
  EmulatorTenant,
  PHONE_PILOT_GROUP_ID,
  type UserFixture,
} from '../../../src/emulator';
import { checkDependencies, checkMutualExclusion, enabledPlans } from '../../../src/emulator/licensing/plan-rules';
import { PLAN, SKU } from './helpers';
import { atScale } from '../fixtures/scale';

describe('emulator: demo tenant fixture', () => {
  const fixture = demoTenant();
  const tenant = new EmulatorTenant(fixture);

  it('is deterministic: two calls give the same tenant', () => {
    assert.deepEqual(demoTenant(), fixture);
  });

  it('has 300 users with unique ids and UPNs, contoso style', () => {
    assert.equal(fixture.users.length, 300);
    assert.equal(new Set(fixture.users.map((u) => u.id)).size, 300);
    assert.equal(new Set(fixture.users.map((u) => u.userPrincipalName.toLowerCase())).size, 300);
    for (const u of fixture.users) assert.match(u.userPrincipalName, /^[a-z0-9.]+@contoso\.com$/);
    assert.ok(tenant.findUser('adele.vance@contoso.com'));
  });

  it('holds every user that samples/*.licenses names (npm run demo applies them)', () => {
    const dir = join(__dirname, '..', '..', '..', '..', 'samples');
    const users = readdirSync(dir)
      .filter((f) => f.endsWith('.licenses'))
      .flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n'))
      .map((l) => l.trim())
      .filter((l) => /^[^#\s]+@contoso\.com$/.test(l));
    assert.ok(users.length >= 6, `samples name only ${users.length} users`);
    for (const user of users) assert.ok(tenant.findUser(user), user);
  });

  it('holds the SKUs the product demonstrates, with their real ids', () => {
    const parts = fixture.skus.map((s) => s.skuPartNumber);
    for (const p of [
      'ENTERPRISEPACK',
      'ENTERPRISEPREMIUM',
      'SPE_E5',
      'MCOEV',
      'MCOPSTN1',
      'MCOPSTN2',
      'MCOMEETADV',
      'MCOPSTNC',
      'MCOPSTN_6',
      'STANDARDPACK',
      'FLOW_FREE',
      'CRMSTORAGE',
    ]) {
      assert.ok(parts.includes(p), p);
    }
    assert.equal(tenant.findSku('MCOPSTN_6')!.skuId, SKU.MCOPSTN_6);
    assert.equal(tenant.findSku('CRMSTORAGE')!.appliesTo, 'Company');
    assert.ok(tenant.findSku('ENTERPRISEPREMIUM')!.servicePlans.some((p) => p.servicePlanId === PLAN.MCOEV));
  });

  it('has limited seats: MCOPSTN2 has 5 left', () => {
    assert.equal(tenant.seatsLeft('MCOPSTN2'), 5);
  });

  it('counts consumedUnits once per user, even when a SKU is both direct and group-assigned', () => {
    // A group license in state Error was never assigned (anna.bergman's E3): it takes no seat.
    const groupE3 = (u: UserFixture) =>
      (u.groups ?? []).includes(ALL_SALES_GROUP_ID) &&
      !(u.groupLicenseErrors ?? []).some((e) => e.groupId === ALL_SALES_GROUP_ID && e.state === 'Error');
    const holders = fixture.users.filter(
      (u) => (u.licenses ?? []).some((l) => l.skuId === SKU.E3) || groupE3(u),
    ).length;
    assert.equal(tenant.findSku('ENTERPRISEPACK')!.consumedUnits, holders);
    assert.ok(
      fixture.users.some(
        (u) => (u.licenses ?? []).some((l) => l.skuId === SKU.E3) && (u.groups ?? []).includes(ALL_SALES_GROUP_ID),
      ),
      'a user with both',
    );
  });

  it('has the special states the demos rely on', () => {
    assert.equal(tenant.findUser('carol@contoso.com')!.usageLocation, null);
    assert.ok(fixture.users.filter((u) => !u.usageLocation).length >= 20);
    assert.deepEqual(tenant.findUser('dave@contoso.com')!.licenses, []);
    assert.deepEqual(tenant.findUser('dave@contoso.com')!.groups, [ALL_SALES_GROUP_ID]);
    assert.equal(tenant.findGroup(ALL_SALES_GROUP_ID)!.displayName, 'All Sales');
    assert.deepEqual(tenant.findUser('bob@contoso.com')!.licenses[0].disabledPlans, [PLAN.YAMMER_ENTERPRISE]);
  });

  it('has users whose group license is in an error state, each for a documented reason', () => {
    const errors = (upn: string) =>
      tenant
        .findUser(upn)!
        .groupLicenseErrors.map(({ groupId, skuId, state, error }) => ({ groupId, skuId, state, error }));
    assert.deepEqual(errors('catherine.gibson@contoso.com'), [
      { groupId: E5_PILOT_GROUP_ID, skuId: SKU.E5, state: 'Error', error: 'CountViolation' },
    ]);
    assert.deepEqual(errors('anna.bergman@contoso.com'), [
      { groupId: ALL_SALES_GROUP_ID, skuId: SKU.E3, state: 'Error', error: 'MutuallyExclusiveViolation' },
    ]);
    assert.deepEqual(errors('cameron.white@contoso.com'), [
      { groupId: PHONE_PILOT_GROUP_ID, skuId: SKU.MCOEV, state: 'ActiveWithError', error: 'DependencyViolation' },
    ]);
    // anna's E3 would conflict with her E1 (the reason for her error); cameron's Calling Plan needs the MCOEV the group
    // keeps.
    const anna = tenant.findUser('anna.bergman@contoso.com')!;
    assert.ok(
      checkMutualExclusion(
        enabledPlans(tenant, [...anna.licenses, ...tenant.groupAssignments(anna).map((a) => a.license)]),
      ),
    );
    const cameron = tenant.findUser('cameron.white@contoso.com')!;
    assert.ok(checkDependencies(tenant, enabledPlans(tenant, cameron.licenses)));
    // Every record names a group the user is in and a SKU that group assigns; nobody else has one.
    for (const u of tenant.users) {
      for (const e of u.groupLicenseErrors) {
        assert.ok(
          u.groups.includes(e.groupId) && tenant.findGroup(e.groupId)!.licenses.some((l) => l.skuId === e.skuId),
          u.userPrincipalName,
        );
      }
    }
    assert.equal(tenant.users.filter((u) => u.groupLicenseErrors.length).length, 3);
  });

  it('no user breaks a licensing rule (the fixture is a state Graph could have)', () => {
    for (const u of tenant.users) {
      const plans = enabledPlans(tenant, [...u.licenses, ...tenant.groupLicenses(u).map((g) => g.license)]);
      const problem = checkMutualExclusion(plans) ?? checkDependencies(tenant, plans);
      assert.equal(problem, undefined, `${u.userPrincipalName}: ${problem?.message}`);
    }
  });

  // The bench's 10,000 in the scale stage, 1,000 in the unit stage: the same generated users and seats.
  const size = atScale() ? 10_000 : 1_000;
  it(`can be sized for benchmarks: ${size.toLocaleString('en-US')} users, user00001… beyond the named ones, seats for everyone`, () => {
    const big = new EmulatorTenant(demoTenant({ users: size }));
    assert.equal(big.users.length, size);
    assert.ok(big.findUser('user00001@contoso.com'));
    assert.ok(big.findUser(`user${String(size - 300).padStart(5, '0')}@contoso.com`));
    assert.ok(big.findUser('alice@contoso.com'));
    assert.equal(big.findUser('alice@contoso.com')!.id, tenant.findUser('alice@contoso.com')!.id);
    for (const s of big.skus) assert.ok(big.seatsLeft(s.skuId) >= size, s.skuPartNumber);
    assert.equal(new Set(big.users.map((u) => u.userPrincipalName)).size, size);
  });
});
