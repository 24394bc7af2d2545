import type { GraphUser } from '../graph/resources';
import type { CurrentUser } from '../reads/tenant-reads';
import type { UserError } from '../graph/user-error';
import type { GroupNames } from './holding';
import { holdersByPlan, predictRefusal, redundantAdds, RULE_PLAN_KEYS, type Lost } from './license-rules';
import { resultingLicenses, skuPlans } from './resulting-licenses';
import type { TenantSkus } from '../tenant/tenant-skus';
import { needsAssignLicense, type RedundantAdd, type UserPlan } from './user-plan';
import { english, type Translate } from '../text/translate';

/** What the rules say of one resulting set: Graph would refuse it, or some new licenses add nothing. */
interface Verdict {
  readonly error?: UserError;
  readonly redundant?: readonly RedundantAdd[];
}

/**
 * Verdicts already given in this plan, by what they depend on: the user's licenses (direct and
 * from groups, with their disabled plans) and the change. A bulk file sends one change to
 * thousands of users holding the same licenses; each set is judged once (`planRun` makes one).
 */
export type VerdictMemo = Map<string, Verdict>;

const verdictKey = (plan: UserPlan, user: GraphUser): string =>
  JSON.stringify([
    user.assignedLicenses ?? null,
    user.licenseAssignmentStates ?? null,
    plan.add.map((a) => [a.skuId, a.disabledPlans, a.takesSeat, a.why]),
    plan.remove.map((r) => r.skuId),
  ]);

/**
 * The file's rules judge only what the file says; Graph judges what the user would end up with
 * (direct and inherited licenses, minus disabled plans). A change Graph would refuse becomes a
 * `failed` user here and is never sent (not even its usage location); a new license that adds no
 * plan the user lacks is kept, with a warning.
 */
export function judgeResultingSet(
  plan: UserPlan,
  current: CurrentUser,
  skus: TenantSkus,
  groupNames: GroupNames = new Map(),
  t: Translate = english,
  memo?: VerdictMemo,
): UserPlan {
  if (plan.kind !== 'change' || !needsAssignLicense(plan) || current.kind !== 'found') return plan;
  const key = memo ? verdictKey(plan, current.user) : undefined;
  let verdict = key === undefined ? undefined : memo!.get(key);
  if (!verdict) {
    verdict = judge(plan, current.user, skus, groupNames, t);
    if (key !== undefined) memo!.set(key, verdict);
  }
  if (verdict.error)
    return {
      ...plan,
      kind: 'failed',
      add: [],
      remove: [],
      setUsageLocation: undefined,
      notes: [],
      error: verdict.error,
    };
  return verdict.redundant?.length ? { ...plan, redundant: verdict.redundant } : plan;
}

function judge(plan: UserPlan, user: GraphUser, skus: TenantSkus, groupNames: GroupNames, t: Translate): Verdict {
  const after = resultingLicenses(user, plan.add, plan.remove, skus, groupNames);
  // Only a refusal's message needs what the user loses: worked out then, not for every user.
  const lost: Lost = () => {
    const removedIds = new Set(plan.remove.map((r) => r.skuId));
    const before = removedIds.size ? resultingLicenses(user, [], [], skus, groupNames) : [];
    return {
      removed: before
        .filter((l) => l.source.kind === 'direct' && removedIds.has(l.skuId))
        .map((l) => ({ partNumber: l.partNumber, plans: l.enabled })),
      disabled: after
        .map((l) => ({ partNumber: l.partNumber, plans: disabledIn(l.skuId, l.enabled, skus) }))
        .filter((l) => l.plans.length > 0),
    };
  };
  const newSkuIds = new Set(plan.add.filter((a) => a.takesSeat).map((a) => a.skuId));
  const newPlans = new Set(
    after.flatMap((l) => (l.source.kind === 'file' && newSkuIds.has(l.skuId) ? l.enabled.map((p) => p.key) : [])),
  );
  const holders = holdersByPlan(after, (key) => RULE_PLAN_KEYS.has(key) || newPlans.has(key));
  const error = predictRefusal(holders, lost, skus, undefined, t);
  if (error) return { error };
  const redundant = redundantAdds(after, newSkuIds, holders);
  return redundant.length ? { redundant } : {};
}

function disabledIn(skuId: string, enabled: readonly { id: string }[], skus: TenantSkus) {
  const on = new Set(enabled.map((p) => p.id));
  return skuPlans(skuId, skus).plans.filter((p) => !on.has(p.id));
}
