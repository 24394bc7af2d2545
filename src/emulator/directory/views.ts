import { type EmulatorSku, type EmulatorTenant, type EmulatorUser } from './tenant';

/**
 * JSON projections of the live state, shaped as Graph v1.0 returns them.
 */

/** The user properties Graph returns without $select (graph-docs api-reference/v1.0/api/user-get.md,
 *  "returns a default set of properties"); also the body of a successful assignLicense ([OBS]
 *  pnp/cli-microsoft365 fixture, msgraph-sdk-go#43). */
export const DEFAULT_USER_PROPERTIES = [
  'businessPhones',
  'displayName',
  'givenName',
  'jobTitle',
  'mail',
  'mobilePhone',
  'officeLocation',
  'preferredLanguage',
  'surname',
  'userPrincipalName',
  'id',
] as const;

/** Properties this emulator can return on $select; others are a 400 as in Graph. */
export const SELECTABLE_USER_PROPERTIES = new Set<string>([
  ...DEFAULT_USER_PROPERTIES,
  'accountEnabled',
  'department',
  'usageLocation',
  'assignedLicenses',
  'licenseAssignmentStates',
  'assignedPlans',
]);

function userProperty(tenant: EmulatorTenant, user: EmulatorUser, name: string): unknown {
  switch (name) {
    case 'assignedLicenses':
      return assignedLicenses(tenant, user);
    case 'licenseAssignmentStates':
      return licenseAssignmentStates(tenant, user);
    case 'assignedPlans':
      return assignedPlans(tenant, user);
    case 'businessPhones':
      return [...user.businessPhones];
    default:
      return (user as unknown as Record<string, unknown>)[name] ?? null;
  }
}

export function userView(
  tenant: EmulatorTenant,
  user: EmulatorUser,
  select?: readonly string[],
): Record<string, unknown> {
  const names = select && select.length ? select : DEFAULT_USER_PROPERTIES;
  const out: Record<string, unknown> = {};
  for (const n of names) out[n] = userProperty(tenant, user, n);
  return out;
}

/**
 * assignedLicenses: "The licenses that are assigned to the user, including inherited (group-based)
 * licenses. This property doesn't differentiate between directly assigned and inherited licenses."
 * (graph-docs resources/user.md). One entry per SKU. [INF] When a SKU arrives by several paths a plan
 * is enabled if any path enables it, so disabledPlans is the intersection of the paths' lists.
 * A group license in state Error is left out: it was not assigned (tenant.ts, GroupLicenseErrorFixture).
 */
export function assignedLicenses(
  tenant: EmulatorTenant,
  user: EmulatorUser,
): { disabledPlans: string[]; skuId: string }[] {
  const bySku = new Map<string, string[][]>();
  for (const l of user.licenses) bySku.set(l.skuId, [...(bySku.get(l.skuId) ?? []), l.disabledPlans]);
  for (const { license } of tenant.groupLicenses(user))
    bySku.set(license.skuId, [...(bySku.get(license.skuId) ?? []), license.disabledPlans]);
  return [...bySku].map(([skuId, lists]) => ({
    disabledPlans: lists.reduce((acc, l) => acc.filter((p) => l.includes(p))),
    skuId,
  }));
}

/**
 * licenseAssignmentStates (graph-docs resources/licenseassignmentstate.md): one entry per direct
 * assignment (`assignedByGroup: null`) and one per group that grants the SKU, so a SKU can appear twice.
 * `error` is "None" on success in practice, not null (entra-docs licensing-ps-examples.md).
 * Direct assignments are always Active: their problems are "immediately reported back" by assignLicense
 * (entra-docs licensing-groups-resolve-problems.md). A group license can be in `Error` or `ActiveWithError`
 * with the error group-based licensing recorded (tenant.ts, GroupLicenseErrorFixture); one in `Error` is
 * listed here although the user does not have it (assignedLicenses leaves it out).
 */
