/**
 * The engine's public face for the VS Code side and the CLI: connect, read, plan, apply, journal.
 * Nothing here imports `vscode`.
 */
export { connectToGraph, type ConnectOptions, type GraphConnection } from '../graph/connection';
export type { AccessTokenProvider } from '../graph/access-token';
export { fromAbortSignal, neverCancelled, type Cancellation } from '../graph/cancellation';
export { GRAPH_WRITE_BUDGETS, scaledBudgets, type WriteBudget } from '../graph/write-pacer';
export { readUsers, type Loaded } from '../graph/tenant-reads';
export { TenantSkus, loadTenantSkus, type TenantSku } from '../tenant/tenant-skus';
export { planRun, type RunPlan } from '../plan/plan-run';
export { withDefaultSkus, splitSkuList } from '../plan/default-skus';
export type { UserPlan, PlannedAdd, PlannedRemove } from '../plan/user-plan';
export type { PlanBlocker, SeatShortfall } from '../plan/blockers';
export type { UserError } from '../graph/user-error';
export { planLicenses, type PlanOutcome } from './plan-licenses';
export { applyPlan, type ApplyOptions, type RunReport } from './apply';
export { JournalWriter, readJournal, usersToRetry, tenantMismatch, formatDamagedLines, type Journal, type JournalHeader, type ResultSink, type TenantIdentity, type DamagedLine } from './journal';
export { runLicenses, type RunRequest, type RunOutcome, type JournalTarget } from './run-licenses';
export { retryFromJournal, retryRunName, type RetrySource } from './retry-journal';
export { resultsFolder } from './results-folder';
export { whatRan } from './journal-name';
export type { LockHolder } from './run-lock';
export type { PlanTotals } from './plan-totals';
export type { UserResult, Outcome, RunSummary, JournalEntry } from './user-result';
export { formatResultLine, formatPlanLine, formatBlocker, formatSummary, resultJson, planJson } from './format-results';
export { applyGroupPlans, type GroupApplyOptions, type GroupRunReport, type GroupSink } from './apply-groups';
export { formatGroupResultLine, formatGroupPlanLine, formatMemberErrorLine, formatGroupSummary, memberErrorFix, type GroupResult, type MemberError, type GroupJournalLine } from './group-result';
export { membersToReprocess, reprocessMembers, formatReprocessLine, type MemberToReprocess, type ReprocessResult } from './reprocess';
export { readAllGroups, readGroupMembers, readMemberCounts } from '../graph/group-reads';
export type { GroupPlan } from '../plan/group-plan';
export type { DesiredGroup } from '../plan/desired-groups';
