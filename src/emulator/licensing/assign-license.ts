import { GUID_PATTERN as GUID } from '../../core/text/guid';
import { fail, isFailure, type Failure } from '../http/errors';
import { checkDependencies, checkMutualExclusion, enabledPlans } from './plan-rules';
import { hasAssignableSeat, noAvailableLicenses } from './seats';
import { type EmulatorSku, type EmulatorTenant, type EmulatorUser, type LicenseAssignment } from '../directory/tenant';

/**
 * POST /users/{id | userPrincipalName}/assignLicense
 * (graph-docs api-reference/v1.0/api/user-assignlicense.md; learn.microsoft.com/graph/api/user-assignlicense).
 *
 * Validation order (the real order is undocumented; [INF] request checks before tenant checks): body keys → Edm.Guid
 * syntax → both lists empty → each remove (unknown SKU, inherited only, not held) → each add (unknown SKU,
 * appliesTo Company, disabled plan not in the SKU) → usage location → seats → mutual exclusion →
 * dependencies. Nothing is written unless every check passes: one call is all-or-nothing ([INF]
 * entra-docs licensing-groups-resolve-problems.md: a direct-assignment problem "is immediately reported back").
 */

export interface AssignLicenseInput {
  readonly addLicenses: readonly { readonly skuId: string; readonly disabledPlans: readonly string[] }[];
  readonly removeLicenses: readonly string[];
}

/** [OBS] yaegashi/msgraph.go#14, microsoft-graph-docs#2853: OData's conversion error for a bad GUID. */
const EDM_GUID =
  "Cannot convert a primitive value to the expected type 'Edm.Guid'. See the inner exception for more details.";

/** Reads the JSON body. Both keys are mandatory, even when empty ([OBS] msgraph-sdk-powershell#3361,
 *  #3201, msgraph-sdk-go#43: "The missing parameters are: addLicenses."). */
export function parseAssignLicenseBody(body: unknown): AssignLicenseInput | Failure {
  const obj =
    body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  const missing = ['addLicenses', 'removeLicenses'].filter((k) => obj[k] === undefined);
  if (missing.length) {
    return fail(
      400,
      'Request_BadRequest',
      `One or more parameters of the operation 'assignLicense' are missing from the request payload. The missing parameters are: ${missing.join(', ')}.`,
    );
  }
  for (const [key, type] of [
    ['addLicenses', 'microsoft.graph.assignedLicense'],
    ['removeLicenses', 'Edm.Guid'],
  ] as const) {
    if (obj[key] === null) {
      // [INF] OData's wording for null in a non-nullable collection parameter.
      return fail(
        400,
        'Request_BadRequest',
        `A null value was found for the property named '${key}', which has the expected type 'Collection(${type})[Nullable=False]'. The expected type 'Collection(${type})[Nullable=False]' does not allow null values.`,
      );
    }
    if (!Array.isArray(obj[key])) {
      return fail(
        400,
        'Request_BadRequest',
        `An unexpected value was found for the parameter '${key}': a collection of '${type}' was expected.`,
      );
    }
  }
  const add: { skuId: string; disabledPlans: string[] }[] = [];
  for (const item of obj.addLicenses as unknown[]) {
    const license = item !== null && typeof item === 'object' ? (item as Record<string, unknown>) : {};
    const disabled = license.disabledPlans ?? [];
    if (!isGuid(license.skuId) || !Array.isArray(disabled) || !disabled.every(isGuid))
      return fail(400, 'Request_BadRequest', EDM_GUID);
    add.push({
      skuId: (license.skuId as string).toLowerCase(),
      disabledPlans: (disabled as string[]).map((p) => p.toLowerCase()),
    });
  }
  const remove = obj.removeLicenses as unknown[];
  if (!remove.every(isGuid)) return fail(400, 'Request_BadRequest', EDM_GUID);
  return { addLicenses: add, removeLicenses: (remove as string[]).map((r) => r.toLowerCase()) };
}

const isGuid = (v: unknown): v is string => typeof v === 'string' && GUID.test(v);

/**
 * What the preconditions read: the user's usage location and each SKU's consumedUnits. Under replication
 * lag (replication.ts) they come from the replica and may predate a recent write; by default, the live state.
 */
export interface PreconditionView {
  readonly usageLocation: string | null;
  readonly consumedUnits: (sku: EmulatorSku) => number;
}

/** Validates and, if every check passes, applies the change. Returns the failure, or undefined. */
export function assignLicense(
  tenant: EmulatorTenant,
  user: EmulatorUser,
  body: unknown,
  now = new Date(),
  seen?: PreconditionView,
): Failure | undefined {
  const input = parseAssignLicenseBody(body);
  if (isFailure(input)) return input;
  const planned = planAssignLicense(tenant, user, input, seen);
  if (isFailure(planned)) return planned;
  applyAssignLicense(tenant, user, planned, now);
  return undefined;
}

interface PlannedChange {
  /** The user's direct assignments after the call. */
  readonly direct: { skuId: string; disabledPlans: string[]; changed: boolean }[];
}

