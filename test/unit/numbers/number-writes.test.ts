import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assignNumber, unassignNumber, updateNumberLocation } from '../../../src/core/numbers/number-writes';
import { readNumberInventory, readUserVoiceState, readUserVoiceStates } from '../../../src/core/numbers/teams-reads';
import { bundleTranslator } from '../../../src/core/text/translate';
import { SKU } from '../emulator/helpers';
import { assertConformance, startNumbersTenant, type NumbersTenant } from './helpers';
import { sharedDemoTenant } from '../fixtures/test-tenant';

const RESUME = 'licenses apply --retry-failed run.journal';
const ASSIGN_PATH = /\/numberAssignments\/assignNumber$/;

/** Gives the user Phone System and a Domestic Calling Plan through Graph, as the license stage would. */
async function licenseForCalling(tenant: NumbersTenant, upn: string): Promise<string> {
  const id = tenant.userId(upn);
  const res = await fetch(`${tenant.emulator.baseUrl}/users/${id}/assignLicense`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${tenant.emulator.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({
      addLicenses: [
        { skuId: SKU.MCOEV, disabledPlans: [] },
        { skuId: SKU.MCOPSTN1, disabledPlans: [] },
      ],
      removeLicenses: [],
    }),
  });
  assert.equal(res.status, 200);
  return id;
}

