import type { Catalog } from '../catalog/catalog';
import type { ParsedFile } from '../format/types';
import { buildBlockModel, SkuResolver, type SkuUse } from '../model';
import { acceptsNewAssignments, seatsAvailable, seatsLacking } from '../tenant/seat-arithmetic';
import type { TenantSku, TenantSkus } from '../tenant/tenant-skus';
import { isGuid } from '../text/guid';
import { count, english, type Translate } from '../text/translate';
import { TENANT_RULES } from './definitions/tenant';
import { finding, type Finding } from './finding';
import { say } from './rule';

/** The tenant's subscription a SKU word names: by the catalog's skuId, else by part number or skuId as written. */
function inTenant(use: SkuUse, skus: TenantSkus): TenantSku | undefined {
  const byCatalog = use.sku && skus.byIdOrUndefined(use.sku.skuId);
  if (byCatalog) return byCatalog;
  const r = skus.resolve(use.written);
  return r.kind === 'found' ? r.sku : r.kind === 'ambiguous' ? r.skus[0] : undefined;
}

/** "needs 6, 5 left", with what stands in the way when the SKU is over-assigned or not active. */
function shortfallMessage(sku: TenantSku, users: number, t: Translate): string {
  const n = (x: number) => count(t, x);
  const rule = TENANT_RULES['not-enough-seats'];
  if (!acceptsNewAssignments(sku)) return say(t, rule, 'inactive', sku.partNumber, n(users), sku.capabilityStatus);
  if (sku.seatsLeft < 0) {
    return say(
      t,
      rule,
      'overAssigned',
      sku.partNumber,
      n(users),
      n(sku.seatsUsed),
      n(sku.seatsTotal),
      n(-sku.seatsLeft),
    );
  }
  return say(t, rule, 'default', sku.partNumber, n(users), n(seatsAvailable(sku)));
}

/**
 * Checks that need the tenant: a SKU it does not subscribe to, and more users assigned a SKU than
 * seats left. The count is an upper bound (users who already hold the SKU need no new seat, and
 * removals may free some); the preview gives the exact figure.
 */
export function tenantRules(parsed: ParsedFile, catalog: Catalog, skus: TenantSkus, t: Translate = english): Finding[] {
  const findings: Finding[] = [];
  const resolver = new SkuResolver(catalog);
  const usersPerSku = new Map<
    string,
    { sku: TenantSku; users: Set<string>; line: number; start: number; end: number }
  >();

  for (const block of parsed.blocks) {
    const model = buildBlockModel(block, resolver);
    for (const use of [...model.assigned, ...model.removed, ...model.disables.map((d) => d.use)]) {
      const sku = inTenant(use, skus);
      if (!sku) {
        if (use.sku || isGuid(use.written)) {
          const message = use.sku
            ? say(t, TENANT_RULES['sku-not-in-tenant'], 'withProduct', use.sku.partNumber, use.sku.productName)
            : say(t, TENANT_RULES['sku-not-in-tenant'], 'default', use.written);
          findings.push(finding('sku-not-in-tenant', message, use.line, use.token.start, use.token.end));
        }
        continue;
      }
      if (!model.assigned.includes(use)) continue;
      let entry = usersPerSku.get(sku.skuId);
      if (!entry)
        usersPerSku.set(
          sku.skuId,
          (entry = { sku, users: new Set(), line: use.line, start: use.token.start, end: use.token.end }),
        );
      for (const u of block.users) entry.users.add(u.key);
    }
  }
  for (const { sku, users, line, start, end } of usersPerSku.values()) {
    if (seatsLacking(sku, users.size) === 0) continue;
    // The file does not say who holds the SKU already (an exported tenant assigns E3 to its 75
    // holders): a shortfall is certain only when the users outnumber every seat, or none is taken.
    const certain = !acceptsNewAssignments(sku) || users.size > sku.seatsTotal;
    findings.push(
      certain
        ? finding('not-enough-seats', shortfallMessage(sku, users.size, t), line, start, end)
        : finding(
            'seats-may-run-short',
            say(
              t,
              TENANT_RULES['seats-may-run-short'],
              'default',
              sku.partNumber,
              count(t, users.size),
              count(t, seatsAvailable(sku)),
              count(t, users.size - seatsAvailable(sku)),
            ),
            line,
            start,
            end,
          ),
    );
  }
  return findings;
}
