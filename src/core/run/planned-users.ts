import type { RunPlan } from '../plan/whole-plan';
import { seatFreeingPhases } from '../plan/seats';
import type { UserPlan } from '../plan/user-plan';
import type { TenantSkus } from '../tenant/tenant-skus';

/**
 * The users a run writes, as the engine takes them: all at once from a finished plan, or as they
 * are planned while the rest of the tenant is still being read (plan-as-read.ts).
 */
export interface PlannedUsers {
  readonly skus: TenantSkus;
  /** Every user of the run, planned or not yet: what progress counts to. */
  readonly total: number;
  /** At most this many users will need a write: whether the write quota will hold the run back. */
  readonly changesAtMost: number;
  /**
   * Sent one after another: a wave's writes start once every write of the one before has been
   * answered (the seat-freeing phases of seats.ts).
   */
  readonly waves: readonly Wave[];
  /**
   * Once the waves have ended: every user's plan in the file's order, and those never planned
   * because the run was cancelled while reading them (reported skipped, never written).
   */
  settle(): { readonly users: readonly UserPlan[]; readonly unplanned: readonly UserPlan[] };
}

interface Wave {
  /** Plans as they are made. */
  readonly plans: AsyncIterable<readonly UserPlan[]>;
  /**
   * Its users take seats an earlier wave gave back: a refusal for want of seats may be replication lag
   * (precondition-retry.ts).
   */
  readonly takesFreedSeats: boolean;
}

async function* once<T>(items: readonly T[]): AsyncIterable<readonly T[]> {
  if (items.length > 0) yield items;
}

/** A finished plan: the users it settled first, then its changes, in seat-freeing phases. */
export function plannedUsersOf(plan: RunPlan): PlannedUsers {
  const settled = plan.users.filter((p) => p.kind !== 'change');
  const toSend = plan.users.filter((p) => p.kind === 'change');
  const phases = seatFreeingPhases(toSend, plan.skus);
  return {
    skus: plan.skus,
    total: plan.users.length,
    changesAtMost: toSend.length,
    waves: [
      { plans: once(settled), takesFreedSeats: false },
      ...phases.map((phase, index) => ({ plans: once(phase), takesFreedSeats: index > 0 })),
    ],
    settle: () => ({ users: plan.users, unplanned: [] }),
  };
}
