import * as assert from 'node:assert/strict';
import { ManualClock, VOICE_ROLLOUT_GROUP_ID, type RunningEmulator } from '../../../src/emulator';
import { call, SKU, start } from './helpers';

/**
 * Group-based licensing as Microsoft documents it (entra-docs licensing-groups-resolve-problems.md): a
 * group's licenses reach a member all together or not at all, and an add-on needs its prerequisite
 * in the same group, or the group's assignLicense is refused.
 */
describe('emulator: group licensing is all or nothing, and an add-on needs its prerequisite in the group', () => {
  let emu: RunningEmulator;
  let clock: ManualClock;
  beforeEach(async () => {
    clock = new ManualClock();
    emu = await start({ clock });
  });
  afterEach(() => emu.close());

  it('a member the group cannot give one license gets none of them, and takes no seat of the others', async () => {
    const tenant = emu.tenant;
    const group = tenant.findGroup(VOICE_ROLLOUT_GROUP_ID)!;
    const members = tenant.membersOf(group);
    const pstnLeft = tenant.seatsLeft('MCOPSTN2');
    const phoneLeft = tenant.seatsLeft('MCOEV');
    assert.ok(
      members.length > pstnLeft && phoneLeft >= members.length,
      'Phone System for all, a Calling Plan for some',
    );
    const answer = await call(emu, 'POST', `/groups/${VOICE_ROLLOUT_GROUP_ID}/assignLicense`, {
      addLicenses: [SKU.MCOEV, SKU.MCOPSTN2].map((skuId) => ({ skuId, disabledPlans: [] })),
      removeLicenses: [],
    });
    assert.equal(answer.status, 202);
    clock.advance(10_000);
    // The emulator settles what is due before each request it handles.
    assert.equal((await call(emu, 'GET', `/groups/${VOICE_ROLLOUT_GROUP_ID}`)).status, 200);
    const refused = members.filter((m) => !tenant.heldSkuIds(m).has(SKU.MCOPSTN2));
    assert.equal(refused.length, members.length - pstnLeft);
    for (const m of refused)
      assert.ok(!tenant.heldSkuIds(m).has(SKU.MCOEV), `${m.userPrincipalName} got no Phone System`);
    assert.equal(
      tenant.seatsLeft('MCOEV'),
      phoneLeft - pstnLeft,
      'only the members given both took a Phone System seat',
    );
  });

  it('refuses Audio Conferencing alone on a group (400, the dependency named), and takes it beside E3', async () => {
    const alone = await call(emu, 'POST', `/groups/${VOICE_ROLLOUT_GROUP_ID}/assignLicense`, {
      addLicenses: [{ skuId: SKU.MCOMEETADV, disabledPlans: [] }],
      removeLicenses: [],
    });
    assert.equal(alone.status, 400);
    const error = (alone.body as { error: { code: string; message: string } }).error;
    assert.equal(error.code, 'Request_BadRequest');
    assert.match(error.message, /service plan 3e26ee1f-\S+ depends on the service plan\(s\) 0feaeb32-/);
    assert.equal(emu.tenant.findGroup(VOICE_ROLLOUT_GROUP_ID)!.processing, undefined, 'nothing was queued');

    const beside = await call(emu, 'POST', `/groups/${VOICE_ROLLOUT_GROUP_ID}/assignLicense`, {
      addLicenses: [SKU.E3, SKU.MCOMEETADV].map((skuId) => ({ skuId, disabledPlans: [] })),
      removeLicenses: [],
    });
    assert.equal(beside.status, 202);
  });
});
