import { Catalog } from '../catalog/catalog';
import {
  EXCLUSIVE_GROUPS,
  PLAN_DEPENDENCIES,
  type ExclusiveGroup,
  type PlanDependency,
} from '../catalog/licensing-rules';
import type { UserError } from '../graph/user-error';
import { planLabel } from './describe-ids';
import type { EnabledPlan, ResultingLicense } from './resulting-licenses';
import type { TenantSkus } from '../tenant/tenant-skus';
import type { RedundantAdd } from './user-plan';
import { english, type Translate } from '../text/translate';

/**
 * Engine codes for refusals predicted from the service-plan rules: Graph would answer them with a
 * 400 (MutuallyExclusiveViolation, DependencyViolation), so the user is not sent.
 */
export const PLAN_RULE_CODES = {
  mutuallyExclusive: 'MutuallyExclusivePlans',
  missingRequiredPlan: 'MissingRequiredPlan',
} as const;

export const isPredictedRefusal = (code: string | undefined): boolean =>
  code === PLAN_RULE_CODES.mutuallyExclusive || code === PLAN_RULE_CODES.missingRequiredPlan;

/** A plan of the resulting set and the license that switches it on. */
interface Holder {
  readonly plan: EnabledPlan;
  readonly license: ResultingLicense;
}

/**
 * Upper-case plan name → who switches it on. Graph compares plans, so E3 + E5 both giving SHAREPOINTENTERPRISE is one
 * plan.
 */
export type PlanHolders = ReadonlyMap<string, readonly Holder[]>;

const upper = (names: readonly string[]) => names.map((n) => n.toUpperCase());
const GROUP_KEYS = EXCLUSIVE_GROUPS.map((group) => ({ group, keys: upper(group.plans) }));
const DEPENDENCY_KEYS = PLAN_DEPENDENCIES.map((rule) => ({
  rule,
  plans: upper(rule.plans),
  requires: upper(rule.requiresAnyOf),
}));
/** The plans the rules look at: only these (and a new license's own) are indexed, per user. */
export const RULE_PLAN_KEYS: ReadonlySet<string> = new Set([
  ...GROUP_KEYS.flatMap((g) => g.keys),
  ...DEPENDENCY_KEYS.flatMap((d) => [...d.plans, ...d.requires]),
]);

/** `wanted`: the plan keys to index; a run of 20,000 E5 users must not index ~90 plans each. */
export function holdersByPlan(licenses: readonly ResultingLicense[], wanted: (key: string) => boolean): PlanHolders {
  const out = new Map<string, Holder[]>();
  for (const license of licenses) {
    for (const plan of license.enabled) {
      if (!wanted(plan.key)) continue;
      const list = out.get(plan.key);
      if (list) list.push({ plan, license });
      else out.set(plan.key, [{ plan, license }]);
    }
  }
  return out;
}

const sourceOf = (l: ResultingLicense, t: Translate): string =>
  l.source.kind === 'file'
    ? t('{0} (assigned by this file)', l.partNumber)
    : l.source.kind === 'direct'
      ? t('{0} (held directly)', l.partNumber)
      : t('{0} (from group {1})', l.partNumber, l.source.label);

const heldAs = (h: Holder, t: Translate) => t('{0} in {1}', planLabel(h.plan.id, h.plan.name), sourceOf(h.license, t));

/** The other holder is the one the admin can act on: prefer what the user already has over the file's own. */
function exclusionError(group: ExclusiveGroup, held: readonly (readonly Holder[])[], t: Translate): UserError {
  const fromFile = held.find((hs) => hs.some((h) => h.license.source.kind === 'file'));
  const mine = fromFile ? fromFile.find((h) => h.license.source.kind === 'file')! : held[0][0];
  const rest = held.filter((hs) => hs !== (fromFile ?? held[0]));
  const other = rest.flat().find((h) => h.license.source.kind !== 'file') ?? rest[0][0];
  // Turning the plan off is a fix only when the license keeps other plans (not for MCOPSTN1 alone).
  const disable =
    mine.license.enabled.length > 1
      ? t(', or keep both and turn the plan off: "disable {0}: {1}"', mine.license.partNumber, mine.plan.name)
      : '';
  const hint =
    mine.license.source.kind !== 'file'
      ? t("The user already holds both: fix the user's licenses in the Microsoft 365 admin center, then run again.")
      : other.license.source.kind === 'direct'
        ? t(
            'Add "remove {0}" to this user\'s block (Graph swaps the two in one call){1}.',
            other.license.partNumber,
            disable,
          )
        : other.license.source.kind === 'group'
          ? t(
              'The user gets {0} from group {1}: take the user out of that group{2}.',
              other.license.partNumber,
              other.license.source.label,
              disable,
            )
          : t('Assign only one of {0} and {1}{2}.', mine.license.partNumber, other.license.partNumber, disable);
  return {
    code: PLAN_RULE_CODES.mutuallyExclusive,
    message: t(
      '{0} and {1} cannot be held together: Graph refuses them as mutually exclusive ({2}).',
      heldAs(mine, t),
      heldAs(other, t),
      group.name,
    ),
    hint,
  };
}

/** What the user loses that a dependent plan needs: a removed license, or a plan disabled in a kept one. */
interface LostPlans {
  readonly partNumber: string;
  readonly plans: readonly EnabledPlan[];
}

