import type { GraphUser, LicenseAssignmentState } from '../graph/resources';

/** How a user holds one SKU today. */
export interface Holding {
  readonly direct?: { readonly disabledPlans: readonly string[] };
  /** `label`: the group's display name with its id when Graph gave the name, else the id. */
  readonly groups: readonly {
    readonly groupId: string;
    readonly label: string;
    readonly disabledPlans: readonly string[];
  }[];
}

/** Group id (lower case) → display name, looked up once per run; may be empty (no permission to read groups). */
export type GroupNames = ReadonlyMap<string, string>;

const lower = (ids: readonly string[] | undefined): string[] => (ids ?? []).map((id) => id.toLowerCase());

/** `skuId` in lower case. */
export function holdingOf(user: GraphUser, skuId: string, groupNames: GroupNames): Holding {
  const states: readonly LicenseAssignmentState[] = user.licenseAssignmentStates ?? [];
  // A group assignment in state Error never gave the license (it is not in assignedLicenses and
  // takes no seat; licensing-groups-resolve-problems.md): the user does not hold it through that group.
  const mine = states.filter((s) => s.skuId.toLowerCase() === skuId && !(s.assignedByGroup && s.state === 'Error'));
  if (mine.length === 0) {
    // Tenants on Cloud Licensing no longer tell direct from group: treat what assignedLicenses
    // lists as direct, so a held license is still recognised and not re-sent.
    const assigned = (user.assignedLicenses ?? []).find((l) => l.skuId.toLowerCase() === skuId);
    return { direct: assigned ? { disabledPlans: lower(assigned.disabledPlans) } : undefined, groups: [] };
  }
  const direct = mine.find((s) => !s.assignedByGroup);
  return {
    direct: direct ? { disabledPlans: lower(direct.disabledPlans) } : undefined,
    groups: mine
      .filter((s) => s.assignedByGroup)
      .map((s) => {
        const groupId = s.assignedByGroup as string;
        const name = groupNames.get(groupId.toLowerCase());
        return { groupId, label: name ? `"${name}" (${groupId})` : groupId, disabledPlans: lower(s.disabledPlans) };
      }),
  };
}

/** Every SKU the user appears with, directly or through a group (lower case). */
export function skuIdsOf(user: GraphUser): string[] {
  const ids = [...(user.assignedLicenses ?? []), ...(user.licenseAssignmentStates ?? [])].map((l) =>
    l.skuId.toLowerCase(),
  );
  return [...new Set(ids)];
}

export const groupList = (h: Holding): string => h.groups.map((g) => g.label).join(', ');
