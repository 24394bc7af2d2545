import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseLicensesFile } from '../../../src/core/format';
import type { CurrentUser } from '../../../src/core/reads/tenant-reads';
import type { GraphUser, LicenseAssignmentState } from '../../../src/core/graph/resources';
import { directStateAfter, directStateOf, type DirectState } from '../../../src/core/plan/direct-state';
import { desiredUsers } from '../../../src/core/desired/desired-users';
import { planRun } from '../../../src/core/plan/whole-plan';
import { skuPlans } from '../../../src/core/plan/resulting-licenses';
import { hasErrors, validate } from '../../../src/core/rules';
import { undoFile } from '../../../src/core/undo/undo-file';
import { catalog } from '../helpers';
import { brokenDependency } from '../../../src/core/catalog/licensing-rules';
import { subscribed, tenantSkus } from '../fixtures/graph-shapes';
import { propertyRuns } from '../fixtures/scale';

// SKUs no two of which Graph refuses together, whatever plans are off.
const PARTS = ['ENTERPRISEPACK', 'MCOEV', 'POWER_BI_PRO', 'EMS', 'VISIOCLIENT'];
const skus = tenantSkus(...PARTS.map((p) => subscribed(p, 1000)));
const GROUP = '11111111-2222-3333-4444-555555555555';
const partNumberOf = (id: string) => skuPlans(id, skus).partNumber;

/** A direct state over PARTS: each SKU held or not, with any subset of its plans off. */
const stateArb: fc.Arbitrary<DirectState> = fc
  .tuple(
    ...PARTS.map((p) => {
      const sku = skus.resolve(p);
      assert.ok(sku.kind === 'found');
      const planIds = sku.sku.plans.map((x) => x.servicePlanId.toLowerCase());
      return fc
        .option(fc.subarray(planIds), { nil: undefined })
        .map((off) =>
          off === undefined
            ? undefined
            : { skuId: sku.sku.skuId.toLowerCase(), partNumber: p, disabledPlans: [...off].sort() },
        );
    }),
  )
  .map((held) => ({
    licenses: held.filter((l) => l !== undefined).sort((a, b) => (a.skuId < b.skuId ? -1 : 1)),
    usageLocation: 'US',
  }))
  // Only states Graph accepts: none with a plan on whose prerequisite is off (Office for the web without SharePoint).
  .filter((state) => {
    const on = new Set(
      state.licenses.flatMap((l) =>
        skuPlans(l.skuId, skus)
          .plans.filter((p) => !l.disabledPlans.includes(p.id))
          .map((p) => p.key),
      ),
    );
    return brokenDependency((name) => on.has(name)) === undefined;
  });

function graphUser(upn: string, state: DirectState, groupSkus: readonly string[]): GraphUser {
  const direct: LicenseAssignmentState[] = state.licenses.map((l) => ({
    skuId: l.skuId,
    disabledPlans: l.disabledPlans,
    assignedByGroup: null,
    state: 'Active',
  }));
  const viaGroup: LicenseAssignmentState[] = groupSkus.map((id) => ({
    skuId: id,
    disabledPlans: [],
    assignedByGroup: GROUP,
    state: 'Active',
  }));
  const states = [...direct, ...viaGroup];
  const assigned = new Map(states.map((s) => [s.skuId, { skuId: s.skuId, disabledPlans: s.disabledPlans ?? [] }]));
  return {
    id: `id-${upn}`,
    userPrincipalName: upn,
    usageLocation: state.usageLocation,
    assignedLicenses: [...assigned.values()],
    licenseAssignmentStates: states,
  };
}

describe('undo, generated: the undo file planned against what a run left gives back exactly the state before', () => {
  it('for any states before and after (disabled plans, swaps, removals, additions) and any group licenses beside them', () => {
    const groupArb = fc.subarray(
      PARTS.map((p) => {
        const r = skus.resolve(p);
        assert.ok(r.kind === 'found');
        return r.sku.skuId.toLowerCase();
      }),
      { maxLength: 2 },
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(stateArb, stateArb, groupArb), { minLength: 1, maxLength: 6 }), (cases) => {
        const users = cases.map(([before, after], i) => ({
          user: `u${i}@contoso.com`,
          before,
          after,
          outcome: 'changed' as const,
        }));
        const now = new Map<string, CurrentUser>(
          cases.map(([, after, groups], i) => [
            `u${i}@contoso.com`,
            { kind: 'found', user: graphUser(`u${i}@contoso.com`, after, groups) },
          ]),
        );
        const file = undoFile({ journal: 'j.jsonl', tenant: 'test', users, now, skus, writtenAt: new Date(0) });
        const parsed = parseLicensesFile(file.text);
        assert.equal(hasErrors(validate(parsed, catalog)), false, file.text);
        const plan = planRun(desiredUsers(parsed, catalog), skus, now);
        assert.deepEqual(plan.blockers, []);
        for (const [i, [before, after]] of cases.entries()) {
          const upn = `u${i}@contoso.com`;
          const p = plan.users.find((u) => u.user === upn);
          const same = JSON.stringify(before.licenses) === JSON.stringify(after.licenses);
          if (same) {
            assert.ok(file.alreadyRestored.includes(upn) && !p, `${upn} has nothing to undo and is not in the file`);
            continue;
          }
          assert.ok(p && p.kind !== 'failed', `${upn}: ${JSON.stringify(p?.error)}\n${file.text}`);
          const nowUser = (now.get(upn) as Extract<CurrentUser, { kind: 'found' }>).user;
          const restored = directStateAfter(directStateOf(nowUser, partNumberOf), p.add, p.remove);
          assert.deepEqual(restored.licenses, before.licenses, `${upn}\n${file.text}`);
          assert.ok(
            p.remove.every((r) => !cases[i][2].includes(r.skuId) || r.freesSeat === false),
            'a group’s copy is never what is removed',
          );
        }
      }),
      { numRuns: propertyRuns(200) },
    );
  });
});
