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
  /** Kept so a journal can replay this user without the original file. */
  readonly desired: DesiredUser;
}

export const needsAssignLicense = (p: UserPlan): boolean => p.add.length > 0 || p.remove.length > 0;
