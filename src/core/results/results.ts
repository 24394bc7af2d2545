import type { UserError } from '../graph/user-error';
import type { UserPlan } from '../plan/user-plan';
import type { JournalEntry, PendingEntry, UserResult } from './user-result';
import { directStateAfter } from '../plan/direct-state';

const withNotes = (notes: readonly string[]) => (notes.length ? { notes } : {});

/** What a user plan becomes when nothing is sent for it. */
export function resultWithoutWrites(plan: UserPlan): UserResult {
  if (plan.kind === 'failed') return failedResult(plan, plan.error!, false);
  return { user: plan.user, outcome: 'unchanged', added: [], removed: [], ...withNotes(plan.notes) };
}

/** The write went through: report what it changed. */
export function changedResult(plan: UserPlan, licensesSent: boolean, extraNotes: readonly string[] = []): UserResult {
  const added = licensesSent ? plan.add.filter((a) => a.why === 'new').map((a) => a.partNumber) : [];
  const updated = licensesSent ? plan.add.filter((a) => a.why === 'disabled-plans').map((a) => a.partNumber) : [];
  return {
    user: plan.user,
    outcome: 'changed',
    added,
    removed: licensesSent ? plan.remove.map((r) => r.partNumber) : [],
    ...(updated.length ? { updated } : {}),
    ...(plan.setUsageLocation ? { usageLocation: plan.setUsageLocation } : {}),
    ...withNotes([...plan.notes, ...extraNotes]),
  };
}

/** `usageLocationSet`: the PATCH went through before the licenses failed; that part did change. */
export function failedResult(plan: UserPlan, error: UserError, usageLocationSet: boolean): UserResult {
  return {
    user: plan.user,
    outcome: 'failed',
    added: [],
    removed: [],
    ...(usageLocationSet && plan.setUsageLocation ? { usageLocation: plan.setUsageLocation } : {}),
    error,
    ...withNotes(plan.notes),
  };
}

export function skippedResult(plan: UserPlan, usageLocationSet: boolean): UserResult {
  const notes = usageLocationSet
    ? [`usage location was set to ${plan.setUsageLocation}; the licenses were not sent`]
    : [];
  return {
    user: plan.user,
    outcome: 'skipped',
    added: [],
    removed: [],
    ...(usageLocationSet && plan.setUsageLocation ? { usageLocation: plan.setUsageLocation } : {}),
    ...withNotes(notes),
  };
}

/**
 * Failed and skipped lines carry what the file wanted, so a retry needs only the journal. Lines of
 * users the run wrote to carry what they held before, and changed ones what the run left them.
 */
export function journalEntry(plan: UserPlan, result: UserResult): JournalEntry {
  const retryable = result.outcome === 'failed' || result.outcome === 'skipped';
  return {
    ...result,
    at: new Date().toISOString(),
    ...(retryable ? { desired: plan.desired } : {}),
    ...beforeAndAfter(plan, result),
  };
}

function beforeAndAfter(plan: UserPlan, result: UserResult): Pick<JournalEntry, 'before' | 'after'> {
  const before = plan.before;
  if (!before || result.outcome === 'unchanged') return {};
  if (result.outcome !== 'changed') return { before };
  // Licenses were sent when the result names any; a user whose usage location alone was set kept them.
  const sent = result.added.length + result.removed.length + (result.updated?.length ?? 0) > 0;
  const after = sent
    ? directStateAfter(before, plan.add, plan.remove, result.usageLocation)
    : directStateAfter(before, [], [], result.usageLocation);
  return { before, after };
}

/** Before a user is sent: the line that stays if the process dies before Graph answers. */
export function pendingEntry(plan: UserPlan): PendingEntry {
  return {
    user: plan.user,
    outcome: 'pending',
    at: new Date().toISOString(),
    desired: plan.desired,
    ...(plan.before ? { before: plan.before } : {}),
  };
}
