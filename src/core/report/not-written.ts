import { isPredictedRefusal } from '../plan/license-rules';
import { notWrittenFix, type NotWrittenFix } from '../plan/plan-class';
import type { RunPlan } from '../plan/whole-plan';
import { formatCount, isSingular } from '../text/plural';
import type { Translate } from '../text/translate';
import { ENGLISH, type Words } from './report-view';

/** The reason and the fix in a few words, for a count of users that share them. */
function reasonWords(fix: NotWrittenFix, code: string, t: Translate): string {
  switch (fix) {
    case 'add-usage-location':
      return t('no usage location: add `usage-location XX` to the block');
    case 'check-user-name':
      return t('not found in the tenant: check the UPN or id');
    case 'change-group-licenses':
      return t("the license comes from a group: change the group's licenses or the membership");
    case 'one-line-per-user':
      return t('the same account listed twice: keep one line per user');
    case 'retry-later':
      return t('not read from Graph: run again');
    case 'choose-another-number':
      return t('the number cannot be given to this user: choose another one');
    case 'add-voice-license':
      return t("the number's type needs a license the user will not hold");
    case 'edit-block':
    case 'read-hint':
      return t('[{0}]: see each user under "Will not be written"', code);
  }
}

/**
 * The users that will not be written, counted per reason, for the totals and the confirmation:
 * "✗ 2,000 users will not be written: no usage location: add …". Predicted refusals of the
 * license rules are counted by `licenseRuleRemarks` and left out here. Empty when none.
 */
export function notWrittenRemarks(plan: RunPlan, words: Words = ENGLISH): string[] {
  const { t, locale } = words;
  const byCode = new Map<string, number>();
  for (const u of plan.users) {
    if (u.kind !== 'failed' || isPredictedRefusal(u.error?.code)) continue;
    const code = u.error?.code ?? 'Error';
    byCode.set(code, (byCode.get(code) ?? 0) + 1);
  }
  return [...byCode]
    .sort((a, b) => b[1] - a[1])
    .map(([code, n]) => {
      const reason = reasonWords(notWrittenFix(code), code, t);
      return isSingular(n, locale)
        ? t('✗ {0} user will not be written: {1}', formatCount(n, locale), reason)
        : t('✗ {0} users will not be written: {1}', formatCount(n, locale), reason);
    });
}
