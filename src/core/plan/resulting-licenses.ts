import { Catalog } from '../catalog/catalog';
import type { GraphUser } from '../graph/resources';
import { holdingOf, skuIdsOf, type GroupNames } from './holding';
import type { TenantSkus } from '../tenant/tenant-skus';
import type { PlannedAdd, PlannedRemove } from './user-plan';

/** A service plan a license switches on. `id` in lower case; `name` as the tenant (or catalog) spells it. */
export interface EnabledPlan {
  readonly id: string;
  readonly name: string;
  /** `name` in upper case: Graph's rules compare plans by name, whichever SKU brings them. */
  readonly key: string;
}

const enabledPlan = (id: string, name: string): EnabledPlan => ({
  id: id.toLowerCase(),
  name,
  key: name.toUpperCase(),
});

/** Where a license of the resulting set comes from, for messages and fixes. */
type LicenseSource =
  { readonly kind: 'file' } | { readonly kind: 'direct' } | { readonly kind: 'group'; readonly label: string };

/** One license the user would hold once the planned assignLicense went through. */
export interface ResultingLicense {
  readonly skuId: string;
  readonly partNumber: string;
  readonly source: LicenseSource;
  readonly enabled: readonly EnabledPlan[];
}

/**
 * The SKU's service plans from the tenant's subscribedSkus, which is what Graph judges by; the
 * built-in catalog only for a SKU the user holds but the tenant no longer lists.
 */
export function skuPlans(skuId: string, skus: TenantSkus, catalog: Catalog = Catalog.builtIn()): SkuPlans {
  // Once per SKU and run, not once per user: a run may plan 20,000 users against E5's ~90 plans.
  let cache = plansCache.get(skus);
  if (!cache) plansCache.set(skus, (cache = new Map()));
  let found = cache.get(skuId);
  if (!found) {
    const tenant = skus.byIdOrUndefined(skuId);
    const known = tenant ? undefined : catalog.skuById(skuId);
    found = tenant
      ? {
          partNumber: tenant.partNumber,
          plans: tenant.plans.map((p) => enabledPlan(p.servicePlanId, p.servicePlanName)),
        }
      : { partNumber: known?.partNumber ?? skuId, plans: (known?.plans ?? []).map((p) => enabledPlan(p.id, p.name)) };
    cache.set(skuId, found);
  }
  return found;
}

interface SkuPlans {
  readonly partNumber: string;
  readonly plans: readonly EnabledPlan[];
}

const plansCache = new WeakMap<TenantSkus, Map<string, SkuPlans>>();

/**
 * What the user would hold after the write: the licenses kept directly (minus those removed, and
 * with the file's disabled plans for those re-sent), those inherited from groups (a group license in
 * state Error is not held), and the new ones. Graph judges its service-plan rules on this whole
 * set, not on the request alone (assignLicense replaces the disabled plans of a SKU it is sent).
 */
export function resultingLicenses(
  user: GraphUser,
  add: readonly PlannedAdd[],
  remove: readonly PlannedRemove[],
  skus: TenantSkus,
  groupNames: GroupNames = new Map(),
  catalog: Catalog = Catalog.builtIn(),
): ResultingLicense[] {
  const removed = new Set(remove.map((r) => r.skuId.toLowerCase()));
  const sent = new Map(add.map((a) => [a.skuId.toLowerCase(), a]));
  const out: ResultingLicense[] = [];
  const license = (skuId: string, source: LicenseSource, disabledPlans: readonly string[]) => {
    const { partNumber, plans } = skuPlans(skuId, skus, catalog);
    const off = new Set(disabledPlans.map((p) => p.toLowerCase()));
    out.push({ skuId, partNumber, source, enabled: off.size ? plans.filter((p) => !off.has(p.id)) : plans });
  };
  for (const skuId of skuIdsOf(user)) {
    const h = holdingOf(user, skuId, groupNames);
    if (h.direct && !removed.has(skuId) && !sent.has(skuId)) license(skuId, { kind: 'direct' }, h.direct.disabledPlans);
    for (const g of h.groups) license(skuId, { kind: 'group', label: g.label }, g.disabledPlans);
  }
  for (const [skuId, a] of sent) license(skuId, { kind: 'file' }, a.disabledPlans);
  return out;
}