function licenseAssignmentStates(tenant: EmulatorTenant, user: EmulatorUser): Record<string, unknown>[] {
  const state = (
    skuId: string,
    disabledPlans: string[],
    assignedByGroup: string | null,
    lastUpdatedDateTime: string,
    status = 'Active',
    error = 'None',
  ) => ({ assignedByGroup, disabledPlans: [...disabledPlans], error, lastUpdatedDateTime, skuId, state: status });
  return [
    ...user.licenses.map((l) => state(l.skuId, l.disabledPlans, null, l.lastUpdatedDateTime)),
    ...tenant
      .groupAssignments(user)
      .map((a) => state(a.license.skuId, a.license.disabledPlans, a.group.id, a.lastUpdatedDateTime, a.state, a.error)),
  ];
}

/** assignedPlans (graph-docs resources/assignedplan.md): the enabled service plans of every held SKU.
 *  [INF] `service` is reported as the plan name; Graph uses a workload name ("exchange", "MicrosoftOffice"). */
function assignedPlans(tenant: EmulatorTenant, user: EmulatorUser): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const { skuId, disabledPlans } of assignedLicenses(tenant, user)) {
    const sku = tenant.findSku(skuId);
    for (const p of sku?.servicePlans ?? []) {
      if (disabledPlans.includes(p.servicePlanId)) continue;
      out.push({
        assignedDateTime: '2025-01-06T09:00:00Z',
        capabilityStatus: 'Enabled',
        service: p.servicePlanName,
        servicePlanId: p.servicePlanId,
      });
    }
  }
  return out;
}

/** subscribedSku (graph-docs resources/subscribedsku.md; shape of graph-docs subscribedsku-list.md example). */
export function skuView(tenant: EmulatorTenant, sku: EmulatorSku): Record<string, unknown> {
  return {
    accountName: tenant.accountName,
    accountId: tenant.tenantId,
    appliesTo: sku.appliesTo,
    capabilityStatus: sku.capabilityStatus,
    consumedUnits: sku.consumedUnits,
    id: `${tenant.tenantId}_${sku.skuId}`,
    prepaidUnits: { ...sku.prepaidUnits },
    servicePlans: sku.servicePlans.map((p) => ({
      servicePlanId: p.servicePlanId,
      servicePlanName: p.servicePlanName,
      provisioningStatus: 'Success',
      appliesTo: p.appliesTo,
    })),
    skuId: sku.skuId,
    skuPartNumber: sku.skuPartNumber,
    subscriptionIds: [...sku.subscriptionIds],
  };
}

/**
 * licenseDetails (graph-docs api/user-list-licensedetails.md): "licenses that are directly assigned and
 * those transitively assigned through memberships in licensed groups". The id is opaque in Graph (43
 * base64url characters in the doc example): here it is the user id and SKU id bytes, base64url-encoded.
 * Disabled plans report provisioningStatus "Disabled" (servicePlanInfo.provisioningStatus values).
 */
export function licenseDetailsView(tenant: EmulatorTenant, user: EmulatorUser): Record<string, unknown>[] {
  return assignedLicenses(tenant, user).map(({ skuId, disabledPlans }) => {
    const sku = tenant.findSku(skuId);
    return {
      id: Buffer.concat([guidBytes(user.id), guidBytes(skuId)]).toString('base64url'),
      skuId,
      skuPartNumber: sku?.skuPartNumber ?? null,
      servicePlans: (sku?.servicePlans ?? []).map((p) => ({
        servicePlanId: p.servicePlanId,
        servicePlanName: p.servicePlanName,
        provisioningStatus: disabledPlans.includes(p.servicePlanId) ? 'Disabled' : 'Success',
        appliesTo: p.appliesTo,
      })),
    };
  });
}

function guidBytes(guid: string): Buffer {
  const hex = guid.replace(/-/g, '');
  return /^[0-9a-f]{32}$/i.test(hex) ? Buffer.from(hex, 'hex') : Buffer.from(guid);
}