/** Worked out only for a refusal's message, not for every user. */
export type Lost = () => { readonly removed: readonly LostPlans[]; readonly disabled: readonly LostPlans[] };

function dependencyError(
  rule: PlanDependency,
  dependent: Holder,
  removed: readonly LostPlans[],
  disabled: readonly LostPlans[],
  skus: TenantSkus,
  catalog: Catalog,
  t: Translate,
): UserError {
  const wanted = new Set(rule.requiresAnyOf.map((n) => n.toUpperCase()));
  const inTenant = skus.all.filter(
    (s) => s.assignableToUsers && s.plans.some((p) => wanted.has(p.servicePlanName.toUpperCase())),
  );
  const requiredName =
    inTenant.flatMap((s) => s.plans).find((p) => wanted.has(p.servicePlanName.toUpperCase()))?.servicePlanName ??
    rule.requiresAnyOf[0];
  const requiredId = catalog.plansNamed(requiredName)[0]?.id;
  const required = requiredId ? planLabel(requiredId, requiredName, catalog) : requiredName;
  const has = (l: LostPlans) => l.plans.some((p) => wanted.has(p.name.toUpperCase()));
  const lostBy = removed.find(has);
  const offIn = disabled.find(has);
  const why = lostBy
    ? t(': removing {0} takes it away', lostBy.partNumber)
    : offIn
      ? t(': it is disabled in {0}', offIn.partNumber)
      : '';
  // The smallest SKUs first: the add-on (MCOEV) before a suite that happens to include it.
  const offer = inTenant
    .filter((s) => s.partNumber !== lostBy?.partNumber)
    .sort((a, b) => a.plans.length - b.plans.length)
    .slice(0, 3)
    .map((s) => s.partNumber);
  const assign = offer.length
    ? t('assign {0} in the same block (Graph accepts both in one call)', offer.join(t(' or ')))
    : t(
        'the tenant has no subscription with {0}: buy one, or take {1} out of the file',
        requiredName,
        dependent.license.partNumber,
      );
  const hint = lostBy
    ? t('Keep {0}, or {1}.', lostBy.partNumber, assign)
    : offIn
      ? t('Take {0} out of "disable {1}:", or {2}.', requiredName, offIn.partNumber, assign)
      : `${assign.charAt(0).toUpperCase()}${assign.slice(1)}.`;
  return {
    code: PLAN_RULE_CODES.missingRequiredPlan,
    message: t('{0} needs {1}, which this user would not have{2}.', heldAs(dependent, t), required, why),
    hint,
  };
}

/**
 * Graph's answer to the planned write, predicted from the user's resulting set with the same rules
 * Graph applies (entra-docs licensing-service-plan-reference.md, "Service plans that cannot be
 * assigned at the same time"; Teams calling-plans-for-office-365.md: a Calling Plan needs Phone
 * System first). Mutual exclusion is checked before dependencies, as Graph reports one problem.
 */
export function predictRefusal(
  holders: PlanHolders,
  lost: Lost,
  skus: TenantSkus,
  catalog: Catalog = Catalog.builtIn(),
  t: Translate = english,
): UserError | undefined {
  return exclusion(holders, t) ?? dependency(holders, lost, skus, catalog, t);
}

function exclusion(holders: PlanHolders, t: Translate): UserError | undefined {
  for (const { group, keys } of GROUP_KEYS) {
    const held = keys.map((key) => holders.get(key)).filter((hs): hs is readonly Holder[] => hs !== undefined);
    if (held.length >= 2) return exclusionError(group, held, t);
  }
  return undefined;
}

function dependency(
  holders: PlanHolders,
  lost: Lost,
  skus: TenantSkus,
  catalog: Catalog,
  t: Translate,
): UserError | undefined {
  for (const { rule, plans, requires } of DEPENDENCY_KEYS) {
    if (requires.some((key) => holders.has(key))) continue;
    const dependent = plans.map((key) => holders.get(key)?.[0]).find((h) => h !== undefined);
    if (dependent) {
      const { removed, disabled } = lost();
      return dependencyError(rule, dependent, removed, disabled, skus, catalog, t);
    }
  }
  return undefined;
}

/**
 * New licenses (taking a seat) whose every enabled plan another license of the resulting set
 * already switches on: Office 365 E5 includes Phone System and Audio Conferencing, so +MCOEV for
 * an E5 user is a seat paid for nothing. Graph accepts it; the admin should hear about it.
 */
export function redundantAdds(
  licenses: readonly ResultingLicense[],
  newSkuIds: ReadonlySet<string>,
  holders: PlanHolders,
): RedundantAdd[] {
  const out: RedundantAdd[] = [];
  for (const license of licenses) {
    if (license.source.kind !== 'file' || !newSkuIds.has(license.skuId) || license.enabled.length === 0) continue;
    const givers = (plan: EnabledPlan) =>
      (holders.get(plan.key) ?? []).filter((h) => h.license.skuId !== license.skuId);
    if (!license.enabled.every((plan) => givers(plan).length > 0)) continue;
    const coveredBy = [...new Set(license.enabled.flatMap((plan) => givers(plan).map((h) => h.license.partNumber)))];
    out.push({ skuId: license.skuId, partNumber: license.partNumber, coveredBy });
  }
  return out;
}
