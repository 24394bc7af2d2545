import { partNumberKey, stripLegacyPrefix } from '../catalog/catalog';
import { isGuid } from '../text/guid';
import type { GraphConnection } from '../graph/connection';
import type { ServicePlanInfo, SubscribedSku } from '../graph/resources';
import { readSubscribedSkus, type Loaded } from '../reads/tenant-reads';

/**
 * One of the tenant's subscriptions, as every reader needs it: the planner, the tenant-aware rules,
 * completions, hovers and the Licenses view. Seats follow Graph's subscribedSku / licenseUnitsDetail;
 * which of them a new assignment may take is decided in one place, `seatsLacking` (./seats).
 */
export interface TenantSku {
  /** Lower-case GUID. */
  readonly skuId: string;
  readonly partNumber: string;
  /** With `provisioningStatus` as Graph reports it. */
  readonly plans: readonly ServicePlanInfo[];
  /** `prepaidUnits.enabled`: units of active subscriptions. */
  readonly seatsTotal: number;
  /** `consumedUnits`: licenses assigned, which may exceed `seatsTotal` after a subscription shrank. */
  readonly seatsUsed: number;
  /** `seatsTotal - seatsUsed`, not clamped: negative when over-assigned (that many must be freed first). */
  readonly seatsLeft: number;
  /** `prepaidUnits.warning`: expired, in the grace period; not counted as seats. */
  readonly seatsWarning: number;
  /** `prepaidUnits.suspended`: "can't be assigned but can still be reactivated". */
  readonly seatsSuspended: number;
  /** `prepaidUnits.lockedOut`: the subscription was cancelled. */
  readonly seatsLockedOut: number;
  /** `Enabled`, `Warning`, `Suspended`, `Deleted` or `LockedOut`; `Enabled` when Graph omits it. */
  readonly capabilityStatus: string;
  readonly assignableToUsers: boolean;
}

/** Graph's subscribedSku as a TenantSku. */
export function tenantSku(s: SubscribedSku): TenantSku {
  const total = s.prepaidUnits?.enabled ?? 0;
  const used = s.consumedUnits ?? 0;
  return {
    skuId: s.skuId.toLowerCase(),
    partNumber: s.skuPartNumber,
    plans: s.servicePlans ?? [],
    seatsTotal: total,
    seatsUsed: used,
    seatsLeft: total - used,
    seatsWarning: s.prepaidUnits?.warning ?? 0,
    seatsSuspended: s.prepaidUnits?.suspended ?? 0,
    seatsLockedOut: s.prepaidUnits?.lockedOut ?? 0,
    capabilityStatus: s.capabilityStatus ?? 'Enabled',
    assignableToUsers: (s.appliesTo ?? 'User') === 'User',
  };
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
      const sku = tenantSku(s);
      this.byId.set(sku.skuId, sku);
      const key = partNumberKey(sku.partNumber);
      this.byPartNumber.set(key, [...(this.byPartNumber.get(key) ?? []), sku]);
    }
  }

  get all(): readonly TenantSku[] {
    return [...this.byId.values()];
  }

  /** By part number, as the Licenses view lists them. */
  get sorted(): readonly TenantSku[] {
    return [...this.byId.values()].sort((a, b) => a.partNumber.localeCompare(b.partNumber));
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
