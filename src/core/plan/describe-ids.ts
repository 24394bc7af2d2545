import { Catalog } from '../catalog/catalog';
import type { TenantSkus } from '../tenant/tenant-skus';

const GUID_IN_TEXT = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;

const withProductName = (name: string, product: string | undefined) =>
  product && product.toUpperCase() !== name.toUpperCase() ? `${name} (${product})` : name;

/** `MCOPSTN1 (Microsoft 365 Domestic Calling Plan)`: a service plan by name, with Microsoft's friendly name. */
export function planLabel(planId: string, tenantName?: string, catalog: Catalog = Catalog.builtIn()): string {
  const known = catalog.planById(planId);
  const name = tenantName ?? known?.name;
  return name ? withProductName(name, known?.friendlyName) : planId;
}

/** `MCOEV (Microsoft Teams Phone Standard)`: a SKU by part number, with its product name. */
function skuLabel(skuId: string, skus?: TenantSkus, catalog: Catalog = Catalog.builtIn()): string {
  const known = catalog.skuById(skuId);
  const partNumber = skus?.byIdOrUndefined(skuId)?.partNumber ?? known?.partNumber;
  return partNumber ? withProductName(partNumber, known?.productName) : skuId;
}

function nameOf(id: string, skus: TenantSkus | undefined, catalog: Catalog): string | undefined {
  if (skus?.byIdOrUndefined(id) || catalog.skuById(id)) return skuLabel(id, skus, catalog);
  const inTenant = skus?.all.flatMap((s) => s.plans).find((p) => p.servicePlanId.toLowerCase() === id.toLowerCase());
  if (inTenant || catalog.planById(id)) return planLabel(id, inTenant?.servicePlanName, catalog);
  return undefined;
}

/**
 * Graph names service plans and SKUs only by GUID ("service plans 4ed3ff63-…, 5a10155d-… are
 * mutually exclusive"); an admin knows them by name. Every SKU id and service-plan id the tenant
 * or Microsoft's table knows becomes `NAME (Product name)`; any other GUID (a user, a group) stays.
 */
export function describeIds(text: string, skus?: TenantSkus, catalog: Catalog = Catalog.builtIn()): string {
  return text.replace(GUID_IN_TEXT, (id) => nameOf(id, skus, catalog) ?? id);
}
