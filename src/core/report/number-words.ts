import type { NumberPlan } from '../plan/number-plan';
import { typeWords } from '../plan/number-plan';
import { planTotals } from '../plan/totals';
import { notWrittenFix, planClassOf } from '../plan/plan-class';
import type { RunPlan } from '../plan/whole-plan';
import type { UserPlan } from '../plan/user-plan';
import { formatCount, isSingular } from '../text/plural';
import { english, plural, type Translate } from '../text/translate';
import type { NumberLine } from '../results/number-result';
import { ENGLISH, groupedSection, type CausedLine, type ReportSection, type Words } from './report-view';

/**
 * Users' Teams numbers in the words of the preview, the confirmation, `plan` and the results, beside their
 * licenses': `number +14255550110 (Calling Plan)`, `number -+14255550100`, in the three classes.
 */
function numberChangeText(n: NumberPlan, t: Translate = english): string {
  return [
    ...n.unassign.map((u) => t('-number {0}', u.telephoneNumber)),
    ...(n.assign ? [t('+number {0} ({1})', n.assign.telephoneNumber, typeWords(n.assign.numberType, t))] : []),
  ].join(' ');
}

/** The numbers' line of the headlines, when the files give any: "3 numbers: 2 to change, 1 already as wanted, …". */
export function numberHeadlines(plan: RunPlan, { t, locale }: Words = ENGLISH): string[] {
  const n = planTotals(plan).numbers;
  if (!n) return [];
  const all = n.change + n.unchanged + n.failing;
  const c = (v: number) => formatCount(v, locale);
  return [
    isSingular(all, locale)
      ? t(
          '{0} user with a number line: {1} to change, {2} already as wanted, {3} that will not be written',
          c(all),
          c(n.change),
          c(n.unchanged),
          c(n.failing),
        )
      : t(
          '{0} users with a number line: {1} to change, {2} already as wanted, {3} that will not be written',
          c(all),
          c(n.change),
          c(n.unchanged),
          c(n.failing),
        ),
  ];
}

/** What the number stage will do, counted, and why numbers will not be written: for the totals and the confirmation. */
export function numberSummary(plan: RunPlan, { t, locale }: Words = ENGLISH): string[] {
  const n = planTotals(plan).numbers;
  if (!n) return [];
  const c = (v: number) => formatCount(v, locale);
  const one = (v: number) => isSingular(v, locale);
  const byCode = new Map<string, number>();
  for (const u of plan.users)
    if (u.number?.kind === 'failed') {
      const code = u.number.error?.code ?? 'Error';
      byCode.set(code, (byCode.get(code) ?? 0) + 1);
    }
  return [
    ...(n.assign
      ? [
          one(n.assign)
            ? t('+number: {0} user gets a number', c(n.assign))
            : t('+number: {0} users get a number', c(n.assign)),
        ]
      : []),
    ...(n.unassign
      ? [
          one(n.unassign)
            ? t('-number: {0} number taken back', c(n.unassign))
            : t('-number: {0} numbers taken back', c(n.unassign)),
        ]
      : []),
    ...[...byCode]
      .sort((a, b) => b[1] - a[1])
      .map(([code, v]) =>
        one(v)
          ? t('✗ {0} number will not be written: [{1}], see "Numbers: will not be written"', c(v), code)
          : t('✗ {0} numbers will not be written: [{1}], see "Numbers: will not be written"', c(v), code),
      ),
  ];
}

/** The preview's three sections of numbers, after the users' (ids `numbers-change`, `numbers-not-written`, …). */
export function numberPreviewSections(plan: RunPlan, words: Words = ENGLISH): ReportSection[] {
  const { t } = words;
  const of = (kind: NumberPlan['kind']) => plan.users.filter((u) => u.number?.kind === kind);
  return [
    groupedSection(
      { id: 'numbers-change', title: t('Numbers: will change'), tone: 'change', open: true },
      of('change').map((u) => numberLine(u, t)),
      words,
    ),
    groupedSection(
      { id: 'numbers-not-written', title: t('Numbers: will not be written'), tone: 'problem', open: true },
      of('failed').map((u) => numberLine(u, t)),
      words,
    ),
    groupedSection(
      { id: 'numbers-unchanged', title: t('Numbers: already as wanted'), tone: 'quiet', open: false },
      of('unchanged').map((u) => numberLine(u, t)),
      words,
    ),
  ];
}

