import { isCallingPlan } from '../catalog/licensing-rules';
import type { GraphGroup, GraphGroupMember } from '../reads/group-resources';
import { ENGINE_CODES, type UserError } from '../graph/user-error';
import type { TenantSku, TenantSkus } from '../tenant/tenant-skus';
import { groupPrerequisiteError, refusedMembers, refusedMembersNote } from './judge-group';
import { english, plural, type Translate } from '../text/translate';
import type { DesiredGroup } from '../desired/desired-groups';
import type { ResolvedLicense } from './resolve-desired';

interface PlannedGroupAdd {
  readonly skuId: string;
  readonly partNumber: string;
  /** The full set the group will hold: Graph replaces it on every assignment. */
  readonly disabledPlans: readonly string[];
  /** `new`: the group does not give the SKU; `disabled-plans`: it does, with other plans off. */
  readonly why: 'new' | 'disabled-plans';
  /** Members who hold the SKU neither directly nor from another group: each takes a seat. */
  readonly newSeats: number;
}

interface PlannedGroupRemove {
  readonly skuId: string;
  readonly partNumber: string;
  /** Members who hold the SKU only from this group: each gives a seat back. */
  readonly freedSeats: number;
}

/** What one group needs, decided before anything is written. */
export interface GroupPlan {
  /** As written in the file (display name or id). */
  readonly group: string;
  readonly line: number;
  readonly groupId?: string;
  readonly displayName?: string;
  /** `failed`: never written (not found, several of that name, not security-enabled, conflicting lines). */
  readonly kind: 'change' | 'unchanged' | 'failed';
  readonly add: readonly PlannedGroupAdd[];
  readonly remove: readonly PlannedGroupRemove[];
  /** Direct user members: who the change reaches. */
  readonly members: number;
  /** Groups that are members: their own members get nothing from this group. */
  readonly nestedGroups: number;
  readonly error?: UserError;
  readonly notes: readonly string[];
  readonly desired: DesiredGroup;
  /**
   * Members who hold a SKU of the file directly while this group already gives it to them: a direct copy for nothing.
   */
  readonly redundantDirect?: readonly RedundantDirectCopy[];
  /** The group's assignedLicenses as read, for the journal's state before the write (undo restores it). */
  readonly before?: readonly { readonly skuId: string; readonly disabledPlans: readonly string[] }[];
}

/**
 * A direct assignment a member does not need: the group gives the same SKU, with no more plans
 * off than the direct copy has, so removing the direct copy changes nothing the member can use
 * and keeps the license through the group ("still use only one license", entra-docs
 * licensing-group-advanced.md; the direct copy blocks removing the user from the group cleanly).
 */
export interface RedundantDirectCopy {
  readonly user: string;
  readonly userId: string;
  readonly skuId: string;
  readonly partNumber: string;
  readonly group: string;
}

export interface ResolvedGroup {
  readonly desired: DesiredGroup;
  readonly assign: readonly ResolvedLicense[];
  readonly remove: readonly TenantSku[];
}

/** What Graph said about a group the file names, with its members once it was found. */
export type CurrentGroup =
  | { readonly kind: 'found'; readonly group: GraphGroup; readonly members: readonly GraphGroupMember[] }
  | { readonly kind: 'ambiguous'; readonly groups: readonly GraphGroup[] }
  | { readonly kind: 'missing' }
  | { readonly kind: 'unreadable'; readonly error: UserError };

const GROUP_CODES = {
  notFound: 'GroupNotFound',
  ambiguous: 'GroupNameAmbiguous',
  notSecurity: 'GroupNotSecurityEnabled',
} as const;

const lower = (ids: readonly string[] | undefined) => (ids ?? []).map((id) => id.toLowerCase());
const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && new Set([...a, ...b]).size === a.length;
const isUser = (m: GraphGroupMember) =>
  (m['@odata.type'] ?? '#microsoft.graph.user').toLowerCase() === '#microsoft.graph.user';

/**
 * The member holds the SKU other than from `groupId`: directly, or from another group (a group
 * license in state Error was never given). Such a member takes no new seat: "still use only one
 * license of a product" (entra-docs licensing-group-advanced.md).
 */
