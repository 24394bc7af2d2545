import { partNumberKey, stripLegacyPrefix } from '../catalog/catalog';
import { isGuid } from '../text/guid';
import type { GraphConnection } from '../graph/connection';
import type { ServicePlanInfo, SubscribedSku } from '../graph/resources';
import { readSubscribedSkus, type Loaded } from '../graph/tenant-reads';

/** A subscription as the run needs it: ids, names, plans and seats left. */
export interface TenantSku {
  /** Lower-case GUID. */
  readonly skuId: string;
  readonly partNumber: string;
  readonly plans: readonly ServicePlanInfo[];
  /** `prepaidUnits.enabled - consumedUnits`: warning/suspended units are not counted as available. */
  readonly seatsLeft: number;
  readonly assignableToUsers: boolean;
}

export type TenantSkuResolution =
  | { readonly kind: 'found'; readonly sku: TenantSku }
  | { readonly kind: 'ambiguous'; readonly skus: readonly TenantSku[] }
  | { readonly kind: 'unknown' };

/**
 * The tenant's `/subscribedSkus`, which is authoritative for ids: the built-in catalog maps MCOPSTN5
 * to two SKUs, but a tenant normally subscribes to one of them, so resolving here settles it.
 */
export class TenantSkus {
  private readonly byId = new Map<string, TenantSku>();
  private readonly byPartNumber = new Map<string, TenantSku[]>();

  constructor(subscribed: readonly SubscribedSku[]) {
    for (const s of subscribed) {
      const sku: TenantSku = {
        skuId: s.skuId.toLowerCase(),
        partNumber: s.skuPartNumber,
        plans: s.servicePlans ?? [],
        seatsLeft: (s.prepaidUnits?.enabled ?? 0) - (s.consumedUnits ?? 0),
        assignableToUsers: (s.appliesTo ?? 'User') === 'User',
      };
      this.byId.set(sku.skuId, sku);
      const key = partNumberKey(sku.partNumber);
      this.byPartNumber.set(key, [...(this.byPartNumber.get(key) ?? []), sku]);
    }
  }

  get all(): readonly TenantSku[] {
    return [...this.byId.values()];
  }

  byIdOrUndefined(skuId: string): TenantSku | undefined {
    return this.byId.get(skuId.toLowerCase());
  }

  /** A part number (any case; MSOnline's `tenant:` prefix allowed) or a skuId. */
  resolve(written: string): TenantSkuResolution {
    const name = stripLegacyPrefix(written);
    if (isGuid(name)) {
      const sku = this.byId.get(name.toLowerCase());
      return sku ? { kind: 'found', sku } : { kind: 'unknown' };
    }
    const matches = this.byPartNumber.get(partNumberKey(name)) ?? [];
    if (matches.length === 1) return { kind: 'found', sku: matches[0] };
    return matches.length > 1 ? { kind: 'ambiguous', skus: matches } : { kind: 'unknown' };
  }

  /** A service plan of this SKU by name (case-insensitive) or id. */
  static planOf(sku: TenantSku, nameOrId: string): ServicePlanInfo | undefined {
    const key = nameOrId.trim().toLowerCase();
    return sku.plans.find((p) => p.servicePlanName.toLowerCase() === key || p.servicePlanId.toLowerCase() === key);
  }

  /** Plan names for messages: ids the tenant does not list stay as ids. */
  static planName(sku: TenantSku, planId: string): string {
    return sku.plans.find((p) => p.servicePlanId.toLowerCase() === planId.toLowerCase())?.servicePlanName ?? planId;
  }
}

/** The tenant's subscriptions, read once and indexed for the planner and the rules. */
export async function loadTenantSkus(connection: GraphConnection): Promise<Loaded<TenantSkus>> {
  const read = await readSubscribedSkus(connection);
  return read.ok ? { ok: true, value: new TenantSkus(read.value) } : read;
}
