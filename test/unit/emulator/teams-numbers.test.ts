import { strict as assert } from 'node:assert';
import { ManualClock, type RunningEmulator } from '../../../src/emulator';
import { assignLicense, SKU, start } from './helpers';
import { NUMBERS, operationPath, teamsCall, userIdOf } from './teams-helpers';

const UNASSIGNED_FOR_USERS = `$filter=${encodeURIComponent(
  "assignmentStatus eq 'unassigned' and capabilities/any(c:c eq 'userAssignment')",
)}`;

describe('emulator: Teams telephone numbers', () => {
  let emu: RunningEmulator;
  let clock: ManualClock;
  beforeEach(async () => {
    clock = new ManualClock();
    emu = await start({ clock });
  });
  afterEach(() => emu.close());

  describe('the inventory', () => {
    it('lists the free numbers a user can take, of each type, leaving out a conference-only one', async () => {
      const r = await teamsCall(emu, 'GET', `${NUMBERS}/numberAssignments?${UNASSIGNED_FOR_USERS}`);
      assert.equal(r.status, 200);
      const byType = new Map<string, number>();
      for (const n of r.body.value) byType.set(n.numberType, (byType.get(n.numberType) ?? 0) + 1);
      assert.deepEqual(Object.fromEntries(byType), { callingPlan: 10, operatorConnect: 5, directRouting: 5 });
      assert.ok(!r.body.value.some((n: { telephoneNumber: string }) => n.telephoneNumber === '+14255550199'));
    });

    it('filters by number type as the page spells it, and finds one number by its telephoneNumber', async () => {
      const dr = await teamsCall(emu, 'GET', `${NUMBERS}/numberAssignments?$filter=numberType eq 'DirectRouting'`);
      assert.equal(dr.body.value.length, 6);
      const one = await teamsCall(emu, 'GET', `${NUMBERS}/numberAssignments?$filter=telephoneNumber eq '+14255550100'`);
      assert.equal(one.body.value.length, 1);
      assert.equal(one.body.value[0].assignmentStatus, 'userAssigned');
      assert.equal(one.body.value[0].assignmentTargetId, userIdOf(emu, 'erin@contoso.com'));
    });

    it('refuses a filter on city, which the page excludes', async () => {
      const r = await teamsCall(emu, 'GET', `${NUMBERS}/numberAssignments?$filter=city eq 'Paris'`);
      assert.equal(r.status, 400);
    });

    it('pages with $top and $skip, and says where the next page is', async () => {
      const first = await teamsCall(emu, 'GET', `${NUMBERS}/numberAssignments?$top=10`);
      assert.equal(first.body.value.length, 10);
      assert.match(first.body['@odata.nextLink'], /\$skip=10/);
      const last = await teamsCall(emu, 'GET', `${NUMBERS}/numberAssignments?$top=10&$skip=20`);
      assert.equal(last.body.value.length, 5);
      assert.equal(last.body['@odata.nextLink'], undefined);
      assert.equal((await teamsCall(emu, 'GET', `${NUMBERS}/numberAssignments?$top=1001`)).status, 400);
    });
  });

  describe('assignNumber and its operation', () => {
    it('answers 202 with an operation that runs, then succeeds; the number and the user show it', async () => {
      const nestor = userIdOf(emu, 'nestor.wilke@contoso.com');
      const r = await teamsCall(emu, 'POST', `${NUMBERS}/numberAssignments/assignNumber`, {
        telephoneNumber: '+14255550110',
        assignmentTargetId: nestor,
        numberType: 'callingPlan',
      });
      assert.equal(r.status, 202);
      const op = operationPath(r);
      assert.equal((await teamsCall(emu, 'GET', op)).body.status, 'running');
      clock.advance(2000);
      const done = await teamsCall(emu, 'GET', op);
      assert.equal(done.body.status, 'succeeded');
      assert.equal(done.body.numbers[0].status, 'succeeded');
      const n = await teamsCall(emu, 'GET', `${NUMBERS}/numberAssignments?$filter=telephoneNumber eq '+14255550110'`);
      assert.equal(n.body.value[0].assignmentStatus, 'userAssigned');
      const config = await teamsCall(emu, 'GET', `/admin/teams/userConfigurations/${nestor}`);
      assert.deepEqual(config.body.telephoneNumbers, [
        { telephoneNumber: '+14255550110', assignmentCategory: 'primary' },
      ]);
      assert.equal(config.body.isEnterpriseVoiceEnabled, true);
    });

    it("refuses a newly licensed user until Teams has seen the license, with Teams' own words", async () => {
      const alice = userIdOf(emu, 'alice@contoso.com');
      assert.equal((await assignLicense(emu, alice, [{ skuId: SKU.MCOEV }, { skuId: SKU.MCOPSTN1 }])).status, 200);
      const body = { telephoneNumber: '+14255550111', assignmentTargetId: alice, numberType: 'callingPlan' };
      clock.advance(19_000);
      const early = await teamsCall(emu, 'POST', `${NUMBERS}/numberAssignments/assignNumber`, body);
      assert.equal(early.status, 400);
      assert.equal(
        early.body.error.message,
        `User '${alice}' lacks appropriate licenses to assign a 'CallingPlan' number`,
      );
      const seenEarly = await teamsCall(emu, 'GET', `/admin/teams/userConfigurations/${alice}`);
      assert.deepEqual(seenEarly.body.featureTypes, ['Teams']);
      clock.advance(1000);
      assert.equal((await teamsCall(emu, 'POST', `${NUMBERS}/numberAssignments/assignNumber`, body)).status, 202);
    });

    it('refuses a Calling Plan number to a user with Phone System only, and gives her an Operator Connect one', async () => {
      const megan = userIdOf(emu, 'megan.bowen@contoso.com');
      await teamsCall(emu, 'POST', `${NUMBERS}/numberAssignments/unassignNumber`, {
        telephoneNumber: '+442079460100',
        numberType: 'operatorConnect',
      });
      clock.advance(2000);
      const cp = await teamsCall(emu, 'POST', `${NUMBERS}/numberAssignments/assignNumber`, {
        telephoneNumber: '+14255550112',
        assignmentTargetId: megan,
        numberType: 'callingPlan',
      });
      assert.equal(cp.status, 400);
      assert.match(cp.body.error.message, /lacks appropriate licenses to assign a 'CallingPlan' number/);
      const oc = await teamsCall(emu, 'POST', `${NUMBERS}/numberAssignments/assignNumber`, {
        telephoneNumber: '+442079460110',
        assignmentTargetId: megan,
        numberType: 'operatorConnect',
      });
      assert.equal(oc.status, 202);
    });

    it('refuses a Direct Routing number to a user without Phone System', async () => {
      const alice = userIdOf(emu, 'alice@contoso.com');
      const r = await teamsCall(emu, 'POST', `${NUMBERS}/numberAssignments/assignNumber`, {
        telephoneNumber: '+33170000011',
        assignmentTargetId: alice,
        numberType: 'directRouting',
      });
      assert.equal(r.status, 400);
      assert.equal(
        r.body.error.message,
        `User '${alice}' lacks appropriate licenses to assign a 'DirectRouting' number`,
      );
    });

    it('a license with its Calling Plan turned off gives no Calling Plan to Teams', async () => {
      const alice = userIdOf(emu, 'alice@contoso.com');
      const callingPlan = emu.tenant.findSku(SKU.MCOPSTN1)!.servicePlans[0].servicePlanId;
      await assignLicense(emu, alice, [{ skuId: SKU.MCOEV }, { skuId: SKU.MCOPSTN1, disabledPlans: [callingPlan] }]);
      clock.advance(60_000);
      const r = await teamsCall(emu, 'POST', `${NUMBERS}/numberAssignments/assignNumber`, {
        telephoneNumber: '+14255550115',
        assignmentTargetId: alice,
        numberType: 'callingPlan',
      });
      assert.equal(r.status, 400);
      const config = await teamsCall(emu, 'GET', `/admin/teams/userConfigurations/${alice}`);
      assert.deepEqual(config.body.featureTypes, ['Teams', 'PhoneSystem']);
    });

    it('answers "not found from tenant" for a number given with another type than its own', async () => {
      const r = await teamsCall(emu, 'POST', `${NUMBERS}/numberAssignments/assignNumber`, {
        telephoneNumber: '+33170000010',
        assignmentTargetId: userIdOf(emu, 'lynne.robbins@contoso.com'),
        numberType: 'operatorConnect',
      });
      assert.equal(r.status, 400);
      assert.match(r.body.error.message, /^Telephone Number '\+33170000010' is not found from tenant '/);
    });

    it('refuses a number held by someone else, and one without the userAssignment capability', async () => {
      const nestor = userIdOf(emu, 'nestor.wilke@contoso.com');
      for (const telephoneNumber of ['+14255550100', '+14255550199']) {
        const r = await teamsCall(emu, 'POST', `${NUMBERS}/numberAssignments/assignNumber`, {
          telephoneNumber,
          assignmentTargetId: nestor,
          numberType: 'callingPlan',
        });
        assert.equal(r.status, 400, telephoneNumber);
      }
    });

    it('names a missing parameter', async () => {
      const r = await teamsCall(
        emu,
        'POST',
        `${NUMBERS}/numberAssignments/assignNumber`,
        { telephoneNumber: '+14255550110', numberType: 'callingPlan' },
        emu.token,
        { malformedOnPurpose: true },
      );
      assert.equal(r.status, 400);
      assert.match(r.body.error.message, /The missing parameters are: assignmentTargetId\./);
    });
  });

  describe('unassignNumber and updateNumber', () => {
    it('takes a number back through an operation; the number is free once it ends', async () => {
      const r = await teamsCall(emu, 'POST', `${NUMBERS}/numberAssignments/unassignNumber`, {
        telephoneNumber: '+14255550100',
        numberType: 'callingPlan',
      });
      assert.equal(r.status, 202);
      clock.advance(2000);
      assert.equal((await teamsCall(emu, 'GET', operationPath(r))).body.status, 'succeeded');
      const erin = await teamsCall(emu, 'GET', `/admin/teams/userConfigurations/${userIdOf(emu, 'erin@contoso.com')}`);
      assert.deepEqual(erin.body.telephoneNumbers, []);
    });

    it('sets an emergency location synchronously, and clears it with an empty string', async () => {
      const path = `${NUMBERS}/numberAssignments/updateNumber`;
      const location = '3a1d7b2e-0000-4000-8000-000000000001';
      assert.equal(
        (await teamsCall(emu, 'POST', path, { telephoneNumber: '+33170000001', locationId: location })).status,
        200,
      );
      const read = () =>
        teamsCall(emu, 'GET', `${NUMBERS}/numberAssignments?$filter=telephoneNumber eq '+33170000001'`);
      assert.equal((await read()).body.value[0].locationId, location);
      await teamsCall(emu, 'POST', path, { telephoneNumber: '+33170000001', locationId: null });
      assert.equal((await read()).body.value[0].locationId, location);
      await teamsCall(emu, 'POST', path, { telephoneNumber: '+33170000001', locationId: '' });
      assert.equal((await read()).body.value[0].locationId, null);
    });
  });

  describe('permissions and roles', () => {
    const assign = (token: string) =>
      teamsCall(
        emu,
        'POST',
        `${NUMBERS}/numberAssignments/assignNumber`,
        {
          telephoneNumber: '+14255550113',
          assignmentTargetId: userIdOf(emu, 'nestor.wilke@contoso.com'),
          numberType: 'callingPlan',
        },
        token,
      );

    it('reads with TeamsTelephoneNumber.Read.All, but assigns only with ReadWrite.All', async () => {
      const read = emu.mintToken({ roles: ['TeamsTelephoneNumber.Read.All'] });
      assert.equal((await teamsCall(emu, 'GET', `${NUMBERS}/numberAssignments`, undefined, read)).status, 200);
      assert.equal((await assign(read)).status, 403);
      assert.equal((await assign(emu.mintToken({ roles: ['TeamsTelephoneNumber.ReadWrite.All'] }))).status, 202);
    });

    it('needs TeamsUserConfiguration.Read.All for user configurations', async () => {
      const numbersOnly = emu.mintToken({ roles: ['TeamsTelephoneNumber.ReadWrite.All'] });
      assert.equal(
        (await teamsCall(emu, 'GET', '/admin/teams/userConfigurations', undefined, numbersOnly)).status,
        403,
      );
      const config = emu.mintToken({ roles: ['TeamsUserConfiguration.Read.All'] });
      const r = await teamsCall(emu, 'GET', '/admin/teams/userConfigurations?$top=5', undefined, config);
      assert.equal(r.status, 200);
      assert.equal(r.body.value.length, 5);
      assert.ok(r.body['@odata.nextLink']);
    });

    it('a delegated admin needs the Teams Communications Administrator role (or a wider one) to assign', async () => {
      const scopes = ['TeamsTelephoneNumber.ReadWrite.All'];
      assert.equal((await assign(emu.mintToken({ scopes, directoryRoles: ['License Administrator'] }))).status, 403);
      const ok = emu.mintToken({ scopes, directoryRoles: ['Teams Communications Administrator'] });
      assert.equal((await assign(ok)).status, 202);
    });
  });
});
