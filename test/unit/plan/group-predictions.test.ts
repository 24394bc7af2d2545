import * as assert from 'node:assert/strict';
import { ALL_SALES_GROUP_ID, VOICE_ROLLOUT_GROUP_ID } from '../../../src/emulator';
import { settleGroupProcessing } from '../../../src/emulator/licensing/group-processing';
import type { DesiredGroup } from '../../../src/core/desired/desired-groups';
import { planLicenses } from '../../../src/core/run/read-and-plan';
import { SKU } from '../emulator/helpers';
import { startTenant, UPN, type TestTenant } from '../fixtures/test-tenant';

const group = (name: string, assign: string[]): DesiredGroup => ({
  group: name,
  line: 1,
  assign: assign.map((sku) => ({ sku })),
  remove: [],
  onPremisesPstn: false,
});

/**
 * Demo tenant: "Voice Rollout" gives nothing yet; "All Sales" gives Office 365 E3, and its member anna
 * holds Office 365 E1 directly (E1 and E3 cannot be held together, so the group's E3 is in error for her).
 */
describe('planner: what Graph documents about group licensing is predicted before the write', () => {
  let t: TestTenant;
  beforeEach(async () => {
    t = await startTenant();
  });
  afterEach(() => t.close());

  const post = (groupId: string, skuIds: string[]) =>
    fetch(`${t.emulator.baseUrl}/groups/${groupId}/assignLicense`, {
      method: 'POST',
      headers: { authorization: `Bearer ${t.emulator.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ addLicenses: skuIds.map((skuId) => ({ skuId, disabledPlans: [] })), removeLicenses: [] }),
    });

  it('an add-on without its prerequisite in the group is not written, and the tenant refuses it when sent', async () => {
    const planned = await planLicenses(t.connection, [], undefined, undefined, [
      group('Voice Rollout', ['MCOMEETADV']),
    ]);
    assert.equal(planned.kind, 'planned');
    if (planned.kind !== 'planned') return;
    const [g] = planned.plan.groups!;
    assert.equal(g.kind, 'failed');
    assert.equal(g.error?.code, 'MissingRequiredPlan');
    assert.match(g.error!.message, /MCOMEETADV in MCOMEETADV needs Skype for Business Online \(Plan 2\)/);
    assert.match(g.error!.hint!, /in the same block/);
    const answer = await post(VOICE_ROLLOUT_GROUP_ID, [SKU.MCOMEETADV]);
    assert.equal(answer.status, 400);

    const withBase = await planLicenses(t.connection, [], undefined, undefined, [
      group('Voice Rollout', ['ENTERPRISEPACK', 'MCOMEETADV']),
    ]);
    assert.equal(withBase.kind === 'planned' && withBase.plan.groups![0].kind, 'change');
  });

  it('a member who cannot get one license of the group is counted for none, as the tenant then does', async () => {
    const tenant = t.emulator.tenant;
    // Seats for every member: the only refusal left is the one the rules predict.
    tenant.findSku('MCOEV')!.prepaidUnits.enabled += 1000;
    const planned = await planLicenses(t.connection, [], undefined, undefined, [group('All Sales', ['MCOEV'])]);
    assert.equal(planned.kind, 'planned');
    if (planned.kind !== 'planned') return;
    const [g] = planned.plan.groups!;
    assert.equal(g.kind, 'change');
    const note = g.notes.find((n) => n.includes('all or nothing'));
    assert.ok(note, g.notes.join('\n'));
    assert.match(note, /^1 member would get none .*anna\.bergman@contoso\.com: .*mutually exclusive/);
    const members = tenant.membersOf(tenant.findGroup(ALL_SALES_GROUP_ID)!);
    const anna = tenant.findUser(UPN('anna.bergman'))!;
    const taking = members.filter((m) => m !== anna && !tenant.heldSkuIds(m).has(SKU.MCOEV));
    assert.equal(g.add[0].newSeats, taking.length, 'anna takes no Phone System seat');

    assert.equal((await post(ALL_SALES_GROUP_ID, [SKU.E3, SKU.MCOEV])).status, 202);
    // Processing done at its due time, without waiting for it.
    settleGroupProcessing(tenant, tenant.findGroup(ALL_SALES_GROUP_ID)!.processing!.completesAt);
    assert.ok(!tenant.heldSkuIds(anna).has(SKU.MCOEV), 'the tenant gives anna none of the group licenses either');
    assert.deepEqual(
      taking
        .filter((m) => !tenant.heldSkuIds(m).has(SKU.MCOEV))
        .map((m) => [m.userPrincipalName, m.groupLicenseErrors]),
      [],
    );
  });
});
