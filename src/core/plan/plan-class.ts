import type { UserPlan } from './user-plan';

/**
 * The three things a plan can say of a user, the same on every page, in `plan`, `plan --json`
 * and the confirmation: the change is sent, there is nothing to send, or the engine will not send
 * it because Graph is documented to refuse it (or the user cannot be written at all). A user of
 * the third class is never sent and never counted as a change.
 */
export type PlanClass = 'would-change' | 'unchanged' | 'will-not-be-written';

export const planClassOf = (u: Pick<UserPlan, 'kind'>): PlanClass =>
  u.kind === 'change' ? 'would-change' : u.kind === 'unchanged' ? 'unchanged' : 'will-not-be-written';

/** The engine's code for a license that needs a usage location the user lacks and the block does not give. */
export const NO_USAGE_LOCATION = 'NoUsageLocation';

/**
 * What the admin does about a user that will not be written, as a stable code for `plan --json`
 * (a CI gate can act on it): the reason is the error's code, this is the fix. Codes not listed
 * (Graph's, or refusals the rules add later) get `read-hint`: the error's hint says what to do.
 */
export type NotWrittenFix =
  | 'add-usage-location'
  | 'check-user-name'
  | 'change-group-licenses'
  | 'edit-block'
  | 'one-line-per-user'
  | 'retry-later'
  | 'choose-another-number'
  | 'add-voice-license'
  | 'read-hint';

const FIXES: Readonly<Record<string, NotWrittenFix>> = {
  [NO_USAGE_LOCATION]: 'add-usage-location',
  Request_ResourceNotFound: 'check-user-name',
  LicenseInheritedFromGroup: 'change-group-licenses',
  AssignAndRemoveSameSku: 'edit-block',
  CallingPlanForOnPremisesPstn: 'edit-block',
  MutuallyExclusivePlans: 'edit-block',
  MissingRequiredPlan: 'edit-block',
  DuplicateUser: 'one-line-per-user',
  NotRead: 'retry-later',
  NumberNotInInventory: 'choose-another-number',
  NumberAssignedToAnotherUser: 'choose-another-number',
  NumberNotForUsers: 'choose-another-number',
  NumberNeedsLicense: 'add-voice-license',
  NumberInventoryNotRead: 'retry-later',
};

export function notWrittenFix(code: string | undefined): NotWrittenFix {
  return code !== undefined && Object.hasOwn(FIXES, code) ? FIXES[code] : 'read-hint';
}
