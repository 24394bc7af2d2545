import type { PlanBlocker } from '../plan/blockers';
import { oneLineText } from '../text/tenant-text';
import { notWrittenFix, planClassOf } from '../plan/plan-class';
import { describeIds } from '../plan/describe-ids';
import type { TenantSkus } from '../tenant/tenant-skus';
import type { RedundantAdd, UserPlan } from '../plan/user-plan';
import { english, plural, type Translate } from '../text/translate';
import type { RunSummary, UserResult } from '../results/user-result';
import { licenseChangeText, type LicenseChange } from './license-words';
import { groupRunCounts } from '../results/group-result';
import { numberJson, numberPlanLine } from './number-words';

/**
 * One line per user, the same in the CLI and the VS Code output channel:
 * `✓ alice@contoso.com +MCOEV +MCOPSTN1`, `✗ bob@contoso.com [Request_BadRequest] Subscription ... — hint`.
 * Graph's message names plans and SKUs by GUID: they are shown by name (`skus`: the tenant's
 * subscriptions, for ids Microsoft's table lacks). One line whatever the tenant's text holds (oneLineText).
 */
export function formatResultLine(r: UserResult, skus?: TenantSkus, t: Translate = english): string {
  return oneLineText(resultLine(r, skus, t));
}

function resultLine(r: UserResult, skus: TenantSkus | undefined, t: Translate): string {
  const changes = licenseChangeText(r, t);
  // Notes are kept in English in the record; the constant ones (verify-run.ts) read in the UI's language.
  const notes = r.notes?.length ? ` (${r.notes.map((n) => t(n)).join('; ')})` : '';
  switch (r.outcome) {
    case 'changed':
      return `✓ ${r.user} ${changes}${notes}`;
    case 'unchanged':
      return t('= {0} unchanged', r.user) + notes;
    case 'skipped':
      return t('- {0} skipped (cancelled)', r.user) + notes;
    case 'failed': {
      const e = r.error;
      // Hints are constant English messages (graph/error-hints.ts), translated where shown.
      const hint = e?.hint ? ` — ${t(e.hint)}` : '';
      return `✗ ${r.user} [${e?.code ?? 'Error'}] ${e ? describeIds(e.message, skus) : t('failed')}${hint}${notes}`;
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
    ...(r.error
      ? { error: { code: r.error.code, message: r.error.message, ...(r.error.hint ? { hint: r.error.hint } : {}) } }
      : {}),
    ...(r.notes?.length ? { notes: r.notes } : {}),
    ...(r.verified !== undefined ? { verified: r.verified } : {}),
  };
}

/** `MCOEV adds nothing ENTERPRISEPREMIUM does not already give`: a warning, the license is still sent. */
export function redundantWarning(r: RedundantAdd, t: Translate = english): string {
  return r.coveredBy.length === 1
    ? t('⚠ {0} adds nothing {1} does not already give: a seat used for nothing', r.partNumber, r.coveredBy[0])
    : t(
        '⚠ {0} adds nothing {1} do not already give: a seat used for nothing',
        r.partNumber,
        r.coveredBy.join(t(' and ')),
      );
}

/** The dry run's line: what would be sent for this user. */
export function formatPlanLine(p: UserPlan, t: Translate = english): string {
  return oneLineText(planLine(p, t));
}

function planLine(p: UserPlan, t: Translate): string {
  const remarks = [...p.notes, ...(p.redundant ?? []).map((r) => redundantWarning(r, t))];
  const notes = remarks.length ? ` (${remarks.join('; ')})` : '';
  // The user's number beside the licenses, in its own class: "~ alice +MCOEV · ~ number +1425… (Calling Plan)".
  const number = p.number ? ` · ${numberPlanLine(p.number, t)}` : '';
  if (p.kind === 'failed')
    return `✗ ${p.user} [${p.error?.code}] ${p.error?.message}${p.error?.hint ? ` — ${t(p.error.hint)}` : ''}${number}`;
  if (p.kind === 'unchanged') return t('= {0} unchanged', p.user) + notes + number;
  return `~ ${p.user} ${licenseChangeText(planChange(p), t)}${notes}${number}`;
}

/** What a user's plan sends, in the words results use. */
export function planChange(p: UserPlan): LicenseChange {
  return {
    ...(p.setUsageLocation ? { usageLocation: p.setUsageLocation } : {}),
    added: p.add.filter((a) => a.why === 'new').map((a) => a.partNumber),
    removed: p.remove.map((r) => r.partNumber),
    removedByExact: p.remove.filter((r) => r.byExact).map((r) => r.partNumber),
    updated: p.add.filter((a) => a.why === 'disabled-plans').map((a) => a.partNumber),
  };
}

export function planJson(p: UserPlan): object {
  return {
    user: p.user,
    outcome: planClassOf(p),
    // Not sent: why (the error's code) and what to do, as codes a CI gate can act on.
    ...(p.kind === 'failed' ? { reason: p.error?.code ?? 'Error', fix: notWrittenFix(p.error?.code) } : {}),
    added: p.add.filter((a) => a.why === 'new').map((a) => a.partNumber),
    removed: p.remove.map((r) => r.partNumber),
    ...(p.remove.some((r) => r.byExact)
      ? { removedByExact: p.remove.filter((r) => r.byExact).map((r) => r.partNumber) }
      : {}),
    ...(p.add.some((a) => a.why === 'disabled-plans')
      ? { updated: p.add.filter((a) => a.why === 'disabled-plans').map((a) => a.partNumber) }
      : {}),
    ...(p.setUsageLocation ? { usageLocation: p.setUsageLocation } : {}),
    ...(p.error
      ? { error: { code: p.error.code, message: p.error.message, ...(p.error.hint ? { hint: p.error.hint } : {}) } }
      : {}),
    ...(p.notes.length ? { notes: p.notes } : {}),
    ...(p.redundant?.length ? { warnings: p.redundant.map((r) => redundantWarning(r)) } : {}),
    ...(p.number ? { number: numberJson(p.number) } : {}),
  };
}

export function formatBlocker(b: PlanBlocker, t: Translate = english): string {
  return oneLineText(b.line ? t('✗ {0} (line {1}) — {2}', b.message, b.line, b.hint) : `✗ ${b.message} — ${b.hint}`);
}

/**
 * "2,000 users: 1,993 changed, … — 40 writes in 3 HTTP requests, 4.2 s". Each count is its own
 * message, so a language words singular and plural apart ("1 user", "1 993 modifiés").
 */
export function formatSummary(s: RunSummary, t: Translate = english): string {
  const seconds = new Intl.NumberFormat(t.locale ?? 'en', {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(s.durationMs / 1000);
  const verified = s.verified
    ? `, ${plural(t, s.verified, '{0} verified//one', '{0} verified')}${s.verificationProblems ? ` (${plural(t, s.verificationProblems, '{0} disagrees', '{0} disagree')})` : ''}`
    : '';
  const outcomes = [
    plural(t, s.changed, '{0} changed//one', '{0} changed'),
    plural(t, s.unchanged, '{0} unchanged//one', '{0} unchanged'),
    plural(t, s.failed, '{0} failed//one', '{0} failed'),
    plural(t, s.skipped, '{0} skipped//one', '{0} skipped'),
  ].join(', ');
  const requests = t(
    '{0} in {1}, {2} s',
    plural(t, s.writeRequests, '{0} write', '{0} writes'),
    plural(t, s.httpRequests, '{0} HTTP request', '{0} HTTP requests'),
    seconds,
  );
  return `${plural(t, s.users, '{0} user: {1}', '{0} users: {1}', outcomes)}${s.cancelled ? t(' (cancelled)') : ''} — ${requests}${verified}`;
}

/**
 * The line that ends a run, in every front end: the users counted as before, the file's groups
 * counted as groups ("2 groups changed, 1 member in error"), a groups-only run without "0 users".
 */
export function formatRunTotals(
  s: RunSummary,
  groups: Parameters<typeof groupRunCounts>[0] | undefined,
  t: Translate = english,
): string {
  const users = plural(
    t,
    s.users,
    '{0} user: {1}',
    '{0} users: {1}',
    [
      plural(t, s.changed, '{0} changed//one', '{0} changed'),
      plural(t, s.unchanged, '{0} unchanged//one', '{0} unchanged'),
      plural(t, s.failed, '{0} failed//one', '{0} failed'),
      plural(t, s.skipped, '{0} skipped//one', '{0} skipped'),
    ].join(', '),
  );
  if (!groups?.results.length) return users;
  const g = groupRunCounts(groups, t);
  return s.users > 0 ? `${users}; ${g}` : g;
}
