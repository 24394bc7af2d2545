import type { ServicePlanInfo } from '../graph/resources';
import { english, type Translate } from '../text/translate';
import type { TenantSku } from './tenant-skus';

/**
 * What the Licenses view shows for a SKU and its service plans. A tree row truncates its
 * description first and its label last: the seats are what an admin opens the view for, so they
 * go in the label beside the part number, and the product name (long, and in the tooltip too) in
 * the description.
 */
export interface ViewRow {
  readonly label: string;
  readonly description?: string;
  /** Lines, first in bold. */
  readonly tooltip: readonly string[];
}

export function skuRow(sku: TenantSku, productName: string | undefined): ViewRow {
  return {
    // "ENTERPRISEPACK · 99/149" fits a side bar of the default width; the tooltip says it in words.
    label: `${sku.partNumber} · ${sku.seatsUsed}/${sku.seatsTotal}`,
    description: productName,
    tooltip: [productName ?? sku.partNumber, `${sku.partNumber} · ${sku.skuId}`],
  };
}

/** A SKU's plans as the admin looks for them: by the name typed after `disable SKU:`, A to Z. */
export function sortedPlans(plans: readonly ServicePlanInfo[]): ServicePlanInfo[] {
  return [...plans].sort(
    (a, b) =>
      a.servicePlanName.localeCompare(b.servicePlanName, 'en', { sensitivity: 'base' }) ||
      a.servicePlanId.localeCompare(b.servicePlanId),
  );
}

/** Each tooltip line says what it is: "Provisioning: Success", not a bare "Success". */
export function planRow(plan: ServicePlanInfo, friendlyName: string | undefined, t: Translate = english): ViewRow {
  return {
    label: plan.servicePlanName,
    description: friendlyName,
    tooltip: [
      friendlyName ?? plan.servicePlanName,
      t('Service plan: {0}', plan.servicePlanName),
      t('Service plan id: {0}', plan.servicePlanId),
      ...(plan.provisioningStatus ? [t('Provisioning: {0}', plan.provisioningStatus)] : []),
    ],
  };
}