function holdsElsewhere(member: GraphGroupMember, skuId: string, groupId: string): boolean {
  const states = member.licenseAssignmentStates;
  if (states && states.length > 0) {
    return states.some(
      (s) =>
        s.skuId.toLowerCase() === skuId && s.state !== 'Error' && (s.assignedByGroup ?? '').toLowerCase() !== groupId,
    );
  }
  // Cloud Licensing tenants no longer tell direct from group: assignedLicenses is all there is.
  return (member.assignedLicenses ?? []).some((l) => l.skuId.toLowerCase() === skuId);
}

/** Desired vs the group's current assignedLicenses; counts the seats its members would take or give back. */
export function planGroup(
  resolved: ResolvedGroup,
  current: CurrentGroup,
  t: Translate = english,
  skus?: TenantSkus,
): GroupPlan {
  const d = resolved.desired;
  const base = {
    group: d.group,
    line: d.line,
    desired: d,
    add: [],
    remove: [],
    members: 0,
    nestedGroups: 0,
    notes: [],
  };
  const failed = (error: UserError, extra: Partial<GroupPlan> = {}): GroupPlan => ({
    ...base,
    ...extra,
    kind: 'failed',
    error,
  });
  if (current.kind === 'unreadable') return failed(current.error);
  if (current.kind === 'missing') {
    return failed({
      code: GROUP_CODES.notFound,
      message: t('No group is named or has the id {0}.', d.group),
      hint: t(
        "Check the name in the Entra admin center (display names compare case-insensitively), or write the group's object id.",
      ),
    });
  }
  if (current.kind === 'ambiguous') {
    const list = current.groups.map((g) => `"${g.displayName}" (${g.id})`).join(', ');
    return failed({
      code: GROUP_CODES.ambiguous,
      message: t('{0} groups are named {1}: {2}.', current.groups.length, d.group, list),
      hint: t('Write the object id of the one you mean instead of its name.'),
    });
  }
  const group = current.group;
  const groupId = group.id.toLowerCase();
  const users = current.members.filter(isUser);
  const nested = current.members.length - users.length;
  const known = { groupId, displayName: group.displayName, members: users.length, nestedGroups: nested };
  if (group.securityEnabled !== true) {
    const what = (group.groupTypes ?? []).some((x) => x.toLowerCase() === 'unified')
      ? t('a Microsoft 365 group without security enabled')
      : t('a distribution list');
    return failed(
      {
        code: GROUP_CODES.notSecurity,
        message: t('"{0}" is {1}: only security-enabled groups can be licensed.', group.displayName, what),
        hint: t('Use a security group, or enable security on the Microsoft 365 group.'),
      },
      known,
    );
  }
  const held = new Map((group.assignedLicenses ?? []).map((l) => [l.skuId.toLowerCase(), lower(l.disabledPlans)]));
  const removing = new Set(resolved.remove.map((s) => s.skuId));
  const add: PlannedGroupAdd[] = [];
  const notes: string[] = [];
  for (const wanted of resolved.assign) {
    const sku = wanted.sku;
    if (removing.has(sku.skuId)) {
      return failed(
        {
          code: ENGINE_CODES.conflictingDirectives,
          message: t('The file both assigns and removes {0} for this group.', sku.partNumber),
          hint: t('Keep only one of the two for this group.'),
        },
        known,
      );
    }
    const current = held.get(sku.skuId);
    const fileSet = wanted.disabledPlanIds;
    let disabled: readonly string[];
    if (current) {
      // As for a user: without a `disable` line the group keeps the plans it has off.
      if (fileSet === undefined || sameSet(fileSet, current)) continue;
      disabled = fileSet;
      add.push({
        skuId: sku.skuId,
        partNumber: sku.partNumber,
        disabledPlans: disabled,
        why: 'disabled-plans',
        newSeats: 0,
      });
    } else {
      disabled = fileSet ?? [];
      const newSeats = users.filter((m) => !holdsElsewhere(m, sku.skuId, groupId)).length;
      add.push({ skuId: sku.skuId, partNumber: sku.partNumber, disabledPlans: disabled, why: 'new', newSeats });
    }
    if (d.onPremisesPstn) {
      const off = new Set(disabled);
      const calling = sku.plans.find(
        (p) => isCallingPlan(p.servicePlanName) && !off.has(p.servicePlanId.toLowerCase()),
      );
      if (calling) {
        return failed(
          {
            code: ENGINE_CODES.callingPlanOnPremisesPstn,
            message: t(
              '{0} contains a Calling Plan ({1}), but this group is on on-premises PSTN / Direct Routing.',
              sku.partNumber,
              calling.servicePlanName,
            ),
            hint: t('Assign Teams Phone Standard (MCOEV) only, or disable the Calling Plan in this SKU.'),
          },
          known,
        );
      }
    }
  }
  const remove: PlannedGroupRemove[] = [];
  for (const sku of resolved.remove) {
    if (!held.has(sku.skuId)) continue;
    remove.push({
      skuId: sku.skuId,
      partNumber: sku.partNumber,
      freedSeats: users.filter((m) => !holdsElsewhere(m, sku.skuId, groupId)).length,
    });
  }
  if (skus && (add.length || remove.length)) {
    // What the group holds once the write went through: Graph judges that set, and each member's with it.
    const removed = new Set(remove.map((r) => r.skuId));
    const after = new Map([...held].filter(([skuId]) => !removed.has(skuId)));
    for (const a of add) after.set(a.skuId, [...a.disabledPlans]);
    const licenses = [...after].map(([skuId, disabledPlans]) => ({ skuId, disabledPlans }));
    const prerequisite = groupPrerequisiteError(licenses, skus, t);
    if (prerequisite) return failed(prerequisite, known);
    const refused = refusedMembers(users, groupId, group.displayName, licenses, skus, t);
    const note = refusedMembersNote(refused, t);
    if (note) {
      notes.push(note);
      // A member given none of the group's licenses takes none of its seats.
      for (let i = 0; i < add.length; i++)
        if (add[i].why === 'new')
          add[i] = {
            ...add[i],
            newSeats: users.filter((m) => !refused.ids.has(m.id) && !holdsElsewhere(m, add[i].skuId, groupId)).length,
          };
    }
  }
  if (nested > 0)
    notes.push(
      plural(
        t,
        nested,
        '{0} nested group among the members gets nothing: group licenses reach direct members only',
        '{0} nested groups among the members get nothing: group licenses reach direct members only',
      ),
    );
  const redundantDirect = redundantCopies(resolved, users, groupId, group.displayName, held, removing);
  if (redundantDirect.length)
    notes.push(
      plural(
        t,
        redundantDirect.length,
        '{0} member also holds a license of this group directly: a direct copy for nothing (the redundant-direct report lists it)',
        '{0} members also hold a license of this group directly: a direct copy for nothing (the redundant-direct report lists them)',
      ),
    );
  const kind = add.length || remove.length ? 'change' : 'unchanged';
  return {
    ...base,
    ...known,
    kind,
    add,
    remove,
    notes,
    ...(redundantDirect.length ? { redundantDirect } : {}),
    before: [...held].map(([skuId, disabledPlans]) => ({ skuId, disabledPlans })),
  };
}

