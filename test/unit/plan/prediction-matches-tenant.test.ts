import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { PHONE_PILOT_GROUP_ID } from '../../../src/emulator';
import { isPredictedRefusal } from '../../../src/core/plan/license-rules';
import { planLicenses } from '../../../src/core/run/read-and-plan';
import { startTenant, UPN, wants, type TestTenant } from '../fixtures/test-tenant';
import { propertyRuns } from '../fixtures/scale';

const SKUS = [
  'STANDARDPACK',
  'ENTERPRISEPACK',
  'ENTERPRISEPREMIUM',
  'SPE_E5',
  'MCOEV',
  'MCOPSTN1',
  'MCOPSTN2',
  'MCOMEETADV',
] as const;
const USER = 'debra.berger';

/**
 * The planner's prediction against the demo tenant's own verdict, over random holdings and files:
 * whatever the plan refuses, the tenant refuses for the same reason when the write is sent anyway,
 * and whatever the plan lets through, the tenant accepts. Both judge the user's resulting set.
 */
describe('engine: the predicted refusals are exactly what the demo tenant refuses', () => {
  let t: TestTenant;
  before(async () => {
    t = await startTenant();
  });
  after(() => t.close());

  it('for random direct holdings, Phone System from a group or not, and random assign/remove', async () => {
    const tenant = t.emulator.tenant;
    const id = (part: string) => tenant.findSku(part)!.skuId;
    const scenario = fc.record({
      direct: fc.subarray([...SKUS]),
      phoneFromGroup: fc.boolean(),
      assign: fc.subarray([...SKUS]),
      removeSome: fc.subarray([...SKUS]),
    });
    let compared = 0;
    await fc.assert(
      fc.asyncProperty(scenario, async ({ direct, phoneFromGroup, assign, removeSome }) => {
        const user = tenant.findUser(UPN(USER))!;
        user.licenses = direct.map((p) => ({
          skuId: id(p),
          disabledPlans: [],
          lastUpdatedDateTime: '2026-01-01T00:00:00Z',
        }));
        user.groups = phoneFromGroup ? [PHONE_PILOT_GROUP_ID] : [];
        tenant.recount();
        const remove = removeSome.filter((p) => direct.includes(p) && !assign.includes(p));
        // What the planner sends: SKUs the user lacks (directly and through the group), removals of direct ones.
        const held = new Set([...direct, ...(phoneFromGroup ? ['MCOEV'] : [])]);
        const body = {
          addLicenses: assign.filter((p) => !held.has(p)).map((p) => ({ skuId: id(p), disabledPlans: [] })),
          removeLicenses: remove.map(id),
        };
        if (body.addLicenses.length + body.removeLicenses.length === 0) return;

        const planned = await planLicenses(t.connection, [wants(USER, { assign, remove })]);
        assert.equal(planned.kind, 'planned');
        if (planned.kind !== 'planned') return;
        const predicted = planned.plan.users[0];
        const answer = await fetch(`${t.emulator.baseUrl}/users/${UPN(USER)}/assignLicense`, {
          method: 'POST',
          headers: { authorization: `Bearer ${t.emulator.token}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        const said = answer.ok ? 'accepted' : ((await answer.json()) as { error: { message: string } }).error.message;
        const refusedByRules = /mutually exclusive|depends on the service plan/.test(said);
        const context = `${JSON.stringify({ direct, phoneFromGroup, assign, remove })}: plan ${predicted.kind} ${predicted.error?.message ?? ''} / tenant ${said}`;
        assert.ok(answer.ok || refusedByRules, `the tenant refused for another reason: ${context}`);
        assert.equal(predicted.kind === 'failed' && isPredictedRefusal(predicted.error?.code), refusedByRules, context);
        if (refusedByRules) {
          const kind = /mutually exclusive/.test(said) ? 'MutuallyExclusivePlans' : 'MissingRequiredPlan';
          assert.equal(predicted.error?.code, kind, context);
        }
        compared++;
      }),
      { numRuns: propertyRuns(60), seed: 20261201 },
    );
    // Most scenarios need a write: more than half of the runs compared a prediction with the tenant.
    assert.ok(compared > propertyRuns(60) / 2, `only ${compared} scenarios needed a write`);
  });
});
