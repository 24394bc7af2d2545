import type { PlanBlocker } from '../plan/blockers';
import { describeIds } from '../plan/describe-ids';
import type { TenantSkus } from '../tenant/tenant-skus';
import type { RedundantAdd, UserPlan } from '../plan/user-plan';
import type { RunSummary, UserResult } from './user-result';

/**
 * One line per user, the same in the CLI and the VS Code output channel:
 * `✓ alice@contoso.com +MCOEV +MCOPSTN1`, `✗ bob@contoso.com [Request_BadRequest] Subscription ... — hint`.
 * Graph's message names plans and SKUs by GUID: they are shown by name (`skus`: the tenant's
 * subscriptions, for ids Microsoft's table lacks).
 */
export function formatResultLine(r: UserResult, skus?: TenantSkus): string {
  const changes = [
    ...(r.usageLocation ? [`usage location ${r.usageLocation}`] : []),
    ...r.added.map((s) => `+${s}`),
    ...r.removed.map((s) => `-${s}`),
    ...(r.updated ?? []).map((s) => `~${s} (disabled plans)`),
  ].join(' ');
  const notes = r.notes?.length ? ` (${r.notes.join('; ')})` : '';
  switch (r.outcome) {
    case 'changed':
      return `✓ ${r.user} ${changes}${notes}`;
    case 'unchanged':
      return `= ${r.user} unchanged${notes}`;
    case 'skipped':
      return `- ${r.user} skipped (cancelled)${notes}`;
    case 'failed': {
      const e = r.error;
      const hint = e?.hint ? ` — ${e.hint}` : '';
      return `✗ ${r.user} [${e?.code ?? 'Error'}] ${e ? describeIds(e.message, skus) : 'failed'}${hint}${notes}`;
    }
  }
}

/** The CLI's `--json` line: `{user, outcome, added, removed, usageLocation?, error?: {code, message}}`. */
export function resultJson(r: UserResult): object {
  return {
    user: r.user,
    outcome: r.outcome,
    added: r.added,
    removed: r.removed,
    ...(r.updated?.length ? { updated: r.updated } : {}),
    ...(r.usageLocation ? { usageLocation: r.usageLocation } : {}),
    ...(r.error ? { error: { code: r.error.code, message: r.error.message, ...(r.error.hint ? { hint: r.error.hint } : {}) } } : {}),
    ...(r.notes?.length ? { notes: r.notes } : {}),
    ...(r.verified !== undefined ? { verified: r.verified } : {}),
  };
}

/** `MCOEV adds nothing ENTERPRISEPREMIUM does not already give`: a warning, the license is still sent. */
export function redundantWarning(r: RedundantAdd): string {
  return `⚠ ${r.partNumber} adds nothing ${r.coveredBy.join(' and ')} do${r.coveredBy.length === 1 ? 'es' : ''} not already give: a seat used for nothing`;
}

/** The dry run's line: what would be sent for this user. */
export function formatPlanLine(p: UserPlan): string {
  const remarks = [...p.notes, ...(p.redundant ?? []).map(redundantWarning)];
  const notes = remarks.length ? ` (${remarks.join('; ')})` : '';
  if (p.kind === 'failed') return `✗ ${p.user} [${p.error?.code}] ${p.error?.message}${p.error?.hint ? ` — ${p.error.hint}` : ''}`;
  if (p.kind === 'unchanged') return `= ${p.user} unchanged${notes}`;
  const parts = [
    ...(p.setUsageLocation ? [`usage location ${p.setUsageLocation}`] : []),
    ...p.add.filter((a) => a.why === 'new').map((a) => `+${a.partNumber}`),
    ...p.remove.map((r) => `-${r.partNumber}${r.byExact ? ' (exact)' : ''}`),
    ...p.add.filter((a) => a.why === 'disabled-plans').map((a) => `~${a.partNumber} (disabled plans)`),
  ];
  return `~ ${p.user} ${parts.join(' ')}${notes}`;
}

export function planJson(p: UserPlan): object {
  return {
    user: p.user,
    outcome: p.kind === 'change' ? 'would-change' : p.kind === 'failed' ? 'would-fail' : 'unchanged',
    added: p.add.filter((a) => a.why === 'new').map((a) => a.partNumber),
    removed: p.remove.map((r) => r.partNumber),
    ...(p.remove.some((r) => r.byExact) ? { removedByExact: p.remove.filter((r) => r.byExact).map((r) => r.partNumber) } : {}),
    ...(p.add.some((a) => a.why === 'disabled-plans') ? { updated: p.add.filter((a) => a.why === 'disabled-plans').map((a) => a.partNumber) } : {}),
    ...(p.setUsageLocation ? { usageLocation: p.setUsageLocation } : {}),
    ...(p.error ? { error: { code: p.error.code, message: p.error.message, ...(p.error.hint ? { hint: p.error.hint } : {}) } } : {}),
    ...(p.notes.length ? { notes: p.notes } : {}),
    ...(p.redundant?.length ? { warnings: p.redundant.map(redundantWarning) } : {}),
  };
}

export function formatBlocker(b: PlanBlocker): string {
  return `✗ ${b.message}${b.line ? ` (line ${b.line})` : ''} — ${b.hint}`;
}

export function formatSummary(s: RunSummary): string {
  const seconds = (s.durationMs / 1000).toFixed(1);
  const verified = s.verified ? `, ${s.verified} verified${s.verificationProblems ? ` (${s.verificationProblems} disagree)` : ''}` : '';
  return (
    `${s.users} users: ${s.changed} changed, ${s.unchanged} unchanged, ${s.failed} failed, ${s.skipped} skipped` +
    `${s.cancelled ? ' (cancelled)' : ''} — ${s.writeRequests} writes in ${s.httpRequests} HTTP requests, ${seconds} s${verified}`
  );
}
