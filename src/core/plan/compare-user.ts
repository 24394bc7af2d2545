import { isCallingPlan } from '../catalog/licensing-rules';
import type { CurrentUser } from '../reads/tenant-reads';
import type { ResolvedUser } from './resolve-desired';
import type { TenantSku, TenantSkus } from '../tenant/tenant-skus';
import { ENGINE_CODES, type UserError } from '../graph/user-error';
import type { KeptFromGroup, PlannedAdd, PlannedRemove, UserPlan } from './user-plan';
import { groupList, holdingOf, skuIdsOf, type GroupNames, type Holding } from './holding';
import { directStateOf } from './direct-state';
import type { GraphUser } from '../graph/resources';
import { skuPlans } from './resulting-licenses';
import { english, type Translate } from '../text/translate';
import { NO_USAGE_LOCATION } from './plan-class';

export type { GroupNames } from './holding';

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && new Set([...a, ...b]).size === a.length;

function inheritedError(sku: TenantSku, h: Holding, what: 'removed' | 'changed', t: Translate): UserError {
  const several = h.groups.length > 1;
  const args = [sku.partNumber, groupList(h)];
  const message =
    what === 'removed'
      ? several
        ? t('{0} is inherited from groups {1}; it cannot be removed directly from the user.', ...args)
        : t('{0} is inherited from group {1}; it cannot be removed directly from the user.', ...args)
      : several
        ? t('{0} is inherited from groups {1}; its disabled plans can only be changed on the group.', ...args)
        : t('{0} is inherited from group {1}; its disabled plans can only be changed on the group.', ...args);
  return {
    code: ENGINE_CODES.inheritedFromGroup,
    message,
    hint: several
      ? t('Remove the user from groups {0}, or change the licenses of that group.', groupList(h))
      : t('Remove the user from group {0}, or change the licenses of that group.', groupList(h)),
  };
}

function callingPlanError(sku: TenantSku, planName: string, t: Translate): UserError {
  return {
    code: ENGINE_CODES.callingPlanOnPremisesPstn,
    message: t(
      '{0} contains a Calling Plan ({1}), but this user is on on-premises PSTN / Direct Routing.',
      sku.partNumber,
      planName,
    ),
    hint: t(
      'Assign Teams Phone Standard (MCOEV) only to on-premises PSTN users, or disable the Calling Plan in this SKU.',
    ),
  };
}

/**
 * Desired vs current for one user (docs/graph-notes.md §12, steps 4 and 8). A user this returns as
 * `failed` is never written: a change is sent whole or not at all.
 */
