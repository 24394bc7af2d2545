/**
 * A failure as a value: what went wrong (Graph's code and message, or ours when the engine refused
 * before writing) and what the admin can do about it. Never thrown across module boundaries.
 */
export interface UserError {
  /** Graph's `error.code` (e.g. `Request_BadRequest`), or an engine code for checks made before any write. */
  readonly code: string;
  readonly message: string;
  /** Plain words: what to change so the next run succeeds. */
  readonly hint?: string;
  /** HTTP status Graph answered with, when Graph answered. */
  readonly status?: number;
}

/** Engine codes for problems found before anything is sent: Graph never saw these users' changes. */
export const ENGINE_CODES = {
  inheritedFromGroup: 'LicenseInheritedFromGroup',
  callingPlanOnPremisesPstn: 'CallingPlanForOnPremisesPstn',
  conflictingDirectives: 'AssignAndRemoveSameSku',
  duplicateUser: 'DuplicateUser',
  connectionFailed: 'ConnectionFailed',
  verificationFailed: 'VerificationFailed',
  /** Graph's `$batch` answer left this write out: it may have landed; re-reading the user decides. */
  answerLost: 'AnswerLost',
} as const;
