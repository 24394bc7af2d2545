/**
 * Plain-words advice for the failures admins meet. Almost every licensing failure is a 400
 * `Request_BadRequest` told apart only by its message (graph-notes §1.3), so the match is on text,
 * using the wording Graph returns today; an unknown text simply gets no hint.
 */
const BY_MESSAGE: readonly (readonly [RegExp, string])[] = [
  [/does not have any available licenses/i, 'No seats left in this subscription: buy or free seats, then retry the failed users.'],
  [/invalid usage location|without a usage location/i, "Set the user's usage location first: add `usage-location XX` (two-letter country) to the block and retry."],
  [/are mutually exclusive/i, 'The user holds a plan that cannot be combined with this one (two Calling Plans, E1 and E3, ...): remove the other license in the same block or disable the conflicting plan.'],
  [/depends on the service plan/i, 'A plan needs another one first (a Calling Plan needs Teams Phone Standard, MCOEV): assign the base license in the same block, or keep it when removing.'],
  [/inherited from a group membership/i, "The license comes from a group: change the group's licenses or the user's membership."],
  [/does not have a corresponding license/i, 'The user no longer holds this license (it changed since it was read): run the plan again.'],
  [/does not correspond to a valid company license/i, 'The tenant has no subscription with this skuId: check the SKU against the tenant.'],
  [/cannot be assigned to a user/i, 'This SKU applies to the company, not to users: take it out of the file.'],
  [/property 'usageLocation'/i, 'Use a two-letter ISO 3166 country code, such as US, GB or FR.'],
];

const BY_STATUS: Readonly<Record<number, string>> = {
  401: 'Sign in again: the access token is missing or expired.',
  403: 'The account or app lacks permission: it needs LicenseAssignment.ReadWrite.All and User.ReadWrite.All (or the License Administrator role).',
  404: 'No such user: check the spelling of the UPN or id; the user may have been renamed or deleted.',
  429: 'Graph kept throttling this request: retry the failed users later.',
};

/** Codes Graph writes in `licenseAssignmentStates[].error` (licenseassignmentstate.md). */
const BY_STATE_ERROR: Readonly<Record<string, string>> = {
  CountViolation: 'No seats left in this subscription: buy or free seats.',
  MutuallyExclusiveViolation: 'The user holds a plan that cannot be combined with this license: remove the conflicting license or disable the plan.',
  DependencyViolation: 'A plan of this license needs another plan the user does not have (a Calling Plan needs Teams Phone Standard).',
  ProhibitedInUsageLocationViolation: "This license is not allowed in the user's usage location: check the usage location.",
  UniquenessViolation: "The user's proxy address clashes with another object's: fix the address in Exchange.",
  Other: "Graph did not say why: check the group's other licenses and the audit log.",
};

export function hintFor(status: number | undefined, code: string, message: string): string | undefined {
  for (const [pattern, hint] of BY_MESSAGE) if (pattern.test(message)) return hint;
  if (code === 'Request_ResourceNotFound') return BY_STATUS[404];
  if (code === 'ConnectionDropped' || code === 'RequestTimeout') {
    return 'The connection to Graph failed: retry the failed users (safe: the run re-reads each user first).';
  }
  if (status !== undefined && status >= 500) {
    return 'Graph had a temporary problem: retry the failed users (safe: the run re-reads each user first).';
  }
  return status === undefined ? undefined : BY_STATUS[status];
}

export function hintForStateError(error: string): string | undefined {
  return BY_STATE_ERROR[error];
}