describe('numbers: assigning a number through Graph, to the end', () => {
  let tenant: NumbersTenant;
  afterEach(() => tenant?.close());

  it('retries "not licensed yet" while Teams catches up with a new license, then assigns and reads it back', async () => {
    tenant = await startNumbersTenant(); // the demo tenant: Teams sees a license 20 s after it is assigned
    const alice = await licenseForCalling(tenant, 'alice@contoso.com');
    const outcome = await assignNumber(
      tenant.connection,
      { userId: alice, telephoneNumber: '+1 425 555 0114', numberType: 'callingPlan', licensedInEntra: true },
      { clock: tenant.clock, resumeCommand: RESUME },
    );
    assert.equal(outcome.kind, 'assigned', JSON.stringify(outcome));
    assert.ok(outcome.kind === 'assigned');
    assert.equal(outcome.telephoneNumber, '+14255550114');
    assert.equal(outcome.licenseRetries, 2, 'refused at 0 s and 15 s, taken at 45 s');
    assert.equal(outcome.readBack, 'confirmed');
    assert.equal(outcome.isEnterpriseVoiceEnabled, true);
    const assigns = tenant.exchanges.filter((x) => ASSIGN_PATH.test(x.path));
    assert.deepEqual(
      assigns.map((x) => x.status),
      [400, 400, 202],
    );
    assert.ok(
      tenant.exchanges.some((x) => /\/operations\//.test(x.path)),
      'the operation was polled',
    );
    const state = await readUserVoiceState(tenant.connection, alice);
    assert.ok(state.ok);
    assert.deepEqual(state.value.telephoneNumbers, [
      { telephoneNumber: '+14255550114', assignmentCategory: 'primary' },
    ]);
    assertConformance(tenant.exchanges);
  });

  it('leaves the user pending, with the command that resumes, once the bound is reached; nothing is assigned', async () => {
    tenant = await startNumbersTenant({ teamsLicenseLagSeconds: 3600 });
    const alice = await licenseForCalling(tenant, 'alice@contoso.com');
    const outcome = await assignNumber(
      tenant.connection,
      { userId: alice, telephoneNumber: '+14255550115', numberType: 'callingPlan', licensedInEntra: true },
      { clock: tenant.clock, resumeCommand: RESUME, licenseWait: { boundMs: 5 * 60_000 } },
    );
    assert.equal(outcome.kind, 'pending', JSON.stringify(outcome));
    assert.ok(outcome.kind === 'pending');
    assert.ok(outcome.waitedMs <= 5 * 60_000);
    assert.equal(outcome.resumeCommand, RESUME);
    assert.match(outcome.message, /^pending: Teams has not seen the license yet/);
    assert.ok(outcome.message.includes(RESUME));
    // 0, 15, 45, 105, 225 s: the next wait (120 s) would pass the 5-minute bound.
    assert.equal(tenant.exchanges.filter((x) => ASSIGN_PATH.test(x.path)).length, 5);
    const free = await readNumberInventory(tenant.connection, { filter: "telephoneNumber eq '+14255550115'" });
    assert.ok(free.ok);
    assert.equal(free.value[0].assignmentStatus, 'unassigned');
    assertConformance(tenant.exchanges);
  });

  it("refuses at once a Calling Plan number for a user with Phone System only, with Teams' documented words", async () => {
    tenant = await startNumbersTenant();
    const megan = tenant.userId('megan.bowen@contoso.com');
    const outcome = await assignNumber(
      tenant.connection,
      { userId: megan, telephoneNumber: '+14255550116', numberType: 'callingPlan', licensedInEntra: false },
      { clock: tenant.clock, resumeCommand: RESUME },
    );
    assert.equal(outcome.kind, 'failed');
    assert.ok(outcome.kind === 'failed');
    assert.equal(outcome.error.message, `User '${megan}' lacks appropriate licenses to assign a 'CallingPlan' number`);
    assert.match(outcome.error.hint ?? '', /Calling Plan number needs a Calling Plan/);
    assert.equal(tenant.exchanges.length, 1, 'one request, no retry');
    assertConformance(tenant.exchanges);
  });

  it('a 403 names the permission and the Teams Communications Administrator role', async () => {
    tenant = await startNumbersTenant({
      tokenFor: (emu) =>
        emu.mintToken({ scopes: ['TeamsTelephoneNumber.Read.All'], directoryRoles: ['License Administrator'] }),
    });
    const outcome = await assignNumber(
      tenant.connection,
      {
        userId: tenant.userId('nestor.wilke@contoso.com'),
        telephoneNumber: '+14255550117',
        numberType: 'callingPlan',
        licensedInEntra: true,
      },
      { clock: tenant.clock, resumeCommand: RESUME },
    );
    assert.ok(outcome.kind === 'failed');
    assert.equal(outcome.error.status, 403);
    assert.match(outcome.error.hint ?? '', /TeamsTelephoneNumber\.ReadWrite\.All/);
    assert.match(outcome.error.hint ?? '', /Teams Communications Administrator/);
    assertConformance(tenant.exchanges);
  });

  it('takes a number back: the operation is polled to its end and the user no longer shows it', async () => {
    tenant = await startNumbersTenant();
    const erin = tenant.userId('erin@contoso.com');
    const outcome = await unassignNumber(
      tenant.connection,
      { userId: erin, telephoneNumber: '+14255550100', numberType: 'callingPlan' },
      { clock: tenant.clock, resumeCommand: RESUME },
    );
    assert.equal(outcome.kind, 'unassigned', JSON.stringify(outcome));
    assert.ok(outcome.kind === 'unassigned');
    assert.equal(outcome.readBack, 'confirmed');
    const polls = tenant.exchanges.filter((x) => /\/operations\//.test(x.path));
    assert.deepEqual(
      polls.map((x) => (x.answer as { status: string }).status),
      ['running', 'succeeded'],
    );
    assertConformance(tenant.exchanges);
  });

  it('assigning a number the user already holds ends well and leaves her that one number', async () => {
    tenant = await startNumbersTenant();
    const erin = tenant.userId('erin@contoso.com');
    const outcome = await assignNumber(
      tenant.connection,
      { userId: erin, telephoneNumber: '+14255550100', numberType: 'callingPlan', licensedInEntra: true },
      { clock: tenant.clock, resumeCommand: RESUME },
    );
    assert.ok(outcome.kind === 'assigned' || outcome.kind === 'unchanged', JSON.stringify(outcome));
    const state = await readUserVoiceState(tenant.connection, erin);
    assert.ok(state.ok);
    assert.deepEqual(state.value.telephoneNumbers, [
      { telephoneNumber: '+14255550100', assignmentCategory: 'primary' },
    ]);
    assertConformance(tenant.exchanges);
  });

  it('tells the pending outcome in French', async () => {
    const fr = bundleTranslator(
      JSON.parse(readFileSync(join(__dirname, '../../../../l10n/bundle.l10n.fr.json'), 'utf8')) as Record<
        string,
        string
      >,
      'fr',
    );
    tenant = await startNumbersTenant({ teamsLicenseLagSeconds: 3600 });
    const alice = await licenseForCalling(tenant, 'alice@contoso.com');
    const outcome = await assignNumber(
      tenant.connection,
      { userId: alice, telephoneNumber: '+14255550118', numberType: 'callingPlan', licensedInEntra: true },
      { clock: tenant.clock, resumeCommand: RESUME, licenseWait: { boundMs: 60_000 }, t: fr },
    );
    assert.ok(outcome.kind === 'pending');
    assert.match(outcome.message, /^en attente : Teams ne voit pas encore la licence/);
    assert.ok(outcome.message.includes(RESUME));
  });
});

describe('numbers: the emergency location of a number', () => {
  let tenant: NumbersTenant;
  afterEach(() => tenant?.close());

  it('sets a location at once (200, no operation), and clears it with an empty one', async () => {
    tenant = await startNumbersTenant();
    const location = '3a1d7b2e-0000-4000-8000-000000000001';
    const set = await updateNumberLocation(tenant.connection, {
      telephoneNumber: '+33 1 70 00 00 10',
      locationId: location,
    });
    assert.ok(set.ok);
    const read = async () => {
      const r = await readNumberInventory(tenant.connection, { filter: "telephoneNumber eq '+33170000010'" });
      assert.ok(r.ok);
      return r.value[0].locationId;
    };
    assert.equal(await read(), location);
    assert.ok((await updateNumberLocation(tenant.connection, { telephoneNumber: '+33170000010', locationId: '' })).ok);
    assert.equal(await read(), null);
    assert.ok(!tenant.exchanges.some((x) => /\/operations\//.test(x.path)));
    assertConformance(tenant.exchanges);
  });

  it("a number the tenant does not have is refused with Teams' words", async () => {
    tenant = await startNumbersTenant();
    const r = await updateNumberLocation(tenant.connection, { telephoneNumber: '+15555550000', locationId: 'x' });
    assert.ok(!r.ok);
    assert.match(r.error.message, /^Telephone Number '\+15555550000' is not found from tenant/);
  });
});

describe("numbers: reading the inventory and the users' voice state", () => {
  let tenant: NumbersTenant;
  afterEach(() => tenant?.close());

  it('reads every page of a large inventory, 1,000 numbers a request', async () => {
    const numbers = Array.from({ length: 2_500 }, (_, i) => ({
      telephoneNumber: `+1206555${String(i).padStart(4, '0')}`,
      numberType: 'directRouting' as const,
    }));
    tenant = await startNumbersTenant({
      tenant: { ...sharedDemoTenant({ replicationLag: false }), teams: { numbers } },
    });
    const inventory = await readNumberInventory(tenant.connection);
    assert.ok(inventory.ok);
    assert.equal(inventory.value.length, 2_500);
    assert.equal(new Set(inventory.value.map((n) => n.telephoneNumber)).size, 2_500);
    assert.equal(tenant.exchanges.length, 3);
    assertConformance(tenant.exchanges);
  });

  it('reads the free numbers a user can take, with their type, country and city', async () => {
    tenant = await startNumbersTenant();
    const free = await readNumberInventory(tenant.connection, {
      filter: "assignmentStatus eq 'unassigned' and capabilities/any(c:c eq 'userAssignment')",
    });
    assert.ok(free.ok);
    assert.equal(free.value.length, 20);
    const paris = free.value.find((n) => n.telephoneNumber === '+33170000010');
    assert.deepEqual([paris?.numberType, paris?.isoCountryCode, paris?.city], ['directRouting', 'FR', 'Paris']);
    assertConformance(tenant.exchanges);
  });

  it("reads every user's voice state, across pages", async () => {
    tenant = await startNumbersTenant();
    const states = await readUserVoiceStates(tenant.connection);
    assert.ok(states.ok);
    assert.equal(states.value.length, tenant.emulator.tenant.users.length);
    const erin = states.value.find((s) => s.userPrincipalName === 'erin@contoso.com');
    assert.deepEqual(erin?.telephoneNumbers, [{ telephoneNumber: '+14255550100', assignmentCategory: 'primary' }]);
    assert.equal(erin?.isEnterpriseVoiceEnabled, true);
    assertConformance(tenant.exchanges);
  });

  it('a 403 on the user read names TeamsUserConfiguration.Read.All', async () => {
    tenant = await startNumbersTenant({
      tokenFor: (emu) => emu.mintToken({ roles: ['TeamsTelephoneNumber.Read.All'] }),
    });
    const state = await readUserVoiceState(tenant.connection, tenant.userId('erin@contoso.com'));
    assert.ok(!state.ok);
    assert.match(state.error.hint ?? '', /TeamsUserConfiguration\.Read\.All/);
  });
});
