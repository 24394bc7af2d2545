import type { DesiredUser } from '../desired/desired';
import { cannotReadJournal, formatDamagedLines, readJournal, usersToRetry, type Journal } from './journal';
import { whatRan } from './journal-name';
import type { DesiredGroup } from '../desired/desired-groups';
import { groupsToRetry } from './group-retry';
import { english, type Translate } from '../text/translate';
import type { UserError } from '../graph/user-error';
import { retryAdvice } from '../results/retry-advice';

export type RetrySource =
  | {
      readonly kind: 'retry';
      readonly journal: Journal;
      /**
       * Failed, skipped and pending users a retry can fix, as the files want them now (or as the journal recorded).
       * Empty: nothing to retry.
       */
      readonly desired: DesiredUser[];
      /** Failed and skipped groups, as the files want them now (or as the journal recorded). */
      readonly groups: DesiredGroup[];
      /** Every file the journal's runs came from, once each. */
      readonly files: readonly string[];
      /** `path:line: reason` per line skipped, and why a failed user is not retried, for the admin to see. */
      readonly warnings: readonly string[];
      /**
       * True: what is retried was read from the files as they are now; false: from the journal (the files could not be
       * read).
       */
      readonly fromFiles: boolean;
    }
  | { readonly kind: 'refused'; readonly message: string };

/**
 * The files a journal's runs came from, as they are now: their users and groups, merged; or why they cannot be used.
 */
export type ReadCurrentFiles = (
  files: readonly string[],
) => Promise<
  { readonly users: readonly DesiredUser[]; readonly groups: readonly DesiredGroup[] } | { readonly problem: string }
>;

const saysNothing = (u: DesiredUser) => u.assign.length === 0 && u.remove.length === 0 && !u.usageLocation && !u.exact;

/**
 * What a retry (CLI `--retry-failed`, VS Code "Retry Failed Users") runs: the journal names the
 * users that failed, were skipped or never answered; `readCurrent` gives what the files say of them
 * now, so a fix made in the file since (a `usage-location`, a `remove` of the conflicting license)
 * is what is sent; the retry's plan then says again who will not be written, and why. Failures a retry cannot fix (a
 * user not found) are left out and say what to do
 * instead; so is a user the files no longer name. Without `readCurrent`, or when the files cannot
 * be read, the journal's record is sent. The journal itself is only read.
 */
export async function retryFromJournal(
  journalPath: string,
  t: Translate = english,
  readCurrent?: ReadCurrentFiles,
): Promise<RetrySource> {
  let journal: Journal;
  try {
    journal = await readJournal(journalPath);
  } catch (e) {
    return {
      kind: 'refused',
      message: cannotReadJournal(journalPath, e, t),
    };
  }
  if (journal.headers.length === 0)
    return { kind: 'refused', message: t('{0}: not a results journal of m365-licenses.', journalPath) };
  const files = [...new Set(journal.headers.flatMap((h) => h.files))];
  const cut = journal.incomplete?.[0];
  // The run stopped before its list of users was whole (no write to Graph starts before it is):
  // a retry from this journal would leave out the users it does not name, so the files run again.
  if (cut)
    return {
      kind: 'refused',
      message: t(
        '{0}: the run of {1} lists {2} of its {3} users (the disk was full as the journal was written), so a retry from it would leave users out. Nothing was written to the tenant before the list was whole: apply the files again ({4}); users already as a file wants are left unchanged.',
        journalPath,
        cut.startedAt,
        cut.found,
        cut.listed,
        files.join(' '),
      ),
    };
  const warnings = formatDamagedLines(journalPath, journal, t);
  const recorded = usersToRetry(journal);
  const errors = new Map<string, UserError | undefined>();
  for (const [key, line] of journal.latest) if (line.outcome === 'failed') errors.set(key, line.error);

  let current = readCurrent && files.length ? await readCurrent(files) : undefined;
  // A plain list of users says no license: the run took its SKUs from the command line or a pick.
  if (current && !('problem' in current) && current.groups.length === 0 && current.users.every(saysNothing))
    current = { problem: t('a plain list of users, whose licenses were chosen at run time') };
  if (current && 'problem' in current)
    warnings.push(t('The files cannot be read now ({0}): the retry sends what the journal recorded.', current.problem));
  const now = current && !('problem' in current) ? current : undefined;
  const nowByUser = new Map((now?.users ?? []).map((u) => [u.user.toLowerCase(), u]));

  const desired: DesiredUser[] = [];
  for (const was of recorded) {
    const key = was.user.toLowerCase();
    const error = errors.get(key);
    const advice = retryAdvice(error, t);
    if (advice.kind === 'instead') {
      warnings.push(t('{0}: not retried: {1}', was.user, advice.instead));
      continue;
    }
    const wanted = now ? nowByUser.get(key) : was;
    if (!wanted) {
      warnings.push(t('{0}: not retried: the files no longer name this user.', was.user));
      continue;
    }
    desired.push(wanted);
  }
  const groups = groupsToRetry(journal).flatMap((was) => {
    if (!now) return [was];
    const wanted = now.groups.find((g) => g.group.toLowerCase() === was.group.toLowerCase());
    if (!wanted) warnings.push(t('group "{0}": not retried: the files no longer name this group.', was.group));
    return wanted ? [wanted] : [];
  });
  return { kind: 'retry', journal, desired, groups, files, warnings, fromFiles: now !== undefined };
}

/**
 * The name a retry runs under, for the journal's file name and the messages: `retry-phone-system`
 * (from the file the earlier run came from), never the earlier journal's own long name.
 */
export function retryRunName(journalPath: string, files: readonly string[]): string {
  const what = files.length === 1 ? whatRan(files[0]) : whatRan(journalPath);
  return `retry-${what.replace(/^retry-/, '')}`;
}
