import { CancellationSource, neverCancelled, type Cancellation } from '../graph/cancellation';
import type { GraphConnection } from '../graph/connection';
import { readGroupNames, readUsers, type CurrentUser, type Loaded } from '../reads/tenant-reads';
import type { DesiredUser } from '../desired/desired';
import type { DesiredGroup } from '../desired/desired-groups';
import { skuIdsOf } from '../plan/holding';
import { UserPlanner, userReferences, withSeatCheck, type RunPlan } from '../plan/whole-plan';
import { resolveDesired, type ResolvedUser } from '../plan/resolve-desired';
import { seatsLacking } from '../tenant/seat-arithmetic';
import type { UserPlan } from '../plan/user-plan';
import { loadTenantSkus, type TenantSkus } from '../tenant/tenant-skus';
import { english, type Translate } from '../text/translate';
import { HandOver } from './hand-over';
import { countingReads, planLicenses, readNumbersFor, type PlanOutcome, type ReadCounter } from './read-and-plan';
import type { NumberInventory } from '../plan/number-plan';
import type { PlannedUsers } from './planned-users';
import type { PendingEntry } from '../results/user-result';

/** Users planned as Graph answers for them, for a run that writes the first while it reads the rest. */
export interface PlanningAsRead extends PlannedUsers {
  /** Every user of the files, `pending` before anything is read: the journal's first lines (journal.ts, `unread`). */
  unreadEntries(): PendingEntry[];
}

export type PlanAsReadOutcome = PlanOutcome | { readonly kind: 'planning'; readonly planning: PlanningAsRead };

/**
 * For a run nobody is asked to confirm (`--yes`, the demo tenant): the SKUs are read and the file
 * checked against them first, as planLicenses does; then users are planned as Graph answers for
 * them and, from the moment no answer still to come can make the seat check refuse the run, the
 * planned ones are written while the rest are still read (a 10,000-user file no longer waits for
 * every page before its first write). Until that moment nothing is written, so a run the seat
 * check refuses once everyone is read is refused whole, as before. When the files name groups (one
 * seat check over members and users), it is planLicenses: everything read, then written.
 * The users' reads start with the SKUs' (they need nothing from them) and stop if the file is refused.
 */
export async function planAsRead(
  connection: GraphConnection,
  desired: readonly DesiredUser[],
  cancellation: Cancellation = neverCancelled,
  readSkus: () => Promise<Loaded<TenantSkus>> = () => loadTenantSkus(connection),
  groups: readonly DesiredGroup[] = [],
  t: Translate = english,
  onRead?: ReadCounter,
): Promise<PlanAsReadOutcome> {
  const wholePlan = (skus: Loaded<TenantSkus>) =>
    planLicenses(connection, desired, cancellation, () => Promise.resolve(skus), groups, t, onRead);
  if (groups.length > 0) return wholePlan(await readSkus());
  const reads = new UserReads(connection, desired, cancellation, onRead);
  const numbers = readNumbersFor(connection, desired, t);
  const skus = await readSkus();
  if (!skus.ok) {
    reads.abandon();
    return { kind: 'tenant-error', error: skus.error };
  }
  const resolution = resolveDesired(desired, skus.value, t);
  if (resolution.blockers.length > 0) {
    reads.abandon();
    return wholePlan(skus);
  }
  if (cancellation.isCancellationRequested) return { kind: 'cancelled' };
  const reading = new ReadingPlanner(connection, reads, resolution.users, skus.value, cancellation, t, await numbers);
  const arrivals = reading.arrivals()[Symbol.asyncIterator]();
  const early: UserPlan[] = [];
  while (!reading.seatsSufficeWhateverComes()) {
    const next = await arrivals.next();
    if (next.done) {
      // Everyone read before the seat check could be settled early: the plan as planLicenses makes it.
      if (cancellation.isCancellationRequested) return { kind: 'cancelled' };
      return { kind: 'planned', plan: withSeatCheck(reading.settle().users, skus.value, t) };
    }
    early.push(...next.value);
  }
  reading.continueWith(early, arrivals);
  return { kind: 'planning', planning: reading };
}

/** Reads the users all before answering: for a caller that must show the whole plan (a confirmation). */
export async function planAllRead(planning: PlannedUsers): Promise<PlanOutcome> {
  for (const wave of planning.waves) {
    // Drained: the plans are kept by the planner; settle() gives them in the file's order.
    for await (const arrival of wave.plans) void arrival;
  }
  if (planning.settle().unplanned.length > 0) return { kind: 'cancelled' };
  return { kind: 'planned', plan: settledPlan(planning) };
}

