import type { DesiredUser } from './desired';
import type { UserError } from '../graph/user-error';

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
}

export const needsAssignLicense = (p: UserPlan): boolean => p.add.length > 0 || p.remove.length > 0;
