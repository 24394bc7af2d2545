import type { SubscribedSku } from '../../../src/core/graph/resources';
import { TenantSkus } from '../../../src/core/tenant/tenant-skus';
import { catalog } from '../helpers';

export interface SeatsFixture {
  /** prepaidUnits.enabled */
  readonly total: number;
  /** consumedUnits */
  readonly used: number;
  readonly capabilityStatus?: string;
  readonly warning?: number;
  readonly suspended?: number;
  readonly lockedOut?: number;
}

/** A subscribedSku as Graph returns it, from Microsoft's table (real ids and plans), with the seats given. */
export function subscribedWith(partNumber: string, seats: SeatsFixture): SubscribedSku {
  const sku = catalog.skusByPartNumber(partNumber)[0];
  if (!sku) throw new Error(`${partNumber} not in the catalog`);
  return {
    skuId: sku.skuId,
    skuPartNumber: sku.partNumber,
    appliesTo: 'User',
    capabilityStatus: seats.capabilityStatus ?? 'Enabled',
    consumedUnits: seats.used,
    prepaidUnits: {
      enabled: seats.total,
      warning: seats.warning ?? 0,
      suspended: seats.suspended ?? 0,
      lockedOut: seats.lockedOut ?? 0,
    },
    servicePlans: sku.plans.map((p) => ({
      servicePlanId: p.id,
      servicePlanName: p.name,
      provisioningStatus: 'Success',
    })),
  };
}

export const tenantOf = (skus: Record<string, SeatsFixture>) =>
  new TenantSkus(Object.entries(skus).map(([part, seats]) => subscribedWith(part, seats)));