/**
 * A run nobody confirms opens its journal only once a user is planned to change: until then the users read are
 * settled (already as wanted, or will not be written) and nothing is sent. A run whose every user is settled so is then
 * known whole, as a confirmed run's is (refused before any journal when every change will not be written). Returns the
 * planning with what was read so far handed over first; the settled plan when the reads ended without a change;
 * cancelled when they were cut short before one.
 */
export async function untilFirstChange(
  planning: PlanningAsRead,
): Promise<PlanOutcome | { readonly kind: 'planning'; readonly planning: PlanningAsRead }> {
  const [first, ...later] = planning.waves;
  const head: UserPlan[] = [];
  const arrivals = first?.plans[Symbol.asyncIterator]();
  for (let next = await arrivals?.next(); next && !next.done; next = await arrivals!.next()) {
    head.push(...next.value);
    if (next.value.some((p) => p.kind === 'change'))
      return {
        kind: 'planning',
        planning: withWaves(planning, [
          { plans: headThenRest(head, arrivals!), takesFreedSeats: first!.takesFreedSeats },
          ...later,
        ]),
      };
  }
  if (later.length > 0)
    return {
      kind: 'planning',
      planning: withWaves(planning, [{ plans: headThenRest(head, emptyIterator()), takesFreedSeats: false }, ...later]),
    };
  if (planning.settle().unplanned.length > 0) return { kind: 'cancelled' };
  return { kind: 'planned', plan: settledPlan(planning) };
}

/** The same planning, its waves replaced (the arrivals already read put back in front; the bench's timed waves). */
export const withWaves = (planning: PlanningAsRead, waves: PlannedUsers['waves']): PlanningAsRead => ({
  skus: planning.skus,
  total: planning.total,
  changesAtMost: planning.changesAtMost,
  waves,
  settle: () => planning.settle(),
  unreadEntries: () => planning.unreadEntries(),
});

const emptyIterator = <T>(): AsyncIterator<T> => ({ next: async () => ({ done: true, value: undefined }) });

/**
 * Once the waves have ended, the users' plans as a RunPlan: no blocker, since the seat check could no longer refuse the
 * run.
 */
export function settledPlan(planning: PlannedUsers): RunPlan {
  return { users: planning.settle().users, blockers: [], shortfalls: [], skus: planning.skus };
}

/** The users planned before writing could start, then the others as they are planned. */
async function* headThenRest<T>(head: T, rest: AsyncIterator<T>): AsyncIterable<T> {
  yield head;
  for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value;
}

/** The file's users read from Graph in the background, handed over page by page (batch by batch) as Graph answers. */
class UserReads {
  readonly answered = new HandOver<ReadonlyMap<string, CurrentUser>>();
  readonly done: Promise<void>;
  private readonly stop: CancellationSource;

  constructor(
    connection: GraphConnection,
    desired: readonly DesiredUser[],
    cancellation: Cancellation,
    onRead?: ReadCounter,
  ) {
    this.stop = new CancellationSource(cancellation);
    const answered = this.answered;
    const references = userReferences(desired);
    const counted = countingReads(references, onRead);
    this.done = readUsers(connection, references, this.stop.token, (read) => {
      answered.give(read);
      counted?.(read);
    })
      .then(
        () => answered.close(),
        (e: unknown) => answered.fail(e),
      )
      .finally(() => this.stop.dispose());
  }

  /** The file was refused: what is in flight ends, nothing new is asked. */
  abandon(): void {
    this.stop.cancel();
  }
}

/**
 * Plans the file's users as their reads come in, and keeps the
 * seat check's worst case: the seats the planned users take, plus one for every user still unread
 * whom the file assigns the SKU.
 */
class ReadingPlanner implements PlanningAsRead {
  readonly total: number;
  readonly changesAtMost: number;
  waves: PlannedUsers['waves'] = [];
  private readonly plans: (UserPlan | undefined)[];
  /** The file's users by lower-cased reference: a user named twice is planned twice, as planRun does. */
  private readonly byReference = new Map<string, number[]>();
  private readonly groupNames = new Map<string, string>();
  private readonly groupsAsked = new Set<string>();
  private readonly planner: UserPlanner;
  private settled?: { readonly users: readonly UserPlan[]; readonly unplanned: readonly UserPlan[] };
  /** Per skuId: new seats the planned users take, and users not planned yet whom the file assigns it. */
  private readonly seatsTaken = new Map<string, number>();
  private readonly stillUnread = new Map<string, number>();
  constructor(
    private readonly connection: GraphConnection,
    private readonly reads: UserReads,
    private readonly users: readonly ResolvedUser[],
    readonly skus: TenantSkus,
    private readonly cancellation: Cancellation,
    private readonly t: Translate,
    numbers?: NumberInventory,
  ) {
    this.total = users.length;
    this.changesAtMost = users.length;
    this.plans = new Array<UserPlan | undefined>(users.length);
    users.forEach((u, i) => {
      const ref = u.desired.user.toLowerCase();
      const known = this.byReference.get(ref);
      if (known) known.push(i);
      else this.byReference.set(ref, [i]);
      for (const a of u.assign) this.stillUnread.set(a.sku.skuId, (this.stillUnread.get(a.sku.skuId) ?? 0) + 1);
    });
    this.planner = new UserPlanner(skus, this.groupNames, t, numbers);
  }

