import * as assert from 'node:assert/strict';
import {
  ManualClock,
  VOICE_ROLLOUT_GROUP_ID,
  MARKETING_GROUP_ID,
  E5_PILOT_GROUP_ID,
  ALL_SALES_GROUP_ID,
  type RunningEmulator,
} from '../../../src/emulator';
import { call, get, SKU, start } from './helpers';

const enc = encodeURIComponent;

describe('emulator: groups and group-based licensing', () => {
  let emu: RunningEmulator;
  let clock: ManualClock;
  beforeEach(async () => {
    clock = new ManualClock();
    emu = await start({ clock });
  });
  afterEach(() => emu.close());

  it('finds groups by display name (eq, case-insensitively) and by prefix, and refuses other filters', async () => {
    const eq = await get(
      emu,
      `/groups?$filter=${enc("displayName eq 'all sales'")}&$select=id,displayName,securityEnabled`,
    );
    assert.equal(eq.status, 200);
    assert.deepEqual(eq.body.value, [{ id: ALL_SALES_GROUP_ID, displayName: 'All Sales', securityEnabled: true }]);
    const prefix = await get(emu, `/groups?$filter=${enc("startswith(displayName,'Sales')")}&$select=displayName`);
    assert.deepEqual(
      prefix.body.value.map((g: { displayName: string }) => g.displayName),
      ['Sales Interns'],
    );
    const m365 = await get(emu, `/groups/${MARKETING_GROUP_ID}?$select=securityEnabled,groupTypes`);
    assert.deepEqual(m365.body.securityEnabled, false);
    assert.deepEqual(m365.body.groupTypes, ['Unified']);
    assert.equal((await get(emu, `/groups?$filter=${enc("mail eq 'x'")}`)).status, 400);
  });

  it('lists direct members with their type, nested groups included', async () => {
    const r = await get(emu, `/groups/${E5_PILOT_GROUP_ID}/members?$select=id`);
    assert.equal(r.status, 200);
    const types = r.body.value.map((m: { '@odata.type': string }) => m['@odata.type']).sort();
    assert.deepEqual(types, ['#microsoft.graph.group', '#microsoft.graph.user']);
  });

  it('selects user properties only on the /microsoft.graph.user cast: a directoryObject has none (400)', async () => {
    const members = `/groups/${E5_PILOT_GROUP_ID}/members`;
    const plain = await get(emu, `${members}?$select=id,userPrincipalName`);
    assert.equal(plain.status, 400);
    assert.match(plain.body.error.message, /userPrincipalName.*directoryObject/);
    const users = await get(emu, `${members}/microsoft.graph.user?$select=id,userPrincipalName,assignedLicenses`);
    assert.equal(users.status, 200);
    assert.ok(
      users.body.value.length > 0 && users.body.value.every((u: { userPrincipalName?: string }) => u.userPrincipalName),
    );
    const groups = await get(emu, `${members}/microsoft.graph.group?$select=id,displayName`);
    assert.deepEqual(
      groups.body.value.map((g: { '@odata.type': string }) => g['@odata.type']),
      ['#microsoft.graph.group'],
    );
    const errors = `/groups/${E5_PILOT_GROUP_ID}/membersWithLicenseErrors`;
    assert.equal((await get(emu, `${errors}?$select=licenseAssignmentStates`)).status, 400);
    assert.equal((await get(emu, `${errors}/microsoft.graph.user?$select=licenseAssignmentStates`)).status, 200);
  });

  it('$count=true needs ConsistencyLevel: eventual, and @odata.count comes with the first page only', async () => {
    const members = `/groups/${VOICE_ROLLOUT_GROUP_ID}/members?$count=true&$top=2&$select=id`;
    const refused = await get(emu, members);
    assert.equal(refused.status, 400);
    assert.equal(refused.body.error.message, '$count is not currently supported.');
    const first = await call(emu, 'GET', members, undefined, { ConsistencyLevel: 'eventual' });
    assert.ok(first.body['@odata.count'] > 2 && first.body['@odata.nextLink']);
    const next = String(first.body['@odata.nextLink']).slice(emu.baseUrl.length);
    const second = await call(emu, 'GET', next, undefined, { ConsistencyLevel: 'eventual' });
    assert.equal(second.status, 200);
    assert.equal(second.body['@odata.count'], undefined);
  });

  it('answers assignLicense with 202, then processes in the background: members get the license only when the state is ProcessingComplete', async () => {
    const before = emu.tenant.seatsLeft('MCOEV');
    const r = await call(emu, 'POST', `/groups/${VOICE_ROLLOUT_GROUP_ID}/assignLicense`, {
      addLicenses: [{ skuId: SKU.MCOEV, disabledPlans: [] }],
      removeLicenses: [],
    });
    assert.equal(r.status, 202);
    assert.deepEqual(r.body.assignedLicenses, [{ skuId: SKU.MCOEV, disabledPlans: [] }]);
    const state = async () =>
      (await get(emu, `/groups/${VOICE_ROLLOUT_GROUP_ID}?$select=licenseProcessingState`)).body.licenseProcessingState
        .state;
    assert.equal(await state(), 'QueuedForProcessing');
    assert.equal(emu.tenant.seatsLeft('MCOEV'), before, 'no member has it yet');
    clock.advance(1_500);
    assert.equal(await state(), 'ProcessingInProgress');
    clock.advance(5_000);
    assert.equal(await state(), 'ProcessingComplete');
    const members = emu.tenant.membersOf(emu.tenant.findGroup(VOICE_ROLLOUT_GROUP_ID)!);
    assert.ok(members.length > 0);
    assert.equal(
      emu.tenant.seatsLeft('MCOEV'),
      before - members.filter((u) => !u.licenses.some((l) => l.skuId === SKU.MCOEV)).length,
    );
  });

  it('records CountViolation for the members the seats do not cover, lists them in membersWithLicenseErrors, and reprocessing clears them once seats are back', async () => {
    const group = emu.tenant.findGroup(VOICE_ROLLOUT_GROUP_ID)!;
    const members = emu.tenant.membersOf(group);
    const left = emu.tenant.seatsLeft('MCOPSTN2');
    assert.ok(members.length > left, 'the demo has more members than MCOPSTN2 seats');
    await call(emu, 'POST', `/groups/${VOICE_ROLLOUT_GROUP_ID}/assignLicense`, {
      addLicenses: [{ skuId: SKU.MCOEV }, { skuId: SKU.MCOPSTN2 }].map((l) => ({ ...l, disabledPlans: [] })),
      removeLicenses: [],
    });
    clock.advance(10_000);
    const errors = await get(
      emu,
      `/groups/${VOICE_ROLLOUT_GROUP_ID}/membersWithLicenseErrors/microsoft.graph.user?$select=id,userPrincipalName,licenseAssignmentStates`,
    );
    assert.equal(errors.status, 200);
    assert.equal(errors.body.value.length, members.length - left);
    const states = errors.body.value[0].licenseAssignmentStates.filter(
      (s: { assignedByGroup: string }) => s.assignedByGroup === VOICE_ROLLOUT_GROUP_ID,
    );
    assert.ok(
      states.some(
        (s: { skuId: string; state: string; error: string }) =>
          s.skuId === SKU.MCOPSTN2 && s.state === 'Error' && s.error === 'CountViolation',
      ),
    );
    assert.equal(emu.tenant.seatsLeft('MCOPSTN2'), 0);
    // The admin buys seats; reprocessing one member licenses them.
    emu.tenant.findSku('MCOPSTN2')!.prepaidUnits.enabled += 1;
    const id = errors.body.value[0].id;
    const re = await call(emu, 'POST', `/users/${id}/reprocessLicenseAssignment`);
    assert.equal(re.status, 200);
    const after = await get(emu, `/groups/${VOICE_ROLLOUT_GROUP_ID}/membersWithLicenseErrors?$select=id`);
    assert.equal(after.body.value.length, members.length - left - 1);
    assert.ok(!after.body.value.some((u: { id: string }) => u.id === id));
  });

  it('refuses licenses on a group that is not security-enabled, and a remove of a license the group lacks', async () => {
    const m365 = await call(emu, 'POST', `/groups/${MARKETING_GROUP_ID}/assignLicense`, {
      addLicenses: [{ skuId: SKU.E3, disabledPlans: [] }],
      removeLicenses: [],
    });
    assert.equal(m365.status, 400);
    const lacking = await call(emu, 'POST', `/groups/${ALL_SALES_GROUP_ID}/assignLicense`, {
      addLicenses: [],
      removeLicenses: [SKU.MCOEV],
    });
    assert.equal(lacking.status, 400);
  });

  it('asks for a group permission to read groups and LicenseAssignment.ReadWrite.All to license one', async () => {
    const reader = emu.mintToken({ roles: ['User.Read.All'] });
    const denied = await fetch(`${emu.baseUrl}/groups`, { headers: { Authorization: `Bearer ${reader}` } });
    assert.equal(denied.status, 403);
    const groupReader = emu.mintToken({ roles: ['GroupMember.Read.All'] });
    assert.equal(
      (await fetch(`${emu.baseUrl}/groups`, { headers: { Authorization: `Bearer ${groupReader}` } })).status,
      200,
    );
    const writer = emu.mintToken({ roles: ['LicenseAssignment.ReadWrite.All'] });
    const w = await fetch(`${emu.baseUrl}/groups/${VOICE_ROLLOUT_GROUP_ID}/assignLicense`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${writer}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ addLicenses: [{ skuId: SKU.MCOEV, disabledPlans: [] }], removeLicenses: [] }),
    });
    assert.equal(w.status, 202);
  });
});
