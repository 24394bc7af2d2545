import type { Catalog } from '../catalog/catalog';
import type { ParsedFile } from '../format/types';
import { buildBlockModel, SkuResolver, type SkuUse } from '../model';
import { acceptsNewAssignments, seatsAvailable, seatsLacking } from '../tenant/seat-arithmetic';
import type { TenantSku, TenantSkus } from '../tenant/tenant-skus';
import { isGuid } from '../text/guid';
import { finding, type Finding } from './finding';

/** The tenant's subscription a SKU word names: by the catalog's skuId, else by part number or skuId as written. */
function inTenant(use: SkuUse, skus: TenantSkus): TenantSku | undefined {
  const byCatalog = use.sku && skus.byIdOrUndefined(use.sku.skuId);
  if (byCatalog) return byCatalog;
  const r = skus.resolve(use.written);
  return r.kind === 'found' ? r.sku : r.kind === 'ambiguous' ? r.skus[0] : undefined;
}

/** "needs 6, 5 left", with what stands in the way when the SKU is over-assigned or not active. */
function shortfallMessage(sku: TenantSku, users: number): string {
  const exact = '(users who already hold it need no new seat; Preview Changes gives the exact count)';
  if (!acceptsNewAssignments(sku)) return `${sku.partNumber}: needs ${users}, 0 left: the subscription is ${sku.capabilityStatus} and takes no new assignments.`;
  if (sku.seatsLeft < 0) return `${sku.partNumber}: needs ${users}, 0 left: ${sku.seatsUsed} assigned of ${sku.seatsTotal} seats, so ${-sku.seatsLeft} must be freed first ${exact}.`;
  return `${sku.partNumber}: needs ${users}, ${seatsAvailable(sku)} left ${exact}.`;
}

/**
 * Checks that need the tenant: a SKU it does not subscribe to, and more users assigned a SKU than
 * seats left. The count is an upper bound (users who already hold the SKU need no new seat, and
 * removals may free some); the preview gives the exact figure.
 */
export function tenantRules(parsed: ParsedFile, catalog: Catalog, skus: TenantSkus): Finding[] {
  const findings: Finding[] = [];
  const resolver = new SkuResolver(catalog);
  const usersPerSku = new Map<string, { sku: TenantSku; users: Set<string>; line: number; start: number; end: number }>();

  for (const block of parsed.blocks) {
    const model = buildBlockModel(block, resolver);
    for (const use of [...model.assigned, ...model.removed, ...model.disables.map((d) => d.use)]) {
      const sku = inTenant(use, skus);
      if (!sku) {
        if (use.sku || isGuid(use.written)) {
          findings.push(finding('sku-not-in-tenant', `Your tenant has no subscription for ${use.sku?.partNumber ?? use.written}${use.sku ? ` (${use.sku.productName})` : ''}.`, use.line, use.token.start, use.token.end));
        }
        continue;
      }
      if (!model.assigned.includes(use)) continue;
      let entry = usersPerSku.get(sku.skuId);
      if (!entry) usersPerSku.set(sku.skuId, (entry = { sku, users: new Set(), line: use.line, start: use.token.start, end: use.token.end }));
      for (const u of block.users) entry.users.add(u.key);
    }
  }
  for (const { sku, users, line, start, end } of usersPerSku.values()) {
    if (seatsLacking(sku, users.size) > 0) findings.push(finding('not-enough-seats', shortfallMessage(sku, users.size), line, start, end));
  }
  return findings;
}