  /** No answer still to come can make a SKU short: writing may start (seats.ts, seatsLacking). */
  seatsSufficeWhateverComes(): boolean {
    for (const [skuId, unread] of this.stillUnread) {
      if (seatsLacking(this.skus.byIdOrUndefined(skuId), unread + (this.seatsTaken.get(skuId) ?? 0)) > 0) return false;
    }
    return true;
  }

  /** From here the engine takes the users: those already planned first. */
  continueWith(early: readonly UserPlan[], rest: AsyncIterator<readonly UserPlan[]>): void {
    // The seat check cannot refuse this run any more: one wave, no seat-freeing phase.
    this.waves = [{ plans: headThenRest(early, rest), takesFreedSeats: false }];
  }

  unreadEntries(): PendingEntry[] {
    const at = new Date().toISOString();
    return this.users.map((u) => ({ user: u.desired.user, outcome: 'pending', at, desired: u.desired }));
  }

  settle() {
    // Asked again (the engine, then the run's outcome): the same plans, not new ones for the unread.
    if (this.settled) return this.settled;
    const unplanned: UserPlan[] = [];
    const users = this.users.map((u, i) => {
      const plan = this.plans[i];
      if (plan) return plan;
      const notRead = this.planner.plan(u, {
        kind: 'unreadable',
        error: { code: 'NotRead', message: this.t('The run was cancelled before this user was read.') },
      });
      unplanned.push(notRead);
      return notRead;
    });
    this.settled = { users, unplanned };
    return this.settled;
  }

  async *arrivals(): AsyncIterable<readonly UserPlan[]> {
    for await (const read of this.reads.answered) yield await this.planAnswered(read);
    await this.reads.done;
    if (this.cancellation.isCancellationRequested) return;
    // Every reference was asked for: one Graph gave nothing for is reported as planRun reports it.
    const missing = this.users.flatMap((_, i) => (this.plans[i] ? [] : [i]));
    if (missing.length) yield missing.map((i) => this.planOne(i, undefined));
  }

  private async planAnswered(read: ReadonlyMap<string, CurrentUser>): Promise<UserPlan[]> {
    await this.readGroupNamesOf(read);
    // In the file's order within an answer: of two names for one account, the first listed is kept.
    const indexes = [...read.keys()].flatMap((ref) => this.byReference.get(ref) ?? []).sort((a, b) => a - b);
    return indexes.map((i) => this.planOne(i, read.get(this.users[i].desired.user.toLowerCase())));
  }

  private planOne(i: number, state: CurrentUser | undefined): UserPlan {
    const resolved = this.users[i];
    const plan = this.planner.plan(resolved, state);
    this.plans[i] = plan;
    for (const a of resolved.assign) this.stillUnread.set(a.sku.skuId, this.stillUnread.get(a.sku.skuId)! - 1);
    if (plan.kind === 'change')
      for (const a of plan.add) if (a.takesSeat) this.seatsTaken.set(a.skuId, (this.seatsTaken.get(a.skuId) ?? 0) + 1);
    return plan;
  }

  /**
   * Names of the groups that license these users a SKU the file touches (planLicenses reads them for all users at
   * once).
   */
  private async readGroupNamesOf(read: ReadonlyMap<string, CurrentUser>): Promise<void> {
    const touched = new Set<string>();
    for (const [ref, state] of read) {
      for (const i of this.byReference.get(ref) ?? []) {
        const u = this.users[i];
        for (const a of u.assign) touched.add(a.sku.skuId);
        for (const r of u.remove) touched.add(r.skuId);
        // An `exact` user's other licenses are touched too: removed, or shown as kept with their group.
        if (u.desired.exact && state.kind === 'found') for (const skuId of skuIdsOf(state.user)) touched.add(skuId);
      }
    }
    const names = await readGroupNames(this.connection, read.values(), touched, this.cancellation, this.groupsAsked);
    for (const [id, name] of names) this.groupNames.set(id, name);
  }
}
