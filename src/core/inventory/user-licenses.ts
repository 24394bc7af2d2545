import type { GraphUser } from '../graph/resources';
import { holdingOf, skuIdsOf, type GroupNames } from '../plan/holding';

/**
 * One user's licenses split as the planner sees them (plan/holding.ts): the direct copies, which a
 * file states, and the group copies, which only the group changes. Read from licenseAssignmentStates;
 * a tenant that lists no states has every license read as direct, as the planner does.
 */
export interface DirectLicense {
  /** Lower case. */
  readonly skuId: string;
  /** Lower case, sorted. */
  readonly disabledPlans: readonly string[];
}

interface InheritedLicense {
  readonly skuId: string;
  readonly groupId: string;
  /** The group's display name with its id, or the id when the name could not be read. */
  readonly groupLabel: string;
}

/** A group license that group-based licensing could not give (state Error): the user does not hold it. */
interface FailedGroupLicense {
  readonly skuId: string;
  readonly groupId: string;
  readonly error: string;
}

export interface UserLicenses {
  readonly direct: readonly DirectLicense[];
  readonly inherited: readonly InheritedLicense[];
  readonly failed: readonly FailedGroupLicense[];
}

export function userLicenses(user: GraphUser, groupNames: GroupNames = new Map()): UserLicenses {
  const direct: DirectLicense[] = [];
  const inherited: InheritedLicense[] = [];
  for (const skuId of skuIdsOf(user).sort()) {
    const h = holdingOf(user, skuId, groupNames);
    if (h.direct) direct.push({ skuId, disabledPlans: [...h.direct.disabledPlans].sort() });
    for (const g of h.groups) inherited.push({ skuId, groupId: g.groupId.toLowerCase(), groupLabel: g.label });
  }
  const failed = (user.licenseAssignmentStates ?? [])
    .filter((s) => s.assignedByGroup && s.state === 'Error')
    .map((s) => ({
      skuId: s.skuId.toLowerCase(),
      groupId: (s.assignedByGroup as string).toLowerCase(),
      error: s.error ?? 'Other',
    }));
  return { direct, inherited, failed };
}

/** Identical direct sets (SKUs and their disabled plans) give the same key. */
export const directSetKey = (direct: readonly DirectLicense[]): string =>
  direct
    .map((l) => `${l.skuId}:${l.disabledPlans.join(',')}`)
    .sort()
    .join(' ');