/** One user's number, grouped by what happens (the numbers themselves are each user's detail). */
function numberLine(u: UserPlan, t: Translate): CausedLine {
  const n = u.number!;
  if (n.kind === 'failed') {
    const e = n.error;
    return { user: u.user, cause: `[${e?.code ?? 'Error'}] ${e?.message ?? ''}${e?.hint ? ` — ${t(e.hint)}` : ''}` };
  }
  if (n.kind === 'unchanged')
    return {
      user: u.user,
      cause: u.desired.number?.kind === 'none' ? t('holds no number') : t('already holds the number'),
      ...(n.before.length ? { detail: n.before.map((b) => b.telephoneNumber).join(', ') } : {}),
    };
  const cause = n.assign
    ? n.unassign.length
      ? t('gets a {0} number in place of the one held', typeWords(n.assign.numberType, t))
      : t('gets a {0} number', typeWords(n.assign.numberType, t))
    : t('numbers taken back (no-number)');
  return { user: u.user, cause, detail: numberChangeText(n, t) };
}

/** The plan's line of a user's number, for `plan`'s text and the Markdown preview: `  number +1425… (Calling Plan)`. */
export function numberPlanLine(n: NumberPlan, t: Translate = english): string {
  if (n.kind === 'failed') return `✗ ${t('number')} [${n.error?.code}] ${n.error?.message ?? ''}`;
  if (n.kind === 'unchanged') return t('= number unchanged');
  return `~ ${numberChangeText(n, t)}`;
}

/** The `number` field of `plan --json`: the class, what is sent, or why not. */
export function numberJson(n: NumberPlan): object {
  return {
    outcome: planClassOf(n),
    ...(n.assign ? { assign: n.assign } : {}),
    ...(n.unassign.length ? { unassign: n.unassign.map((u) => u.telephoneNumber) } : {}),
    ...(n.before.length ? { held: n.before.map((b) => b.telephoneNumber) } : {}),
    ...(n.error ? { reason: n.error.code, fix: notWrittenFix(n.error.code), error: n.error } : {}),
  };
}

/**
 * A user's number outcome, one line in the CLI and the output channel, after the user's license line:
 * `✓ alice@contoso.com +number +14255550110 (Calling Plan; shown on the user, voice enabled)`,
 * `… bob@contoso.com number pending: Teams has not seen the license yet … Resume with: …`.
 */
export function formatNumberResultLine(l: NumberLine, t: Translate = english): string {
  const taken = (l.unassigned ?? []).map((n) => t('-number {0}', n));
  switch (l.outcome) {
    case 'changed': {
      const given = l.assigned
        ? [t('+number {0} ({1})', l.assigned, typeWords(l.numberType ?? 'directRouting', t))]
        : [];
      const seen =
        l.readBack === undefined
          ? ''
          : l.readBack === 'confirmed'
            ? l.isEnterpriseVoiceEnabled
              ? t(' — shown on the user, voice enabled')
              : t(' — shown on the user')
            : t(' — Teams does not show it on the user yet');
      return `✓ ${l.user} ${[...taken, ...given].join(' ')}${seen}`;
    }
    case 'unchanged':
      return t('= {0} number unchanged', l.user);
    case 'pending':
      return l.error ? `… ${l.user} ${l.error.message}` : t('… {0} number pending', l.user);
    case 'skipped':
      return t('- {0} number skipped (cancelled)', l.user);
    case 'failed': {
      const e = l.error;
      return `✗ ${l.user} ${t('number')} [${e?.code ?? 'Error'}] ${e?.message ?? ''}${e?.hint ? ` — ${t(e.hint)}` : ''}`;
    }
  }
}

/** Numbers whose user a retry picks up again: failed, skipped, or pending (Teams had not seen the license). */
export const numbersToResume = (lines: readonly NumberLine[]): number =>
  lines.filter((l) => l.outcome === 'failed' || l.outcome === 'skipped' || l.outcome === 'pending').length;

/** "Numbers: 2 changed, 1 unchanged, 0 failed, 1 pending, 0 skipped": after the run's totals. */
export function formatNumberTotals(lines: readonly NumberLine[], t: Translate = english): string {
  const n = (o: NumberLine['outcome']) => lines.filter((l) => l.outcome === o).length;
  return t(
    'Numbers: {0}',
    [
      plural(t, n('changed'), '{0} changed//one', '{0} changed'),
      plural(t, n('unchanged'), '{0} unchanged//one', '{0} unchanged'),
      plural(t, n('failed'), '{0} failed//one', '{0} failed'),
      plural(t, n('pending'), '{0} pending//one', '{0} pending'),
      plural(t, n('skipped'), '{0} skipped//one', '{0} skipped'),
    ].join(', '),
  );
}
