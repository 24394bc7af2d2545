import * as assert from 'node:assert/strict';
import {
  ALL_SALES_GROUP_ID,
  E5_PILOT_GROUP_ID,
  PHONE_PILOT_GROUP_ID,
  type RunningEmulator,
} from '../../../src/emulator';
import { assignLicense, directSkus, get, SKU, start } from './helpers';

interface State {
  skuId: string;
  assignedByGroup: string | null;
  state: string;
  error: string;
  disabledPlans: string[];
  lastUpdatedDateTime: string;
}

const SELECT = '$select=assignedLicenses,licenseAssignmentStates,assignedPlans';

/** Group licenses in an error state (demo-tenant.ts header; tenant.ts GroupLicenseErrorFixture). */
describe('emulator: group licenses in an error state (licenseAssignmentStates)', () => {
  let emu: RunningEmulator;
  beforeEach(async () => {
    emu = await start();
  });
  afterEach(() => emu.close());

  const read = async (user: string) =>
    (await get(emu, `/users/${user}?${SELECT}`)).body as {
      assignedLicenses: { skuId: string }[];
      licenseAssignmentStates: State[];
      assignedPlans: unknown[];
    };
  const skus = (r: { assignedLicenses: { skuId: string }[] }) => r.assignedLicenses.map((l) => l.skuId).sort();

  it('CountViolation: the group license shows state "Error", and the user does not have it (no assignedLicenses, licenseDetails or plans)', async () => {
    const r = await read('catherine.gibson@contoso.com');
    assert.equal(r.licenseAssignmentStates.length, 1);
    const [s] = r.licenseAssignmentStates;
    assert.deepEqual(
      {
        skuId: s.skuId,
        assignedByGroup: s.assignedByGroup,
        state: s.state,
        error: s.error,
        disabledPlans: s.disabledPlans,
      },
      { skuId: SKU.E5, assignedByGroup: E5_PILOT_GROUP_ID, state: 'Error', error: 'CountViolation', disabledPlans: [] },
    );
    assert.match(s.lastUpdatedDateTime, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.deepEqual(r.assignedLicenses, []);
    assert.deepEqual(r.assignedPlans, []);
    assert.deepEqual((await get(emu, '/users/catherine.gibson@contoso.com/licenseDetails')).body.value, []);
    const holders = await get(
      emu,
      `/users?$select=userPrincipalName&$filter=assignedLicenses/any(x:x/skuId eq ${SKU.E5})&$top=999`,
    );
    assert.ok(
      !holders.body.value.some(
        (u: { userPrincipalName: string }) => u.userPrincipalName === 'catherine.gibson@contoso.com',
      ),
    );
  });

  it('MutuallyExclusiveViolation: the direct E1 is Active, the group E3 is "Error"; she holds E1 only', async () => {
    const r = await read('anna.bergman@contoso.com');
    const states = r.licenseAssignmentStates.map(({ skuId, assignedByGroup, state, error }) => ({
      skuId,
      assignedByGroup,
      state,
      error,
    }));
    assert.deepEqual(states, [
      { skuId: SKU.E1, assignedByGroup: null, state: 'Active', error: 'None' },
      { skuId: SKU.E3, assignedByGroup: ALL_SALES_GROUP_ID, state: 'Error', error: 'MutuallyExclusiveViolation' },
    ]);
    assert.deepEqual(skus(r), [SKU.E1]);
  });

  it('ActiveWithError (DependencyViolation): the group license is still held, enabled and counted', async () => {
    const r = await read('cameron.white@contoso.com');
    const group = r.licenseAssignmentStates.find((s) => s.assignedByGroup)!;
    assert.deepEqual(
      [group.skuId, group.assignedByGroup, group.state, group.error],
      [SKU.MCOEV, PHONE_PILOT_GROUP_ID, 'ActiveWithError', 'DependencyViolation'],
    );
    assert.deepEqual(skus(r), [SKU.MCOEV, SKU.MCOPSTN1].sort());
    const user = emu.tenant.findUser('cameron.white@contoso.com')!;
    assert.ok(emu.tenant.heldSkuIds(user).has(SKU.MCOEV));
  });

  it('a license in state Error takes no seat: consumedUnits agree with a recount and leave those users out', async () => {
    const before = emu.tenant.skus.map((s) => [s.skuPartNumber, s.consumedUnits]);
    emu.tenant.recount();
    assert.deepEqual(
      emu.tenant.skus.map((s) => [s.skuPartNumber, s.consumedUnits]),
      before,
    );
    const holdersOf = (skuId: string) =>
      emu.tenant.users.filter((u) => emu.tenant.heldSkuIds(u).has(skuId)).map((u) => u.userPrincipalName);
    assert.ok(!holdersOf(SKU.E5).includes('catherine.gibson@contoso.com'));
    assert.ok(!holdersOf(SKU.E3).includes('anna.bergman@contoso.com'));
    assert.equal(emu.tenant.findSku('ENTERPRISEPREMIUM')!.consumedUnits, holdersOf(SKU.E5).length);
  });

  it('every other user\'s licenses are Active with error "None"', async () => {
    const page = await get(emu, '/users?$select=userPrincipalName,licenseAssignmentStates&$top=999');
    const inError = (page.body.value as { userPrincipalName: string; licenseAssignmentStates: State[] }[])
      .filter((u) => u.licenseAssignmentStates.some((s) => s.state !== 'Active' || s.error !== 'None'))
      .map((u) => u.userPrincipalName)
      .sort();
    assert.deepEqual(
      inError,
      ['anna.bergman@contoso.com', 'catherine.gibson@contoso.com', 'cameron.white@contoso.com'].sort(),
    );
  });

  describe('direct assignments next to a group license in error', () => {
    it('catherine can be given E5 directly: it takes a seat, and the group record stays until reprocessed', async () => {
      const left = emu.tenant.seatsLeft('ENTERPRISEPREMIUM');
      assert.equal((await assignLicense(emu, 'catherine.gibson@contoso.com', [{ skuId: SKU.E5 }])).status, 200);
      assert.equal(emu.tenant.seatsLeft('ENTERPRISEPREMIUM'), left - 1);
      const r = await read('catherine.gibson@contoso.com');
      assert.deepEqual(skus(r), [SKU.E5]);
      assert.deepEqual(
        r.licenseAssignmentStates.map((s) => [s.assignedByGroup, s.state, s.error]),
        [
          [null, 'Active', 'None'],
          [E5_PILOT_GROUP_ID, 'Error', 'CountViolation'],
        ],
      );
    });

    it('anna: E3 directly is still refused for her E1; removing the E3 she never got is "does not have"', async () => {
      const add = await assignLicense(emu, 'anna.bergman@contoso.com', [{ skuId: SKU.E3 }]);
      assert.equal(add.status, 400);
      assert.match(add.body.error.message, /are mutually exclusive/);
      const remove = await assignLicense(emu, 'anna.bergman@contoso.com', [], [SKU.E3]);
      assert.equal(remove.status, 400);
      assert.equal(remove.body.error.message, 'User does not have a corresponding license.');
    });

    it('anna: removing her E1 works; the E3 error stays (no automatic reprocessing) and she still has no E3', async () => {
      const e3 = emu.tenant.findSku('ENTERPRISEPACK')!.consumedUnits;
      assert.equal((await assignLicense(emu, 'anna.bergman@contoso.com', [], [SKU.E1])).status, 200);
      assert.deepEqual(directSkus(emu, 'anna.bergman@contoso.com'), []);
      const r = await read('anna.bergman@contoso.com');
      assert.deepEqual(r.assignedLicenses, []);
      assert.deepEqual(
        r.licenseAssignmentStates.map((s) => [s.skuId, s.state, s.error]),
        [[SKU.E3, 'Error', 'MutuallyExclusiveViolation']],
      );
      assert.equal(emu.tenant.findSku('ENTERPRISEPACK')!.consumedUnits, e3);
    });

    it('cameron: removing the Calling Plan leaves the group MCOEV held, still ActiveWithError', async () => {
      assert.equal((await assignLicense(emu, 'cameron.white@contoso.com', [], [SKU.MCOPSTN1])).status, 200);
      const r = await read('cameron.white@contoso.com');
      assert.deepEqual(skus(r), [SKU.MCOEV]);
      assert.deepEqual(
        r.licenseAssignmentStates.map((s) => [s.skuId, s.state]),
        [[SKU.MCOEV, 'ActiveWithError']],
      );
    });
  });
});
