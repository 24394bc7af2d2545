import type { CurrentUser } from '../../../src/core/reads/tenant-reads';
import { Catalog } from '../../../src/core/catalog/catalog';
import type { GraphUser, LicenseAssignmentState, SubscribedSku } from '../../../src/core/graph/resources';
import { TenantSkus } from '../../../src/core/tenant/tenant-skus';

const catalog = Catalog.builtIn();

/** A subscribedSku as Graph returns it, built from Microsoft's table: real ids and plans. */
export function subscribed(
  partNumber: string,
  seatsLeft = 10,
  o: { skuId?: string; appliesTo?: string } = {},
): SubscribedSku {
  const sku = catalog.skusByPartNumber(partNumber)[0];
  if (!sku) throw new Error(`${partNumber} not in the catalog`);
  return {
    skuId: o.skuId ?? sku.skuId,
    skuPartNumber: sku.partNumber,
    appliesTo: o.appliesTo ?? 'User',
    capabilityStatus: 'Enabled',
    consumedUnits: 100,
    prepaidUnits: { enabled: 100 + seatsLeft },
    servicePlans: sku.plans.map((p) => ({ servicePlanId: p.id, servicePlanName: p.name })),
  };
}

export const skuId = (partNumber: string) => catalog.skusByPartNumber(partNumber)[0].skuId;
export const planId = (partNumber: string, plan: string) =>
  catalog.planInSku(catalog.skusByPartNumber(partNumber)[0], plan)!.id;

export function tenantSkus(...skus: SubscribedSku[]): TenantSkus {
  return new TenantSkus(
    skus.length
      ? skus
      : ['ENTERPRISEPACK', 'MCOEV', 'MCOPSTN1', 'MCOTEAMS_ESSENTIALS', 'STANDARDPACK'].map((p) => subscribed(p)),
  );
}

/** A Graph user: `direct` and `viaGroup` list [partNumber, disabled plan names...]. */
export function graphUser(
  upn: string,
  o: {
    usageLocation?: string | null;
    direct?: string[][];
    viaGroup?: { group: string; license: string[] }[];
    id?: string;
  } = {},
): GraphUser {
  const state = (lic: string[], group: string | null): LicenseAssignmentState => ({
    skuId: skuId(lic[0]),
    disabledPlans: lic.slice(1).map((p) => planId(lic[0], p)),
    assignedByGroup: group,
    state: 'Active',
    error: 'None',
  });
  const states = [
    ...(o.direct ?? []).map((l) => state(l, null)),
    ...(o.viaGroup ?? []).map((g) => state(g.license, g.group)),
  ];
  return {
    id: o.id ?? `id-${upn}`,
    userPrincipalName: upn,
    usageLocation: o.usageLocation === undefined ? 'US' : o.usageLocation,
    assignedLicenses: states.map((s) => ({ skuId: s.skuId, disabledPlans: s.disabledPlans ?? [] })),
    licenseAssignmentStates: states,
  };
}

/** Users as readUsers() hands them to the planner: found, keyed by lower-cased UPN. */
export const found = (...users: GraphUser[]) =>
  new Map<string, CurrentUser>(users.map((u) => [u.userPrincipalName.toLowerCase(), { kind: 'found', user: u }]));
