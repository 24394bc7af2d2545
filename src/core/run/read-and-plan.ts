import { neverCancelled, type Cancellation } from '../graph/cancellation';
import type { GraphConnection } from '../graph/connection';
import { readGroupNames, readUsers, type Loaded } from '../reads/tenant-reads';
import { loadTenantSkus, type TenantSkus } from '../tenant/tenant-skus';
import type { DesiredUser } from '../desired/desired';
import { planRun, userReferences, type RunPlan } from '../plan/whole-plan';
import { resolveDesired } from '../plan/resolve-desired';
import { skuIdsOf } from '../plan/holding';
import type { UserError } from '../graph/user-error';
import { english, type Translate } from '../text/translate';
import type { DesiredGroup } from '../desired/desired-groups';
import { groupSeatCounts } from '../plan/group-seats';
import { seatShortfalls, shortfallBlocker } from '../plan/seats';
import { planGroups, resolveGroups } from './plan-tenant-groups';
import { NumberIndex, type NumberInventory } from '../plan/number-plan';
import { readNumberInventory } from '../numbers/teams-reads';

/**
 * The Teams number inventory, read only when a user line of the files gives a number or `no-number` (a file
 * without numbers needs no Teams permission). A refusal is kept: each number then says it, licenses go on.
 */
export async function readNumbersFor(
  connection: GraphConnection,
  desired: readonly DesiredUser[],
  t: Translate = english,
): Promise<NumberInventory | undefined> {
  if (!desired.some((d) => d.number)) return undefined;
  const read = await readNumberInventory(connection, { t });
  return read.ok ? { ok: true, value: new NumberIndex(read.value) } : read;
}

/** Users read so far, of how many the files name. */
export type ReadCounter = (read: number, total: number) => void;

/** readUsers' `onRead` that counts, for a ReadCounter; undefined without one. */
export function countingReads(
  references: readonly string[],
  counter: ReadCounter | undefined,
): ((read: ReadonlyMap<string, unknown>) => void) | undefined {
  if (!counter) return undefined;
  const total = new Set(references.map((r) => r.toLowerCase())).size;
  let read = 0;
  counter(0, total);
  return (batch) => counter((read += batch.size), total);
}

export type PlanOutcome =
  | { readonly kind: 'planned'; readonly plan: RunPlan }
  /** The tenant could not be read at all (sign-in, permissions, network): nothing per user to say. */
  | { readonly kind: 'tenant-error'; readonly error: UserError }
  | { readonly kind: 'cancelled' };

/**
 * The dry run (docs/graph-notes.md §12, steps 1–4): reads the tenant's SKUs and every listed user, and plans.
 * Writes nothing. A file naming SKUs the tenant lacks is answered before reading any user.
 * `readSkus`: in VS Code, the tenant state's fresh read (tenant-state.ts), so the view and the
 * tenant-aware rules show the seats the plan counted on. `onRead`: users read so far, of how many,
 * as pages and batches are answered (a front end's counter while 20,000 users are read).
 */
export async function planLicenses(
  connection: GraphConnection,
  desired: readonly DesiredUser[],
  cancellation: Cancellation = neverCancelled,
  readSkus: () => Promise<Loaded<TenantSkus>> = () => loadTenantSkus(connection),
  groups: readonly DesiredGroup[] = [],
  t: Translate = english,
  onRead?: ReadCounter,
): Promise<PlanOutcome> {
  const skus = await readSkus();
  if (!skus.ok) return { kind: 'tenant-error', error: skus.error };
  const resolution = resolveDesired(desired, skus.value, t);
  const groupResolution = resolveGroups(groups, skus.value);
  if (resolution.blockers.length > 0 || groupResolution.blockers.length > 0) {
    return {
      kind: 'planned',
      plan: {
        users: [],
        blockers: [...resolution.blockers, ...groupResolution.blockers],
        shortfalls: [],
        skus: skus.value,
      },
    };
  }
  if (cancellation.isCancellationRequested) return { kind: 'cancelled' };
  const references = userReferences(desired);
  const numbers = readNumbersFor(connection, desired, t);
  const current = await readUsers(connection, references, cancellation, countingReads(references, onRead));
  if (cancellation.isCancellationRequested) return { kind: 'cancelled' };
  // Only groups that license a SKU the file touches can appear in a message.
  const touched = new Set(
    resolution.users.flatMap((u) => [...u.assign.map((a) => a.sku.skuId), ...u.remove.map((r) => r.skuId)]),
  );
  // An `exact` user's other licenses are touched too: removed, or shown as kept with their group.
  for (const d of desired) {
    const read = d.exact ? current.get(d.user.toLowerCase()) : undefined;
    if (read?.kind === 'found') for (const skuId of skuIdsOf(read.user)) touched.add(skuId);
  }
  const groupNames = await readGroupNames(connection, current.values(), touched, cancellation);
  const plan = planRun(desired, skus.value, current, groupNames, t, resolution, await numbers);
  if (groups.length === 0) return { kind: 'planned', plan };
  const groupPlans = await planGroups(connection, groupResolution.groups, cancellation, t, skus.value);
  if (cancellation.isCancellationRequested) return { kind: 'cancelled' };
  // One seat check for users and groups together: both draw on the same subscriptions.
  const shortfalls = seatShortfalls(plan.users, skus.value, groupSeatCounts(groupPlans));
  const blockers = [
    ...plan.blockers.filter((b) => b.code !== 'NotEnoughSeats'),
    ...shortfalls.map((s) => shortfallBlocker(s, t)),
  ];
  return { kind: 'planned', plan: { ...plan, groups: groupPlans, blockers, shortfalls } };
}
