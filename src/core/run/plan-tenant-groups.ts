import { neverCancelled, type Cancellation } from '../graph/cancellation';
import type { GraphConnection } from '../graph/connection';
import { readGroupMembers, readGroupsByReference } from '../reads/group-reads';
import type { PlanBlocker } from '../plan/blockers';
import type { DesiredUser } from '../desired/desired';
import type { DesiredGroup } from '../desired/desired-groups';
import { planGroup, type CurrentGroup, type GroupPlan, type ResolvedGroup } from '../plan/group-plan';
import { resolveDesired } from '../plan/resolve-desired';
import { runPool } from '../graph/pool';
import type { TenantSkus } from '../tenant/tenant-skus';
import { english, type Translate } from '../text/translate';

/**
 * The groups' SKU and plan references against the tenant, with the same blockers as users'
 * (unknown SKU, ambiguous part number, unknown plan), through the users' resolver.
 */
export function resolveGroups(
  groups: readonly DesiredGroup[],
  skus: TenantSkus,
): { groups: ResolvedGroup[]; blockers: readonly PlanBlocker[] } {
  const asUsers: DesiredUser[] = groups.map((g) => ({
    user: g.group,
    line: g.line,
    assign: g.assign,
    remove: g.remove,
    onPremisesPstn: g.onPremisesPstn,
  }));
  const resolution = resolveDesired(asUsers, skus);
  return {
    groups: resolution.users.map((u, i) => ({ desired: groups[i], assign: u.assign, remove: u.remove })),
    blockers: resolution.blockers,
  };
}

/**
 * Reads every group the files name (by id or display name) and its direct members, and plans each:
 * the seats check then counts the members who would newly take a seat. Writes nothing.
 */
export async function planGroups(
  connection: GraphConnection,
  resolved: readonly ResolvedGroup[],
  cancellation: Cancellation = neverCancelled,
  t: Translate = english,
  skus?: TenantSkus,
): Promise<GroupPlan[]> {
  const reads = await readGroupsByReference(
    connection,
    resolved.map((g) => g.desired.group),
    cancellation,
  );
  const current = new Map<string, CurrentGroup>();
  const found = [...reads].filter(([, r]) => r.kind === 'found');
  await runPool(found.length, connection.concurrency, async (i) => {
    const [key, read] = found[i];
    if (read.kind !== 'found' || cancellation.isCancellationRequested) return;
    const members = await readGroupMembers(connection, read.group.id, cancellation);
    current.set(
      key,
      members.ok
        ? { kind: 'found', group: read.group, members: members.value }
        : { kind: 'unreadable', error: members.error },
    );
  });
  for (const [key, read] of reads) if (read.kind !== 'found') current.set(key, read);
  const seen = new Set<string>();
  return resolved.map((g) => {
    const state = current.get(g.desired.group.toLowerCase()) ?? {
      kind: 'unreadable' as const,
      error: { code: 'NotRead', message: t('The group was not read from Graph.') },
    };
    const plan = planGroup(g, state, t, skus);
    // A name and an id can designate one group: two assignLicense calls would race each other.
    if (plan.groupId && seen.has(plan.groupId)) {
      return {
        ...plan,
        kind: 'failed' as const,
        add: [],
        remove: [],
        error: {
          code: 'DuplicateGroup',
          message: t('Same group as another line of the file, listed again under another name.'),
          hint: t('Keep one line per group.'),
        },
      };
    }
    if (plan.groupId) seen.add(plan.groupId);
    return plan;
  });
}
