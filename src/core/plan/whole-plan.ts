import type { DesiredUser } from '../desired/desired';
import type { PlanBlocker, SeatShortfall } from './blockers';
import type { CurrentUser } from '../reads/tenant-reads';
import { planUser } from './compare-user';
import type { GroupNames } from './holding';
import { judgeResultingSet, type VerdictMemo } from './judge-resulting-set';
import { resolveDesired, type Resolution, type ResolvedUser } from './resolve-desired';
import { seatShortfalls, shortfallBlocker } from './seats';
import type { TenantSkus } from '../tenant/tenant-skus';
import { ENGINE_CODES } from '../graph/user-error';
import type { UserPlan } from './user-plan';
import { english, type Translate } from '../text/translate';
import type { GroupPlan } from './group-plan';
import { planNumber, type NumberInventory } from './number-plan';
import { resultingLicenses } from './resulting-licenses';

/** The dry run's answer: per user what would change, and whatever stops the run as a whole. */
export interface RunPlan {
  readonly users: readonly UserPlan[];
  /** Non-empty: nothing may be written (unknown SKU, ambiguous SKU, unknown plan, not enough seats). */
  readonly blockers: readonly PlanBlocker[];
  readonly shortfalls: readonly SeatShortfall[];
  /** The tenant's subscriptions the plan was made against (names for messages, verification). */
  readonly skus: TenantSkus;
  /** `group` target lines, planned apart from users (group-plan.ts); absent when the files name none. */
  readonly groups?: readonly GroupPlan[];
}

/** The user references the engine must read, once each (case-insensitive). */
export function userReferences(desired: readonly DesiredUser[]): string[] {
  return [...new Set(desired.map((d) => d.user.toLowerCase()))];
}

/**
 * Plans users one by one, in the order they are read: what a plan needs across users (one verdict
 * per resulting set, the first name an account was listed under) is kept here. planRun goes
 * through it in the file's order; a run that writes while it reads, in the order Graph answers.
 */
export class UserPlanner {
  private readonly firstById = new Map<string, string>();
  private readonly verdicts: VerdictMemo = new Map();

  constructor(
    private readonly skus: TenantSkus,
    private readonly groupNames: GroupNames = new Map(),
    private readonly t: Translate = english,
    /** The Teams number inventory, read when the files give numbers; absent otherwise. */
    private readonly numbers?: NumberInventory,
  ) {}

  /** `state` undefined: the user was not read (planRun's callers read every user first). */
  plan(resolved: ResolvedUser, state: CurrentUser | undefined): UserPlan {
    const plan = this.planLicenses(resolved, state);
    if (!resolved.desired.number || !this.numbers) return plan;
    const number = planNumber(
      {
        desired: resolved.desired,
        ...(plan.userId ? { userId: plan.userId } : {}),
        ...(plan.kind === 'failed' ? { licenseError: plan.error } : {}),
        resulting:
          state?.kind === 'found'
            ? resultingLicenses(state.user, plan.add, plan.remove, this.skus, this.groupNames)
            : [],
      },
      this.numbers,
      this.t,
    );
    return number ? { ...plan, number } : plan;
  }

  private planLicenses(resolved: ResolvedUser, state: CurrentUser | undefined): UserPlan {
    const t = this.t;
    const read = state ?? {
      kind: 'unreadable' as const,
      error: { code: 'NotRead', message: t('The user was not read from Graph.') },
    };
    const plan = judgeResultingSet(
      planUser(resolved, read, this.skus, this.groupNames, t),
      read,
      this.skus,
      this.groupNames,
      t,
      this.verdicts,
    );
    if (!plan.userId) return plan;
    // A UPN and an object id can name one account: two assignLicense calls would race each other.
    const first = this.firstById.get(plan.userId);
    if (first !== undefined) {
      return {
        ...plan,
        kind: 'failed',
        add: [],
        remove: [],
        setUsageLocation: undefined,
        notes: [],
        error: {
          code: ENGINE_CODES.duplicateUser,
          message: t('Same account as {0}, listed again under another name.', first),
          hint: t('Keep one line per user.'),
        },
      };
    }
    this.firstById.set(plan.userId, plan.user);
    return plan;
  }
}

/**
 * Pure: desired users + the tenant's SKUs + what Graph says about each user → a plan.
 * `current` is keyed by the lower-cased reference as written (UPN or id). `resolution`: the
 * caller's resolveDesired of the same users and SKUs, when it has one already.
 */
export function planRun(
  desired: readonly DesiredUser[],
  skus: TenantSkus,
  current: ReadonlyMap<string, CurrentUser>,
  groupNames: GroupNames = new Map(),
  t: Translate = english,
  resolution: Resolution = resolveDesired(desired, skus, t),
  numbers?: NumberInventory,
): RunPlan {
  const planner = new UserPlanner(skus, groupNames, t, numbers);
  const users = resolution.users.map((resolved) =>
    planner.plan(resolved, current.get(resolved.desired.user.toLowerCase())),
  );
  if (resolution.blockers.length) return { users, blockers: resolution.blockers, shortfalls: [], skus };
  return withSeatCheck(users, skus, t);
}

/** Every user planned and the file resolved: the plan, refused when the seats run short. */
export function withSeatCheck(users: readonly UserPlan[], skus: TenantSkus, t: Translate = english): RunPlan {
  const shortfalls = seatShortfalls(users, skus);
  return { users, blockers: shortfalls.map((s) => shortfallBlocker(s, t)), shortfalls, skus };
}
