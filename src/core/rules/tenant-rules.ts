import type { Catalog } from '../catalog/catalog';
import type { ParsedFile } from '../format/types';
import { buildBlockModel, SkuResolver } from '../model';
import { finding, type Finding } from './finding';

/** What validation needs to know of the signed-in tenant's subscriptions. */
export interface TenantSkuSeats {
  readonly skuId: string;
  readonly partNumber: string;
  readonly seatsLeft: number;
  readonly seatsTotal?: number;
}

/**
 * Checks that need the tenant: a SKU it does not subscribe to, and more users assigned a SKU than
 * seats left. The count is an upper bound (users who already hold the SKU need no new seat); the
 * preview gives the exact figure.
 */
export function tenantRules(parsed: ParsedFile, catalog: Catalog, tenantSkus: readonly TenantSkuSeats[]): Finding[] {
  const findings: Finding[] = [];
  const byId = new Map(tenantSkus.map((s) => [s.skuId.toLowerCase(), s]));
  const byPart = new Map(tenantSkus.map((s) => [s.partNumber.toUpperCase(), s]));
  const resolver = new SkuResolver(catalog);
  const usersPerSku = new Map<string, Set<string>>();
  const firstUse = new Map<string, { line: number; start: number; end: number }>();

  for (const block of parsed.blocks) {
    const model = buildBlockModel(block, resolver);
    for (const use of [...model.assigned, ...model.removed, ...model.disables.map((d) => d.use)]) {
      const inTenant = (use.sku && byId.get(use.sku.skuId)) ?? byPart.get(use.written.toUpperCase()) ?? byId.get(use.written.toLowerCase());
      if (!inTenant) {
        if (use.sku || /^[0-9a-f-]{36}$/i.test(use.written)) {
          findings.push(finding('sku-not-in-tenant', `Your tenant has no subscription for ${use.sku?.partNumber ?? use.written}${use.sku ? ` (${use.sku.productName})` : ''}.`, use.line, use.token.start, use.token.end));
        }
        continue;
      }
      if (!model.assigned.includes(use)) continue;
      const users = usersPerSku.get(inTenant.skuId) ?? new Set<string>();
      usersPerSku.set(inTenant.skuId, users);
      for (const u of block.users) users.add(u.key);
      if (!firstUse.has(inTenant.skuId)) firstUse.set(inTenant.skuId, { line: use.line, start: use.token.start, end: use.token.end });
    }
  }
  for (const [skuId, users] of usersPerSku) {
    const sku = byId.get(skuId)!;
    const at = firstUse.get(skuId)!;
    if (users.size > sku.seatsLeft) {
      findings.push(finding('not-enough-seats', `${sku.partNumber}: needs ${users.size}, ${Math.max(0, sku.seatsLeft)} left (users who already hold it need no new seat; Preview Changes gives the exact count).`, at.line, at.start, at.end));
    }
  }
  return findings;
}
