import { isCallingPlan } from '../catalog/licensing-rules';
import type { TeamsNumber } from '../numbers/teams-reads';
import type { ListedUser } from '../reads/user-listing';
import type { TenantSkus } from '../tenant/tenant-skus';
import { userLicenses } from './user-licenses';
import type { GroupNames } from '../plan/holding';

/** A user licensed for calling (a Calling Plan enabled) who holds no number: paid for and unable to call. */
interface CallingWithoutNumber {
  readonly user: string;
  readonly userId: string;
  readonly displayName: string | null;
  /** The SKUs that give the Calling Plan. */
  readonly callingSkus: readonly string[];
}

/** A number held by a user who holds no license, or whose account is disabled. */
interface IdleNumber {
  readonly telephoneNumber: string;
  readonly numberType: string;
  /** The UPN when the user was read (licensed users are), else the object id. */
  readonly user: string;
  readonly userId: string;
  readonly reason: 'unlicensed' | 'disabled';
}

export type NumberFindings =
  | {
      readonly available: true;
      readonly callingWithoutNumber: readonly CallingWithoutNumber[];
      readonly idleNumbers: readonly IdleNumber[];
    }
  /** The inventory could not be read (no permission): why, said once. */
  | { readonly available: false; readonly reason: string };

/**
 * Pure: the licensed users (enabled accounts only for "unable to call"), the user-held numbers of the inventory, and
 * the names of the holders that are not licensed users (read by id; absent when unreadable) → the findings.
 */
export function numberFindings(
  users: readonly ListedUser[],
  skus: TenantSkus,
  groupNames: GroupNames,
  inventory: readonly TeamsNumber[],
  unlicensedNames: ReadonlyMap<string, string> = new Map(),
): NumberFindings {
  const held = new Set<string>();
  const userNumbers = inventory.filter((n) => n.assignmentStatus === 'userAssigned' && n.assignmentTargetId);
  for (const n of userNumbers) held.add(n.assignmentTargetId!.toLowerCase());
  const byId = new Map(users.map((u) => [u.id.toLowerCase(), u]));
  const callingWithoutNumber: CallingWithoutNumber[] = [];
  for (const user of users) {
    if (!user.accountEnabled || held.has(user.id.toLowerCase())) continue;
    const licenses = userLicenses(user, groupNames);
    const calling = new Set<string>();
    for (const l of [...licenses.direct, ...licenses.inherited]) {
      const sku = skus.byIdOrUndefined(l.skuId);
      const disabled = new Set('disabledPlans' in l ? l.disabledPlans.map((p) => p.toLowerCase()) : []);
      if (sku?.plans.some((p) => isCallingPlan(p.servicePlanName) && !disabled.has(p.servicePlanId.toLowerCase())))
        calling.add(sku.partNumber);
    }
    if (calling.size)
      callingWithoutNumber.push({
        user: user.userPrincipalName,
        userId: user.id,
        displayName: user.displayName,
        callingSkus: [...calling].sort(),
      });
  }
  const idleNumbers: IdleNumber[] = [];
  for (const n of userNumbers) {
    const id = n.assignmentTargetId!;
    const user = byId.get(id.toLowerCase());
    if (user && user.accountEnabled) continue;
    idleNumbers.push({
      telephoneNumber: n.telephoneNumber,
      numberType: n.numberType,
      user: user?.userPrincipalName ?? unlicensedNames.get(id.toLowerCase()) ?? id,
      userId: id,
      reason: user ? 'disabled' : 'unlicensed',
    });
  }
  const byUser = (a: { user: string }, b: { user: string }) => a.user.toLowerCase().localeCompare(b.user.toLowerCase());
  return {
    available: true,
    callingWithoutNumber: callingWithoutNumber.sort(byUser),
    idleNumbers: idleNumbers.sort(byUser),
  };
}