export function planUser(
  resolved: ResolvedUser,
  current: CurrentUser,
  skus: TenantSkus,
  groupNames: GroupNames = new Map(),
  t: Translate = english,
): UserPlan {
  const d = resolved.desired;
  const base = { user: d.user, line: d.line, desired: d };
  const failed = (error: UserError, userId?: string): UserPlan => ({
    ...base,
    userId,
    kind: 'failed',
    add: [],
    remove: [],
    error,
    notes: [],
  });
  if (current.kind === 'unreadable') return failed(current.error);

  const user = current.user;
  const notes: string[] = [];
  const add: PlannedAdd[] = [];
  const remove: PlannedRemove[] = [];

  const removing = new Set(resolved.remove.map((s) => s.skuId));
  for (const wanted of resolved.assign) {
    const sku = wanted.sku;
    if (removing.has(sku.skuId)) {
      return failed(
        {
          code: ENGINE_CODES.conflictingDirectives,
          message: t('The file both assigns and removes {0} for this user.', sku.partNumber),
          hint: t('Keep only one of the two for this user.'),
        },
        user.id,
      );
    }
    const h = holdingOf(user, sku.skuId, groupNames);
    // Under `exact` a direct license with no `disable` is stated with every plan on.
    const fileSet = wanted.disabledPlanIds ?? (d.exact && h.direct ? [] : undefined);
    let disabled: readonly string[];
    if (h.direct) {
      // Held directly: only a `disable` that differs from what the user has is a change. Without
      // one, the user's disabled plans stay as they are (Graph would reset them if re-sent with []).
      if (fileSet === undefined || sameSet(fileSet, h.direct.disabledPlans)) continue;
      disabled = fileSet;
      add.push({
        skuId: sku.skuId,
        partNumber: sku.partNumber,
        disabledPlans: disabled,
        why: 'disabled-plans',
        takesSeat: false,
      });
    } else if (h.groups.length > 0 && d.exact) {
      // `exact` states the direct set: a SKU it assigns is wanted directly even where a group gives
      // it too (so undo can put back a direct copy a run removed). The group already holds the seat.
      disabled = fileSet ?? [];
      add.push({ skuId: sku.skuId, partNumber: sku.partNumber, disabledPlans: disabled, why: 'new', takesSeat: false });
      notes.push(
        t(
          'gets a direct copy of {0}, which group {1} also gives (exact states direct licenses)',
          sku.partNumber,
          groupList(h),
        ),
      );
    } else if (h.groups.length > 0) {
      // Held through a group only: the user has the license. A direct copy with other disabled
      // plans would not switch off what the group enables, so a different set cannot be reached.
      if (fileSet !== undefined && !h.groups.some((g) => sameSet(g.disabledPlans, fileSet)))
        return failed(inheritedError(sku, h, 'changed', t), user.id);
      continue;
    } else {
      disabled = fileSet ?? [];
      add.push({ skuId: sku.skuId, partNumber: sku.partNumber, disabledPlans: disabled, why: 'new', takesSeat: true });
    }
    if (d.onPremisesPstn) {
      const off = new Set(disabled);
      const calling = sku.plans.find(
        (p) => isCallingPlan(p.servicePlanName) && !off.has(p.servicePlanId.toLowerCase()),
      );
      if (calling) return failed(callingPlanError(sku, calling.servicePlanName, t), user.id);
    }
  }

  for (const sku of resolved.remove) {
    const h = holdingOf(user, sku.skuId, groupNames);
    if (h.direct) {
      remove.push({ skuId: sku.skuId, partNumber: sku.partNumber, freesSeat: h.groups.length === 0 });
      if (h.groups.length > 0)
        notes.push(
          h.groups.length > 1
            ? t('keeps {0} through groups {1}', sku.partNumber, groupList(h))
            : t('keeps {0} through group {1}', sku.partNumber, groupList(h)),
        );
    } else if (h.groups.length > 0) {
      return failed(inheritedError(sku, h, 'removed', t), user.id);
    }
  }

  const keptFromGroups = d.exact ? removeUnstated(resolved, user, skus, groupNames, remove, notes, t) : [];

  const hasUsageLocation = !!user.usageLocation;
  const setUsageLocation = !hasUsageLocation && d.usageLocation ? d.usageLocation : undefined;
  // Graph refuses a license to a user with no usage location (user-assignlicense.md: "License
  // assignment cannot be done for user with invalid usage location"): the user is not sent.
  if (add.length > 0 && !hasUsageLocation && !setUsageLocation) {
    return failed(
      {
        code: NO_USAGE_LOCATION,
        message: t('The user has no usage location and the block gives none: Graph refuses a license without one.'),
        hint: t('Add `usage-location XX` (two-letter country) to the block, then apply again.'),
      },
      user.id,
    );
  }
  const kind = add.length || remove.length || setUsageLocation ? 'change' : 'unchanged';
  return {
    ...base,
    userId: user.id,
    kind,
    add,
    remove,
    ...(setUsageLocation ? { setUsageLocation } : {}),
    notes,
    ...(keptFromGroups.length ? { keptFromGroups } : {}),
    ...(kind === 'change' ? { before: directStateOf(user, (skuId) => skuPlans(skuId, skus).partNumber) } : {}),
  };
}

/**
 * `exact`: every direct license the file neither assigns nor names on a `remove` line joins the
 * same assignLicense as a removal. Licenses the user holds only through a group are left alone
 * and returned, to be shown as kept.
 */
function removeUnstated(
  resolved: ResolvedUser,
  user: GraphUser,
  skus: TenantSkus,
  groupNames: GroupNames,
  remove: PlannedRemove[],
  notes: string[],
  t: Translate,
): KeptFromGroup[] {
  const stated = new Set([
    ...resolved.assign.map((a) => a.sku.skuId.toLowerCase()),
    ...resolved.remove.map((r) => r.skuId.toLowerCase()),
  ]);
  const kept: KeptFromGroup[] = [];
  for (const skuId of skuIdsOf(user)) {
    if (stated.has(skuId)) continue;
    const h = holdingOf(user, skuId, groupNames);
    const partNumber = skuPlans(skuId, skus).partNumber;
    if (h.direct) {
      remove.push({ skuId, partNumber, freesSeat: h.groups.length === 0, byExact: true });
      if (h.groups.length > 0)
        notes.push(
          h.groups.length > 1
            ? t('keeps {0} through groups {1}', partNumber, groupList(h))
            : t('keeps {0} through group {1}', partNumber, groupList(h)),
        );
    } else if (h.groups.length > 0) kept.push({ skuId, partNumber, groups: groupList(h) });
  }
  return kept;
}