function planAssignLicense(
  tenant: EmulatorTenant,
  user: EmulatorUser,
  input: AssignLicenseInput,
  seen: PreconditionView = { usageLocation: user.usageLocation, consumedUnits: (sku) => sku.consumedUnits },
): PlannedChange | Failure {
  // [OBS] msgraph-sdk-powershell#3286 (2025-04-21): both lists empty.
  if (input.addLicenses.length === 0 && input.removeLicenses.length === 0) {
    return fail(
      400,
      'Request_BadRequest',
      'No license changes provided. At least one license to add or remove must be specified.',
    );
  }
  // Group licenses the user has. [INF] One in state Error (never assigned) counts as not held: removing it
  // directly is answered like any license the user lacks; Graph's answer for that case is not captured.
  const groupSkus = new Set(tenant.groupLicenses(user).map((g) => g.license.skuId));
  const directSkus = new Set(user.licenses.map((l) => l.skuId));

  for (const skuId of input.removeLicenses) {
    // [OBS] pnp/cli-microsoft365 user-license-remove.spec.ts: unknown SKU, on remove as on add.
    if (!tenant.findSku(skuId)) return unknownSku(skuId);
    if (!directSkus.has(skuId)) {
      // [OBS] KelvinTegelaar/CIPP#4090; entra-docs licensing-group-advanced.md: "When a user inherits a
      // license from a group, you can't directly remove or modify that license in the user's properties."
      if (groupSkus.has(skuId))
        return fail(
          400,
          'Request_BadRequest',
          'User license is inherited from a group membership and it cannot be removed directly from the user.',
        );
      // [OBS] captured JSON (2023-06-14); same text as Set-AzureADUserLicense (OfficeDocs-Enterprise#873).
      return fail(400, 'Request_BadRequest', 'User does not have a corresponding license.');
    }
  }

  const adds = new Map<string, string[]>();
  for (const add of input.addLicenses) {
    const sku = tenant.findSku(add.skuId);
    // [OBS] pnp/cli-microsoft365 user-license-add.spec.ts.
    if (!sku) return unknownSku(add.skuId);
    // [OBS] microsoft-graph-docs-contrib#5644 "License ______ cannot be assigned to a user."; subscribedSku:
    // "Only SKUs with target class User are assignable." (graph-docs resources/subscribedsku.md)
    if (sku.appliesTo !== 'User')
      return fail(400, 'Request_BadRequest', `License ${sku.skuId} cannot be assigned to a user.`);
    // [INF] text not captured; azure-docs#81269 reports an error that "the service plan does not belong to" the SKU.
    const foreign = add.disabledPlans.find((p) => !sku.servicePlans.some((sp) => sp.servicePlanId === p));
    if (foreign)
      return fail(400, 'Request_BadRequest', `Service plan ${foreign} does not belong to the license ${sku.skuId}.`);
    adds.set(sku.skuId, [...new Set(add.disabledPlans)]);
  }

  // [OBS] full JSON captured 2025-01-06; KelvinTegelaar/CIPP#783. Direct assignment needs a usage location
  // ("for direct assignment it must be set first", entra-docs licensing-group-advanced.md).
  if (adds.size > 0 && !/^[A-Z]{2}$/.test(seen.usageLocation ?? '')) {
    return fail(400, 'Request_BadRequest', 'License assignment cannot be done for user with invalid usage location.');
  }

  // Seats (seats.ts): a user who already holds the SKU (directly or by group) takes no new seat.
  const heldBefore = tenant.heldSkuIds(user);
  for (const skuId of adds.keys()) {
    const sku = tenant.findSku(skuId)!;
    if (!heldBefore.has(skuId) && !hasAssignableSeat({ ...sku, consumedUnits: seen.consumedUnits(sku) }))
      return noAvailableLicenses(sku);
  }

  // Re-adding a held SKU replaces its disabledPlans (Cloud Licensing design notes:
  // "we will update the disabledServicePlanIds list ... to match the one in the request").
  const removed = new Set(input.removeLicenses);
  const direct = user.licenses
    .filter((l) => !removed.has(l.skuId) || adds.has(l.skuId))
    .map((l) => ({ skuId: l.skuId, disabledPlans: adds.get(l.skuId) ?? l.disabledPlans, changed: adds.has(l.skuId) }));
  for (const [skuId, disabledPlans] of adds)
    if (!direct.some((d) => d.skuId === skuId)) direct.push({ skuId, disabledPlans, changed: true });

  const resulting = enabledPlans(tenant, [...direct, ...tenant.groupLicenses(user).map((g) => g.license)]);
  return checkMutualExclusion(resulting) ?? checkDependencies(tenant, resulting) ?? { direct };
}

function applyAssignLicense(tenant: EmulatorTenant, user: EmulatorUser, change: PlannedChange, now: Date): void {
  const before = tenant.heldSkuIds(user);
  const stamp = now.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const old = new Map(user.licenses.map((l) => [l.skuId, l]));
  user.licenses = change.direct.map((d): LicenseAssignment => ({
    skuId: d.skuId,
    disabledPlans: [...d.disabledPlans],
    lastUpdatedDateTime: d.changed || !old.has(d.skuId) ? stamp : old.get(d.skuId)!.lastUpdatedDateTime,
  }));
  const after = tenant.heldSkuIds(user);
  for (const sku of tenant.skus) {
    if (before.has(sku.skuId) && !after.has(sku.skuId)) sku.consumedUnits--;
    if (!before.has(sku.skuId) && after.has(sku.skuId)) sku.consumedUnits++;
  }
}

function unknownSku(skuId: string): Failure {
  return fail(400, 'Request_BadRequest', `License ${skuId} does not correspond to a valid company License.`);
}
