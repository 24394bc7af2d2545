import { PLAN_ROWS, SKU_ROWS } from '../../core/catalog/catalog-data.generated';
import { stableGuid } from '../directory/ids';
import { type AppliesTo, type CapabilityStatus, type SkuFixture } from '../directory/tenant';

/**
 * Service plans that a real tenant reports with `appliesTo: "Company"` (graph-docs servicePlanInfo:
 * "appliesTo: User or Company"): taken from the captured licenseDetails of a developer E5 tenant and the
 * graph-docs licenseDetails example. Every other plan is "User".
 */
const COMPANY_LEVEL_PLANS = new Set([
  'NUCLEUS',
  'CONTENT_EXPLORER',
  'MICROSOFT_SEARCH',
  'ATP_ENTERPRISE',
  'INTUNE_O365',
  'EXCHANGE_S_FOUNDATION',
]);

export interface CatalogSkuOptions {
  /** Default "User"; "Company" makes the SKU unassignable to users, as Graph's subscribedSku doc says. */
  readonly appliesTo?: AppliesTo;
  readonly warning?: number;
  readonly suspended?: number;
  readonly lockedOut?: number;
  /** Default "Enabled"; anything else takes no new assignment (seats.ts). */
  readonly capabilityStatus?: CapabilityStatus;
}

/** A subscribedSku fixture for a part number of Microsoft's official table, with its real service plans. */
export function catalogSku(partNumber: string, prepaidEnabled: number, options: CatalogSkuOptions = {}): SkuFixture {
  const row = SKU_ROWS.find(([part]) => part === partNumber);
  if (!row) throw new Error(`${partNumber} is not in the generated catalog`);
  const [skuPartNumber, skuId, , planIndexes] = row;
  const appliesTo = options.appliesTo ?? 'User';
  return {
    skuId,
    skuPartNumber,
    appliesTo,
    capabilityStatus: options.capabilityStatus ?? 'Enabled',
    prepaidUnits: {
      enabled: prepaidEnabled,
      warning: options.warning ?? 0,
      suspended: options.suspended ?? 0,
      lockedOut: options.lockedOut ?? 0,
    },
    servicePlans: planIndexes.map((i) => {
      const [servicePlanId, servicePlanName] = PLAN_ROWS[i];
      const planApplies: AppliesTo =
        appliesTo === 'Company' || COMPANY_LEVEL_PLANS.has(servicePlanName.toUpperCase()) ? 'Company' : 'User';
      return { servicePlanId, servicePlanName, appliesTo: planApplies };
    }),
    subscriptionIds: [stableGuid('subscription', skuPartNumber)],
  };
}

/** The servicePlanId of a plan inside a catalog SKU, by plan name. */
export function planIdIn(sku: SkuFixture, planName: string): string {
  const plan = sku.servicePlans.find((p) => p.servicePlanName.toUpperCase() === planName.toUpperCase());
  if (!plan) throw new Error(`${sku.skuPartNumber} has no service plan ${planName}`);
  return plan.servicePlanId;
}