/**
 * Members with a direct copy of a SKU the file assigns and the group already gives them (their group
 * assignment is not in error), whose direct copy turns off every plan the group turns off.
 */
function redundantCopies(
  resolved: ResolvedGroup,
  users: readonly GraphGroupMember[],
  groupId: string,
  groupName: string,
  held: ReadonlyMap<string, readonly string[]>,
  removing: ReadonlySet<string>,
): RedundantDirectCopy[] {
  const out: RedundantDirectCopy[] = [];
  for (const wanted of resolved.assign) {
    const groupOff = held.get(wanted.sku.skuId);
    if (!groupOff || removing.has(wanted.sku.skuId)) continue;
    for (const m of users) {
      const states = m.licenseAssignmentStates ?? [];
      const mine = states.filter((s) => s.skuId.toLowerCase() === wanted.sku.skuId);
      const fromGroup = mine.some((s) => (s.assignedByGroup ?? '').toLowerCase() === groupId && s.state !== 'Error');
      const direct = mine.find((s) => !s.assignedByGroup && s.state !== 'Error');
      if (!fromGroup || !direct) continue;
      const directOff = new Set(lower(direct.disabledPlans));
      if (!groupOff.every((p) => directOff.has(p))) continue;
      out.push({
        user: m.userPrincipalName ?? m.id,
        userId: m.id,
        skuId: wanted.sku.skuId,
        partNumber: wanted.sku.partNumber,
        group: groupName,
      });
    }
  }
  return out;
}
