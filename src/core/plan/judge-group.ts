import { brokenDependency } from '../catalog/licensing-rules';
import type { GraphUser, LicenseAssignmentState } from '../graph/resources';
import type { UserError } from '../graph/user-error';
import type { GraphGroupMember } from '../reads/group-resources';
import type { TenantSkus } from '../tenant/tenant-skus';
import { english, plural, type Translate } from '../text/translate';
import { holdersByPlan, PLAN_RULE_CODES, predictRefusal, RULE_PLAN_KEYS } from './license-rules';
import { resultingLicenses, skuPlans } from './resulting-licenses';

/** A license the group holds once the planned assignLicense went through. */
export interface GroupLicense {
  readonly skuId: string;
  readonly disabledPlans: readonly string[];
}

/**
 * An add-on needs its prerequisite in the same group: "With group-based licensing, the system requires
 * that both the prerequisite and add-on service plans be present in the same group" (GROUP_PREREQUISITE),
 * and Graph refuses the group's assignLicense otherwise. Judged on the group's own resulting set with the
 * dependency rows of the licensing table, the rows the editor and the users' check read.
 */
export function groupPrerequisiteError(
  licenses: readonly GroupLicense[],
  skus: TenantSkus,
  t: Translate = english,
): UserError | undefined {
  const on = new Map<string, string>(); // upper-case plan name → the SKU that turns it on
  for (const l of licenses) {
    const off = new Set(l.disabledPlans.map((p) => p.toLowerCase()));
    const { partNumber, plans } = skuPlans(l.skuId, skus);
    for (const p of plans) if (!off.has(p.id) && !on.has(p.key)) on.set(p.key, partNumber);
  }
  const broken = brokenDependency((name) => on.has(name));
  if (!broken) return undefined;
  return {
    code: PLAN_RULE_CODES.missingRequiredPlan,
    message: t(
      '{0} in {1} needs {2} in the same group: Graph refuses a group an add-on whose prerequisite the group does not hold.',
      broken.dependent,
      on.get(broken.dependent)!,
      broken.rule.requiredLabel,
    ),
    hint: t(
      'Assign a SKU with {0} to this group in the same block, or give {1} to the users directly.',
      broken.rule.requiredLabel,
      on.get(broken.dependent)!,
    ),
  };
}

/** Members the group would give none of its licenses, with the first reason. */
export interface RefusedMembers {
  readonly ids: ReadonlySet<string>;
  readonly first?: { readonly user: string; readonly error: UserError };
}

/**
 * Group licensing is all or nothing per member: "If Microsoft Entra ID can't assign one of the products
 * because of business logic problems, it won't assign the other licenses in the group either"
 * (GROUP_ALL_OR_NOTHING). Each member's resulting set (what they hold directly and from other groups,
 * plus every license of this group) is judged with the same rules as a user's; members holding the same
 * licenses share one verdict.
 */
export function refusedMembers(
  members: readonly GraphGroupMember[],
  groupId: string,
  groupName: string,
  licenses: readonly GroupLicense[],
  skus: TenantSkus,
  t: Translate = english,
): RefusedMembers {
  const ids = new Set<string>();
  let first: RefusedMembers['first'];
  const memo = new Map<string, UserError | undefined>();
  const fromGroup: LicenseAssignmentState[] = licenses.map((l) => ({
    skuId: l.skuId,
    disabledPlans: [...l.disabledPlans],
    assignedByGroup: groupId,
    state: 'Active',
  }));
  const names = new Map([[groupId, groupName]]);
  const none = () => ({ removed: [], disabled: [] });
  for (const m of members) {
    const states = m.licenseAssignmentStates;
    // Cloud Licensing tenants no longer tell direct from group: what assignedLicenses lists counts as direct.
    const others: LicenseAssignmentState[] = states?.length
      ? states.filter((s) => (s.assignedByGroup ?? '').toLowerCase() !== groupId && s.state !== 'Error')
      : (m.assignedLicenses ?? []).map((l) => ({ skuId: l.skuId, disabledPlans: l.disabledPlans, state: 'Active' }));
    const key = JSON.stringify(others.map((s) => [s.skuId, s.disabledPlans, s.assignedByGroup ?? null]));
    let error = memo.get(key);
    if (!memo.has(key)) {
      const user: GraphUser = {
        id: m.id,
        userPrincipalName: m.userPrincipalName ?? m.id,
        licenseAssignmentStates: [...others, ...fromGroup],
      };
      const after = resultingLicenses(user, [], [], skus, names);
      error = predictRefusal(
        holdersByPlan(after, (k) => RULE_PLAN_KEYS.has(k)),
        none,
        skus,
        undefined,
        t,
      );
      memo.set(key, error);
    }
    if (!error) continue;
    ids.add(m.id);
    first ??= { user: m.userPrincipalName ?? m.id, error };
  }
  return { ids, ...(first ? { first } : {}) };
}

/** The note a group plan carries for its refused members. */
export function refusedMembersNote(refused: RefusedMembers, t: Translate = english): string | undefined {
  if (!refused.first) return undefined;
  return plural(
    t,
    refused.ids.size,
    '{0} member would get none of the licenses of this group (group licensing is all or nothing per member): {1}: {2}',
    '{0} members would get none of the licenses of this group (group licensing is all or nothing per member), e.g. {1}: {2}',
    refused.first.user,
    refused.first.error.message.replace(/\.$/, ''),
  );
}
