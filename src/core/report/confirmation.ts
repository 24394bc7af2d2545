import type { PlanTotals } from '../plan/totals';
import type { RunPlan } from '../plan/whole-plan';
import { formatCount, isSingular } from '../text/plural';
import { exactConfirmationLines } from './exact-preview';
import { licenseChangeText } from './license-words';
import { changeSummary } from './preview';
import { ENGLISH, type Words } from './report-view';

export interface ConfirmationInput {
  /** The tenant it writes to, as the status bar names it. */
  readonly tenant: string;
  /** Said first (a retry says what it sends again). */
  readonly note?: string;
}

/**
 * What an admin reads before saying yes to a write, the same in the VS Code dialog and the CLI's
 * prompt: the tenant, the totals in three classes, per SKU what is added and removed (with product
 * names), the groups and the members each reaches, and what `exact` removes.
 */
export function confirmationLines(
  plan: RunPlan,
  totals: PlanTotals,
  input: ConfirmationInput,
  words: Words = ENGLISH,
): string[] {
  const { t, locale } = words;
  const n = (c: number) => formatCount(c, locale);
  const users = plan.users.length;
  const headline = isSingular(users, locale)
    ? t(
        '{0} user: {1} to change, {2} already as wanted, {3} that will not be written.',
        n(users),
        n(totals.change),
        n(totals.unchanged),
        n(totals.failing),
      )
    : t(
        '{0} users: {1} to change, {2} already as wanted, {3} that will not be written.',
        n(users),
        n(totals.change),
        n(totals.unchanged),
        n(totals.failing),
      );
  return [
    ...(input.note ? [input.note, ''] : []),
    t('Tenant: {0}', input.tenant),
    headline,
    ...changeSummary(plan, words),
    ...groupConfirmationLines(plan, words),
    ...exactConfirmationLines(plan, t),
  ];
}

/** The groups the run changes and the members each reaches. */
function groupConfirmationLines(plan: RunPlan, { t, locale }: Words): string[] {
  return (plan.groups ?? [])
    .filter((g) => g.kind === 'change')
    .map((g) => {
      const changes = licenseChangeText(
        {
          added: g.add.filter((a) => a.why === 'new').map((a) => a.partNumber),
          removed: g.remove.map((r) => r.partNumber),
          updated: g.add.filter((a) => a.why !== 'new').map((a) => a.partNumber),
        },
        t,
        locale,
      );
      return t('Group "{0}": {1} ({2} members)', g.displayName ?? g.group, changes, formatCount(g.members, locale));
    });
}
