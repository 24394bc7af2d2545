import * as assert from 'node:assert/strict';
import { type RunningEmulator } from '../../../src/emulator';
import { assignLicense, call, directSkus, get, PLAN, SKU, start } from './helpers';

const SHAREPOINTSTANDARD = 'c7699d2e-19aa-44de-8edf-1736da088ca1';
const SWAY = 'a23b959c-7ce8-4e57-9140-b90eb88a9e97';

function expectError(
  reply: { status: number; body: { error: { code: string; message: string } } },
  message: string,
  status = 400,
  code = 'Request_BadRequest',
) {
  assert.equal(reply.status, status, JSON.stringify(reply.body));
  assert.equal(reply.body.error.code, code);
  assert.equal(reply.body.error.message, message);
}

describe('emulator: POST /users/{id}/assignLicense', () => {
  let emu: RunningEmulator;
  beforeEach(async () => {
    emu = await start();
  });
  afterEach(() => emu.close());

  describe('success', () => {
    it('returns 200 with the default 11-property user object and @odata.context, and the user holds the SKU', async () => {
      const r = await assignLicense(emu, 'alice@contoso.com', [{ skuId: SKU.E3 }]);
      assert.equal(r.status, 200);
      assert.deepEqual(
        Object.keys(r.body).sort(),
        [
          '@odata.context',
          'businessPhones',
          'displayName',
          'givenName',
          'id',
          'jobTitle',
          'mail',
          'mobilePhone',
          'officeLocation',
          'preferredLanguage',
          'surname',
          'userPrincipalName',
        ].sort(),
      );
      assert.match(r.body['@odata.context'], /\/v1\.0\/\$metadata#users\/\$entity$/);
      assert.deepEqual(directSkus(emu, 'alice@contoso.com'), [SKU.E3]);
    });

    it('uses one seat per newly licensed user and frees it on removal', async () => {
      const before = emu.tenant.findSku('ENTERPRISEPACK')!.consumedUnits;
      await assignLicense(emu, 'alice@contoso.com', [{ skuId: SKU.E3 }]);
      assert.equal(emu.tenant.findSku('ENTERPRISEPACK')!.consumedUnits, before + 1);
      await assignLicense(emu, 'alice@contoso.com', [], [SKU.E3]);
      assert.equal(emu.tenant.findSku('ENTERPRISEPACK')!.consumedUnits, before);
    });

    it('accepts upper-case GUIDs and an object id instead of the UPN', async () => {
      const alice = emu.tenant.findUser('alice@contoso.com')!;
      const r = await assignLicense(emu, alice.id.toUpperCase(), [{ skuId: SKU.E3.toUpperCase() }]);
      assert.equal(r.status, 200);
      assert.deepEqual(directSkus(emu, 'alice@contoso.com'), [SKU.E3]);
    });

    it('re-adding a held SKU replaces its disabledPlans instead of merging them', async () => {
      assert.deepEqual(emu.tenant.findUser('bob@contoso.com')!.licenses[0].disabledPlans, [PLAN.YAMMER_ENTERPRISE]);
      const consumed = emu.tenant.findSku('ENTERPRISEPACK')!.consumedUnits;
      assert.equal(
        (await assignLicense(emu, 'bob@contoso.com', [{ skuId: SKU.E3, disabledPlans: [SWAY] }])).status,
        200,
      );
      assert.deepEqual(emu.tenant.findUser('bob@contoso.com')!.licenses[0].disabledPlans, [SWAY]);
      assert.equal(emu.tenant.findSku('ENTERPRISEPACK')!.consumedUnits, consumed, 'no new seat for a SKU already held');
    });

    it('adding Phone System and a Calling Plan in the same call succeeds (rules judge the resulting plan set)', async () => {
      const r = await assignLicense(emu, 'alice@contoso.com', [{ skuId: SKU.MCOPSTN1 }, { skuId: SKU.MCOEV }]);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.deepEqual(directSkus(emu, 'alice@contoso.com'), [SKU.MCOPSTN1, SKU.MCOEV].sort());
    });

    it('a Calling Plan is allowed when Phone System comes from a group', async () => {
      const r = await assignLicense(emu, 'nestor.wilke@contoso.com', [{ skuId: SKU.MCOPSTN_6 }]);
      assert.equal(r.status, 200, JSON.stringify(r.body));
    });

    it('a mutually exclusive plan can be avoided by disabling it', async () => {
      const r = await assignLicense(emu, 'patti.fernandez@contoso.com', [
        { skuId: SKU.E3, disabledPlans: [PLAN.SHAREPOINTENTERPRISE] },
      ]);
      assert.equal(r.status, 200, JSON.stringify(r.body));
    });

    it('removing the direct copy of a SKU that a group also assigns succeeds and keeps the license and the seat', async () => {
      const consumed = emu.tenant.findSku('ENTERPRISEPACK')!.consumedUnits;
      const r = await assignLicense(emu, 'frank@contoso.com', [], [SKU.E3]);
      assert.equal(r.status, 200);
      const user = await get(emu, '/users/frank@contoso.com?$select=assignedLicenses,licenseAssignmentStates');
      assert.deepEqual(
        user.body.assignedLicenses.map((l: { skuId: string }) => l.skuId),
        [SKU.E3],
      );
      assert.equal(user.body.licenseAssignmentStates.length, 1);
      assert.notEqual(user.body.licenseAssignmentStates[0].assignedByGroup, null);
      assert.equal(emu.tenant.findSku('ENTERPRISEPACK')!.consumedUnits, consumed);
    });

    it('adding directly a SKU the user already has through a group uses no extra seat', async () => {
      const sku = emu.tenant.findSku('ENTERPRISEPACK')!;
      sku.prepaidUnits.enabled = sku.consumedUnits; // no seat left
      const r = await assignLicense(emu, 'dave@contoso.com', [{ skuId: SKU.E3 }]);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.equal(emu.tenant.seatsLeft('ENTERPRISEPACK'), 0);
    });

    it('licenseAssignmentStates lists the direct assignment (assignedByGroup null) and each group one, Active with error "None"', async () => {
      const r = await get(emu, '/users/frank@contoso.com?$select=licenseAssignmentStates');
      const states = r.body.licenseAssignmentStates as {
        assignedByGroup: string | null;
        state: string;
        error: string;
        skuId: string;
      }[];
      assert.equal(states.length, 2);
      assert.deepEqual(states.map((s) => s.assignedByGroup === null).sort(), [false, true]);
      for (const s of states) {
        assert.equal(s.skuId, SKU.E3);
        assert.equal(s.state, 'Active');
        assert.equal(s.error, 'None');
      }
    });
  });

  describe('errors (verbatim Graph texts)', () => {
    it('a body without addLicenses is refused naming the missing parameter', async () => {
      const r = await call(emu, 'POST', '/users/alice@contoso.com/assignLicense', { removeLicenses: [] });
      expectError(
        r,
        "One or more parameters of the operation 'assignLicense' are missing from the request payload. The missing parameters are: addLicenses.",
      );
    });

    it('a body without removeLicenses is refused naming the missing parameter', async () => {
      const r = await call(emu, 'POST', '/users/alice@contoso.com/assignLicense', {
        addLicenses: [{ skuId: SKU.E3, disabledPlans: [] }],
      });
      expectError(
        r,
        "One or more parameters of the operation 'assignLicense' are missing from the request payload. The missing parameters are: removeLicenses.",
      );
      assert.deepEqual(directSkus(emu, 'alice@contoso.com'), []);
    });

    for (const [what, body] of [
      ['skuId', { addLicenses: [{ skuId: 'E3', disabledPlans: [] }], removeLicenses: [] }],
      ['disabledPlans', { addLicenses: [{ skuId: SKU.E3, disabledPlans: ['YAMMER_ENTERPRISE'] }], removeLicenses: [] }],
      ['removeLicenses', { addLicenses: [], removeLicenses: ['not-a-guid'] }],
    ] as const) {
      it(`a malformed GUID in ${what} is refused with the Edm.Guid conversion error`, async () => {
        const r = await call(emu, 'POST', '/users/bob@contoso.com/assignLicense', body);
        expectError(
          r,
          "Cannot convert a primitive value to the expected type 'Edm.Guid'. See the inner exception for more details.",
        );
      });
    }

    it('both lists empty is refused with "No license changes provided"', async () => {
      const r = await assignLicense(emu, 'alice@contoso.com', [], []);
      expectError(r, 'No license changes provided. At least one license to add or remove must be specified.');
    });

    it('adding a SKU the tenant does not subscribe to is refused as not a valid company License', async () => {
      const unknown = '0118a350-71fc-4ec3-8f0c-6a1cb8867561';
      expectError(
        await assignLicense(emu, 'alice@contoso.com', [{ skuId: unknown }]),
        `License ${unknown} does not correspond to a valid company License.`,
      );
    });

    it('removing a SKU the tenant does not subscribe to is refused as not a valid company License', async () => {
      const unknown = '0118a350-71fc-4ec3-8f0c-6a1cb8867561';
      expectError(
        await assignLicense(emu, 'bob@contoso.com', [], [unknown]),
        `License ${unknown} does not correspond to a valid company License.`,
      );
    });

    it("removing a license the user does not have is refused with Graph's text", async () => {
      expectError(
        await assignLicense(emu, 'alice@contoso.com', [], [SKU.E3]),
        'User does not have a corresponding license.',
      );
    });

    it("removing a group-inherited license is refused with Graph's text", async () => {
      expectError(
        await assignLicense(emu, 'dave@contoso.com', [], [SKU.E3]),
        'User license is inherited from a group membership and it cannot be removed directly from the user.',
      );
      assert.equal(emu.tenant.findUser('dave@contoso.com')!.groups.length, 1);
    });

    it('a SKU that applies to the Company cannot be assigned to a user', async () => {
      expectError(
        await assignLicense(emu, 'alice@contoso.com', [{ skuId: SKU.CRMSTORAGE }]),
        `License ${SKU.CRMSTORAGE} cannot be assigned to a user.`,
      );
    });

    it('a disabled plan that is not part of the SKU is refused', async () => {
      const r = await assignLicense(emu, 'alice@contoso.com', [{ skuId: SKU.E3, disabledPlans: [PLAN.MCOEV] }]);
      assert.equal(r.status, 400);
      assert.equal(r.body.error.code, 'Request_BadRequest');
      assert.match(r.body.error.message, new RegExp(`${PLAN.MCOEV}.*${SKU.E3}`));
      assert.deepEqual(directSkus(emu, 'alice@contoso.com'), []);
    });

    it('a user without usage location cannot get a license until one is set', async () => {
      expectError(
        await assignLicense(emu, 'carol@contoso.com', [{ skuId: SKU.E3 }]),
        'License assignment cannot be done for user with invalid usage location.',
      );
      assert.equal((await call(emu, 'PATCH', '/users/carol@contoso.com', { usageLocation: 'GB' })).status, 204);
      assert.equal((await assignLicense(emu, 'carol@contoso.com', [{ skuId: SKU.E3 }])).status, 200);
    });

    it('a user without usage location can still have a license removed', async () => {
      emu.tenant.findUser('bob@contoso.com')!.usageLocation = null;
      assert.equal((await assignLicense(emu, 'bob@contoso.com', [], [SKU.E3])).status, 200);
    });

    it('the demo MCOPSTN2 subscription runs out after 5 more users', async () => {
      assert.equal(emu.tenant.seatsLeft('MCOPSTN2'), 5);
      const e5Users = ['alice', 'bob', 'johanna.lorenz', 'christie.cline', 'debra.berger', 'irvin.sayers'];
      for (const u of e5Users.slice(0, 5)) {
        const r = await assignLicense(emu, `${u}@contoso.com`, [{ skuId: SKU.MCOEV }, { skuId: SKU.MCOPSTN2 }]);
        assert.equal(r.status, 200, `${u}: ${JSON.stringify(r.body)}`);
      }
      const last = await assignLicense(emu, 'irvin.sayers@contoso.com', [
        { skuId: SKU.MCOEV },
        { skuId: SKU.MCOPSTN2 },
      ]);
      expectError(last, `Subscription with SKU ${SKU.MCOPSTN2} does not have any available licenses.`);
      assert.deepEqual(
        directSkus(emu, 'irvin.sayers@contoso.com'),
        [],
        'MCOEV is not assigned either: the call is atomic',
      );
      assert.equal(emu.tenant.seatsLeft('MCOPSTN2'), 0);
    });

    it('two Calling Plans are refused as mutually exclusive service plans', async () => {
      const r = await assignLicense(emu, 'erin@contoso.com', [{ skuId: SKU.MCOPSTN2 }]);
      expectError(
        r,
        `License assignment failed because service plans ${PLAN.MCOPSTN1}, ${PLAN.MCOPSTN2} are mutually exclusive.`,
      );
    });

    it('E3 on an E1 user is refused: their SharePoint plans are mutually exclusive', async () => {
      const r = await assignLicense(emu, 'patti.fernandez@contoso.com', [{ skuId: SKU.E3 }]);
      expectError(
        r,
        `License assignment failed because service plans ${PLAN.SHAREPOINTENTERPRISE}, ${SHAREPOINTSTANDARD} are mutually exclusive.`,
      );
    });

    it('a Calling Plan without Phone System is refused as a dependency violation', async () => {
      const r = await assignLicense(emu, 'alice@contoso.com', [{ skuId: SKU.MCOPSTN1 }]);
      expectError(
        r,
        `License assignment failed because service plan ${PLAN.MCOPSTN1} depends on the service plan(s) ${PLAN.MCOEV}.`,
      );
    });

    it('Audio Conferencing without Skype for Business is refused as a dependency violation', async () => {
      const r = await assignLicense(emu, 'alice@contoso.com', [{ skuId: SKU.MCOMEETADV }]);
      expectError(
        r,
        `License assignment failed because service plan ${PLAN.MCOMEETADV} depends on the service plan(s) ${PLAN.MCOSTANDARD}.`,
      );
    });

    it('removing Phone System while keeping a Calling Plan is refused (rules judge the resulting plan set)', async () => {
      assert.equal(
        (await assignLicense(emu, 'alice@contoso.com', [{ skuId: SKU.MCOPSTN1 }, { skuId: SKU.MCOEV }])).status,
        200,
      );
      const r = await assignLicense(emu, 'alice@contoso.com', [], [SKU.MCOEV]);
      expectError(
        r,
        `License assignment failed because service plan ${PLAN.MCOPSTN1} depends on the service plan(s) ${PLAN.MCOEV}.`,
      );
      assert.deepEqual(directSkus(emu, 'alice@contoso.com'), [SKU.MCOPSTN1, SKU.MCOEV].sort());
    });

    it('disabling Phone System inside E5 while a Calling Plan needs it is refused', async () => {
      const r = await assignLicense(emu, 'erin@contoso.com', [{ skuId: SKU.E5, disabledPlans: [PLAN.MCOEV] }]);
      expectError(
        r,
        `License assignment failed because service plan ${PLAN.MCOPSTN1} depends on the service plan(s) ${PLAN.MCOEV}.`,
      );
      assert.deepEqual(
        emu.tenant.findUser('erin@contoso.com')!.licenses.find((l) => l.skuId === SKU.E5)!.disabledPlans,
        [],
      );
    });

    it('a call with one bad license changes nothing (all-or-nothing)', async () => {
      const consumed = emu.tenant.findSku('ENTERPRISEPACK')!.consumedUnits;
      const r = await assignLicense(emu, 'alice@contoso.com', [{ skuId: SKU.E3 }, { skuId: SKU.CRMSTORAGE }]);
      assert.equal(r.status, 400);
      assert.deepEqual(directSkus(emu, 'alice@contoso.com'), []);
      assert.equal(emu.tenant.findSku('ENTERPRISEPACK')!.consumedUnits, consumed);
    });

    it('an unknown user is a 404 Request_ResourceNotFound naming the identifier', async () => {
      const r = await assignLicense(emu, 'nobody@contoso.com', [{ skuId: SKU.E3 }]);
      expectError(
        r,
        "Resource 'nobody@contoso.com' does not exist or one of its queried reference-property objects are not present.",
        404,
        'Request_ResourceNotFound',
      );
    });

    it('a body that is not JSON is a 400', async () => {
      const r = await call(emu, 'POST', '/users/alice@contoso.com/assignLicense', '{"addLicenses": [');
      assert.equal(r.status, 400);
      assert.match(r.body.error.message, /Unable to read JSON request payload/);
    });
  });
});
