import type { DesiredUser } from '../desired/desired';
import type { UserError } from '../graph/user-error';
import type { DirectState } from './direct-state';
import type { NumberPlan } from './number-plan';

export interface PlannedAdd {
  readonly skuId: string;
  readonly partNumber: string;
  /** The full set Graph will hold afterwards: Graph replaces it on every assignment. */
  readonly disabledPlans: readonly string[];
  /** `new`: the user does not hold the SKU; `disabled-plans`: held, but the file wants another set. */
  readonly why: 'new' | 'disabled-plans';
  /** Takes a seat: the user holds the SKU neither directly nor through a group. */
  readonly takesSeat: boolean;
}

export interface PlannedRemove {
  readonly skuId: string;
  readonly partNumber: string;
  /** Gives a seat back: no group keeps the SKU on the user. */
  readonly freesSeat: boolean;
  /** Removed because the block says `exact` and does not assign it, not because the file names it. */
  readonly byExact?: true;
}

/** A license an `exact` user keeps because a group gives it: `exact` never touches group licenses. */
export interface KeptFromGroup {
  readonly skuId: string;
  readonly partNumber: string;
  /** The groups' names (with ids) or ids. */
  readonly groups: string;
}

/**
 * A new license every enabled plan of which the user already gets from another license of the
 * resulting set (MCOEV for a user holding Office 365 E5): it is sent, but it takes a seat for nothing.
 */
export interface RedundantAdd {
  readonly skuId: string;
  readonly partNumber: string;
  /** Part numbers that already give its plans. */
  readonly coveredBy: readonly string[];
}

/** What one user needs, decided before anything is written. */
export interface UserPlan {
  /** As written in the file. */
  readonly user: string;
  readonly line: number;
  /** The object id Graph gave when the user was read. */
  readonly userId?: string;
  /** `failed`: the engine will not write this user (not found, group-inherited removal, ...). */
  readonly kind: 'change' | 'unchanged' | 'failed';
  readonly add: readonly PlannedAdd[];
  readonly remove: readonly PlannedRemove[];
  readonly setUsageLocation?: string;
  readonly error?: UserError;
  /** Things the admin should know that do not stop this user. */
  readonly notes: readonly string[];
  /** Warnings: new licenses that add nothing the user lacks. Absent when there are none. */
  readonly redundant?: readonly RedundantAdd[];
  /** Kept so a journal can replay this user without the original file. */
  readonly desired: DesiredUser;
  /** For an `exact` user: the SKUs the file does not assign that stay, inherited from groups. Absent when none. */
  readonly keptFromGroups?: readonly KeptFromGroup[];
  /** On a `change`: what the user held directly when read, for the journal (undo puts it back). */
  readonly before?: DirectState;
  /**
   * The user's Teams number, when the line gives one or `no-number`: its own class beside the licenses' (a user
   * already as wanted in licenses may still get a number). Written once the user's licenses are.
   */
  readonly number?: NumberPlan;
}

export const needsAssignLicense = (p: UserPlan): boolean => p.add.length > 0 || p.remove.length > 0;
