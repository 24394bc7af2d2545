/**
 * The engine's public face for the VS Code side and the CLI: connect, read, plan, apply, journal.
 * Nothing here imports `vscode`.
 */
export { connectToGraph, type ConnectOptions, type GraphConnection } from '../graph/connection';
export type { AccessTokenProvider } from '../auth/access-token';
export { fromAbortSignal, neverCancelled, type Cancellation } from '../graph/cancellation';
export { GRAPH_WRITE_BUDGETS, scaledBudgets, type WriteBudget } from '../graph/write-pacer';
export { readUsers, type Loaded } from '../reads/tenant-reads';
export { TenantSkus, loadTenantSkus, type TenantSku } from '../tenant/tenant-skus';
export { planRun, type RunPlan } from '../plan/whole-plan';
export { withDefaultSkus, splitSkuList } from '../desired/default-skus';
export type { UserPlan, PlannedAdd, PlannedRemove } from '../plan/user-plan';
export type { PlanBlocker, SeatShortfall } from '../plan/blockers';
export type { UserError } from '../graph/user-error';
export { planLicenses, type PlanOutcome } from './read-and-plan';
export { applyPlan, type ApplyOptions, type RunReport } from './apply';
export {
  JournalWriter,
  appendToJournal,
  readJournal,
  usersToRetry,
  tenantMismatch,
  formatDamagedLines,
  type Journal,
  type JournalHeader,
  type ResultSink,
  type TenantIdentity,
  type DamagedLine,
} from '../journal/journal';
export { runLicenses, type RunRequest, type RunOutcome, type JournalTarget } from './run-licenses';
export { retryFromJournal, retryRunName, type RetrySource } from '../journal/retry-journal';
export { resultsFolder } from '../settings/results-folder';
export { whatRan } from '../journal/journal-name';
export type { LockHolder } from './run-lock';
export type { PlanTotals } from '../plan/totals';
export type { UserResult, Outcome, RunSummary, JournalEntry } from '../results/user-result';
export { applyGroupPlans, type GroupApplyOptions, type GroupRunReport } from './apply-groups';
export type { GroupSink } from '../results/group-result';
export {
  formatGroupResultLine,
  formatGroupPlanLine,
  formatMemberErrorLine,
  formatGroupSummary,
  memberErrorFix,
  type GroupResult,
  type MemberError,
  type GroupJournalLine,
} from '../results/group-result';
export {
  membersToReprocess,
  reprocessMembers,
  formatReprocessLine,
  type MemberToReprocess,
  type ReprocessResult,
} from './reprocess';
export { readAllGroups, readGroupMembers, readMemberCounts } from '../reads/group-reads';
export {
  followGroups,
  groupsStillProcessing,
  type FollowReport,
  type FollowedGroup,
  type GroupToFollow,
} from './follow-groups';
export type { GroupPlan } from '../plan/group-plan';
export type { DesiredGroup } from '../desired/desired-groups';
