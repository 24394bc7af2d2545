import type { TenantSkus } from './tenant-skus';

/**
 * The one way every file the product writes (export, reclaim, undo) names a SKU or a plan.
 * How a file names a tenant's SKU or plan so that reading it back finds the same one: the part
 * number when it names that SKU alone in the tenant (MCOPSTN5 names two), else the skuId; the plan
 * name when it names that plan alone in the SKU, else the plan id.
 */
export function skuWord(skus: TenantSkus, skuId: string): string {
  const sku = skus.byIdOrUndefined(skuId);
  if (!sku || !/^[A-Za-z0-9_.-]+$/.test(sku.partNumber)) return skuId;
  const back = skus.resolve(sku.partNumber);
  return back.kind === 'found' && back.sku.skuId === sku.skuId ? sku.partNumber : skuId;
}

export function planWord(skus: TenantSkus, skuId: string, planId: string): string {
  const sku = skus.byIdOrUndefined(skuId);
  if (!sku) return planId;
  const plan = sku.plans.find((p) => p.servicePlanId.toLowerCase() === planId.toLowerCase());
  if (!plan || !/^[A-Za-z0-9_.-]+$/.test(plan.servicePlanName)) return planId;
  const sameName = sku.plans.filter((p) => p.servicePlanName.toLowerCase() === plan.servicePlanName.toLowerCase());
  return sameName.length === 1 ? plan.servicePlanName : planId;
}
