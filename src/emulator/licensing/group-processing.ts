import { checkDependencies, checkMutualExclusion, enabledPlans } from './plan-rules';
import { hasAssignableSeat } from './seats';
import {
  type AssignmentError,
  type EmulatorGroup,
  type EmulatorTenant,
  type EmulatorUser,
  type LicenseAssignment,
} from '../directory/tenant';

/**
 * Group-based licensing runs in the background: "the same errors can occur, but they happen in the
 * background while the Microsoft Entra service is assigning licenses ... they're recorded on the user
 * object" (entra-docs licensing-groups-resolve-problems.md). After `POST /groups/{id}/assignLicense`
 * the group's licenseProcessingState goes QueuedForProcessing → ProcessingInProgress →
 * ProcessingComplete (graph-docs resources/group.md, licenseProcessingState); only then do members see
 * the change. The lag is Graph time, so clockScale and a ManualClock drive it. A processing the
 * faults make fail ends ProcessingFailed instead, the state Microsoft's scripts select "groups with
 * license errors" by (entra-docs licensing-powershell-graph-examples.md), until reprocessing clears it.
 */

/** [INF] Graph gives no figure; Microsoft's scripts poll every few seconds. Graph milliseconds. */
const GROUP_QUEUE_MS = 1_000;
const GROUP_PROCESSING_MS = 4_000;

export type ProcessingState =
  'QueuedForProcessing' | 'ProcessingInProgress' | 'ProcessingComplete' | 'ProcessingFailed';

export function processingState(group: EmulatorGroup, now: number): ProcessingState {
  const done = (failed: boolean | undefined): ProcessingState => (failed ? 'ProcessingFailed' : 'ProcessingComplete');
  if (!group.processing) return done(group.processingFailed);
  if (now < group.processing.startsAt) return 'QueuedForProcessing';
  return now < group.processing.completesAt ? 'ProcessingInProgress' : done(group.processing.fails);
}

/**
 * Queues a new license set for the group (what assignLicense asked for); `fails`: that processing ends
 * ProcessingFailed.
 */
export function queueGroupLicenses(
  group: EmulatorGroup,
  licenses: LicenseAssignment[],
  now: number,
  fails = false,
): void {
  group.processing = {
    licenses,
    startsAt: now + GROUP_QUEUE_MS,
    completesAt: now + GROUP_QUEUE_MS + GROUP_PROCESSING_MS,
    ...(fails ? { fails } : {}),
  };
}

/** Completes every group whose processing is due: called before each request is handled. */
export function settleGroupProcessing(tenant: EmulatorTenant, now: number): void {
  for (const group of tenant.groups) {
    if (!group.processing || now < group.processing.completesAt) continue;
    const { licenses, fails } = group.processing;
    group.processing = undefined;
    group.processingFailed = fails === true;
    const members = tenant.membersOf(group);
    // What each member held before the group changed: the seats they had.
    const before = new Map(members.map((u) => [u, tenant.heldSkuIds(u)]));
    const given = new Map(
      members.map((u) => [
        u,
        new Set(
          tenant
            .groupLicenses(u)
            .filter((g) => g.group.id === group.id)
            .map((g) => g.license.skuId),
        ),
      ]),
    );
    group.licenses = licenses;
    for (const user of members) {
      // Licenses the group no longer gives leave no error behind.
      user.groupLicenseErrors = user.groupLicenseErrors.filter(
        (e) => e.groupId !== group.id || licenses.some((l) => l.skuId === e.skuId),
      );
      if (fails) failMember(user, group, given.get(user)!, now);
      else judgeMember(tenant, user, group, given.get(user)!, now);
      countSeats(tenant, before.get(user)!, tenant.heldSkuIds(user));
    }
  }
}

/**
 * A processing that failed: the intent is kept ("The original intent to license the user is never
 * lost, but it's recorded in an error state", entra-docs licensing-groups-resolve-problems.md) as an
 * `Error` / `Other` record (licenseassignmentstate.md values) on each license the member did not
 * already have from the group. Licenses already given stay; reprocessing the member judges them all again.
 */
function failMember(user: EmulatorUser, group: EmulatorGroup, given: ReadonlySet<string>, now: number): void {
  const stamp = new Date(Date.UTC(2025, 0, 6, 9) + now).toISOString().replace(/\.\d{3}Z$/, 'Z');
  for (const license of group.licenses) {
    if (given.has(license.skuId)) continue;
    user.groupLicenseErrors = user.groupLicenseErrors.filter(
      (e) => !(e.groupId === group.id && e.skuId === license.skuId),
    );
    user.groupLicenseErrors.push({
      groupId: group.id,
      skuId: license.skuId,
      state: 'Error',
      error: 'Other',
      lastUpdatedDateTime: stamp,
    });
  }
}

