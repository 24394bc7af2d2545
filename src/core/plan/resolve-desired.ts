import type { DesiredUser } from '../desired/desired';
import type { PlanBlocker } from './blockers';
import { TenantSkus, type TenantSku } from '../tenant/tenant-skus';
import { count, english, type Translate } from '../text/translate';

export interface ResolvedLicense {
  readonly sku: TenantSku;
  /** Lower-case servicePlanIds; `undefined` when the file has no `disable` for this SKU (keep what the user has). */
  readonly disabledPlanIds?: readonly string[];
}

/** A desired user with every SKU and plan reference turned into the tenant's ids. */
export interface ResolvedUser {
  readonly desired: DesiredUser;
  readonly assign: readonly ResolvedLicense[];
  readonly remove: readonly TenantSku[];
}

export interface Resolution {
  readonly users: readonly ResolvedUser[];
  /** One per distinct bad reference, not one per user. */
  readonly blockers: readonly PlanBlocker[];
}

/** Resolves part numbers and plan names against the tenant; a reference it cannot settle blocks the run. */
export function resolveDesired(desired: readonly DesiredUser[], skus: TenantSkus, t: Translate = english): Resolution {
  const blockers = new Map<string, PlanBlocker>();
  const block = (key: string, blocker: PlanBlocker) => {
    if (!blockers.has(key)) blockers.set(key, blocker);
  };

  const skuFor = (written: string, user: DesiredUser): TenantSku | undefined => {
    const r = skus.resolve(written);
    if (r.kind === 'found') {
      if (!r.sku.assignableToUsers) {
        block(`na:${r.sku.skuId}`, {
          code: 'SkuNotAssignable',
          message: t('{0} applies to the whole company, not to users.', r.sku.partNumber),
          hint: t('Take it out of the file: Graph only assigns SKUs whose appliesTo is User.'),
          line: user.line,
        });
      }
      return r.sku;
    }
    if (r.kind === 'ambiguous') {
      block(`amb:${written.toUpperCase()}`, {
        code: 'SkuAmbiguous',
        message: t(
          '{0} names {1} subscriptions in this tenant: {2}.',
          written,
          count(t, r.skus.length),
          r.skus.map((s) => s.skuId).join(', '),
        ),
        hint: t('Write the skuId of the one you mean instead of the part number.'),
        line: user.line,
      });
      return undefined;
    }
    block(`unk:${written.toUpperCase()}`, {
      code: 'SkuNotInTenant',
      message: t('{0} is not a subscription of this tenant.', written),
      hint: skus.all.length
        ? t(
            'Subscriptions here: {0}.',
            skus.all
              .map((s) => s.partNumber)
              .sort()
              .join(', '),
          )
        : t('Subscriptions here: none.'),
      line: user.line,
    });
    return undefined;
  };

  // A bulk file writes the same few SKU words for thousands of users: each is resolved once. Its
  // blocker, if any, was raised with the first user who wrote it, as without the cache.
  const resolved = new Map<string, TenantSku | undefined>();
  const skuOnce = (written: string, user: DesiredUser): TenantSku | undefined => {
    if (resolved.has(written)) return resolved.get(written);
    const sku = skuFor(written, user);
    resolved.set(written, sku);
    return sku;
  };

  const users: ResolvedUser[] = [];
  for (const d of desired) {
    const assign: ResolvedLicense[] = [];
    for (const license of d.assign) {
      const sku = skuOnce(license.sku, d);
      if (!sku) continue;
      let disabledPlanIds: string[] | undefined;
      if (license.disabledPlans) {
        disabledPlanIds = [];
        for (const plan of license.disabledPlans) {
          const found = TenantSkus.planOf(sku, plan);
          if (found) disabledPlanIds.push(found.servicePlanId.toLowerCase());
          else {
            block(`plan:${sku.skuId}:${plan.toUpperCase()}`, {
              code: 'PlanNotInSku',
              message: t('{0} is not a service plan of {1} in this tenant.', plan, sku.partNumber),
              hint: t('Plans of {0}: {1}.', sku.partNumber, sku.plans.map((p) => p.servicePlanName).join(', ')),
              line: d.line,
            });
          }
        }
        disabledPlanIds = [...new Set(disabledPlanIds)];
      }
      assign.push({ sku, disabledPlanIds });
    }
    const remove = d.remove.map((r) => skuOnce(r, d)).filter((s): s is TenantSku => s !== undefined);
    users.push({ desired: d, assign, remove });
  }
  return { users, blockers: [...blockers.values()] };
}