/** Moves consumedUnits by what one member gained and lost. */
function countSeats(tenant: EmulatorTenant, before: ReadonlySet<string>, after: ReadonlySet<string>): void {
  for (const sku of tenant.skus) {
    if (before.has(sku.skuId) && !after.has(sku.skuId)) sku.consumedUnits--;
    if (!before.has(sku.skuId) && after.has(sku.skuId)) sku.consumedUnits++;
  }
}

/**
 * Judges each license of `group` for one member, as the service does when it processes the group or
 * reprocesses the user, and records the error of each it cannot give (or clears a past one).
 * `given`: SKUs this group gave the member before (they keep their seat). The caller counts seats.
 */
function judgeMember(
  tenant: EmulatorTenant,
  user: EmulatorUser,
  group: EmulatorGroup,
  given: ReadonlySet<string>,
  now: number,
): void {
  const stamp = new Date(Date.UTC(2025, 0, 6, 9) + now).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const verdicts = group.licenses.map((license) => ({
    license,
    error: judgeLicense(tenant, user, group, license, given.has(license.skuId)),
  }));
  // All or nothing per member: "If Microsoft Entra ID can't assign one of the products because of business
  // logic problems, it won't assign the other licenses in the group either" (entra-docs
  // licensing-groups-resolve-problems.md, "More than one product license assigned to a group"). A license
  // the group already gave stays. [INF] The error recorded on the licenses refused with it is not
  // documented: `Other` (a licenseAssignmentState.error value).
  const refused = verdicts.some((v) => v.error !== undefined && !given.has(v.license.skuId));
  for (const { license, error: own } of verdicts) {
    const error = own ?? (refused && !given.has(license.skuId) ? 'Other' : undefined);
    user.groupLicenseErrors = user.groupLicenseErrors.filter(
      (e) => !(e.groupId === group.id && e.skuId === license.skuId),
    );
    if (error)
      user.groupLicenseErrors.push({
        groupId: group.id,
        skuId: license.skuId,
        state: 'Error',
        error,
        lastUpdatedDateTime: stamp,
      });
  }
}

/**
 * Why the group cannot give this license to this member, or undefined. The error names are those of
 * licenseAssignmentState.error (graph-docs resources/licenseassignmentstate.md): no seat left for a
 * member who does not hold the SKU already (CountViolation), plans that cannot be held together
 * (MutuallyExclusiveViolation), a plan whose prerequisite the member lacks (DependencyViolation).
 */
function judgeLicense(
  tenant: EmulatorTenant,
  user: EmulatorUser,
  group: EmulatorGroup,
  license: LicenseAssignment,
  keepsSeat: boolean,
): AssignmentError | undefined {
  const sku = tenant.findSku(license.skuId);
  if (!sku) return 'Other';
  // The group's licenses are given together, so each is judged beside all the others of the group
  // (whatever state they are in now), and beside what the member holds directly and from other groups.
  const others = [
    ...user.licenses,
    ...tenant
      .groupLicenses(user)
      .filter((g) => g.group.id !== group.id)
      .map((g) => g.license),
    ...group.licenses.filter((l) => l.skuId !== license.skuId),
  ];
  const heldElsewhere = others.some((l) => l.skuId === license.skuId);
  // "Still use only one license of a product" when it comes twice (entra-docs licensing-group-advanced.md).
  if (!heldElsewhere && !keepsSeat && !hasAssignableSeat(sku)) return 'CountViolation';
  const plans = enabledPlans(tenant, [...others, license]);
  if (checkMutualExclusion(plans)) return 'MutuallyExclusiveViolation';
  if (checkDependencies(tenant, plans)) return 'DependencyViolation';
  return undefined;
}

/**
 * POST /users/{id}/reprocessLicenseAssignment: "Reprocess all group-based license assignments for
 * the user" (graph-docs api/user-reprocesslicenseassignment.md). Errors whose cause is gone clear.
 */
export function reprocessUser(tenant: EmulatorTenant, user: EmulatorUser, now: number): void {
  for (const id of user.groups) {
    const group = tenant.findGroup(id);
    if (!group) continue;
    // A license already given (no error) keeps its seat while it is judged again.
    const before = tenant.heldSkuIds(user);
    const given = new Set(
      tenant
        .groupLicenses(user)
        .filter((g) => g.group.id === group.id)
        .map((g) => g.license.skuId),
    );
    judgeMember(tenant, user, group, given, now);
    countSeats(tenant, before, tenant.heldSkuIds(user));
    // A failed processing is over once reprocessing leaves no member of the group in error from it.
    if (
      group.processingFailed &&
      !tenant.membersOf(group).some((m) => m.groupLicenseErrors.some((e) => e.groupId === group.id))
    )
      group.processingFailed = false;
  }
}
