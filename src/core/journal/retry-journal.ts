import type { DesiredUser } from '../desired/desired';
import { cannotReadJournal, formatDamagedLines, readJournal, usersToRetry, type Journal } from './journal';
import { whatRan } from './journal-name';
import type { DesiredGroup } from '../desired/desired-groups';
import { groupsToRetry } from './group-retry';
import { english, type Translate } from '../text/translate';

export type RetrySource =
  | {
      readonly kind: 'retry';
      readonly journal: Journal;
      /** Failed, skipped and pending users, as the file wanted them. Empty: nothing to retry. */
      readonly desired: DesiredUser[];
      /** Failed and skipped groups, as the file wanted them. */
      readonly groups: DesiredGroup[];
      /** Every file the journal's runs came from, once each. */
      readonly files: readonly string[];
      /** `path:line: reason` per line skipped, for the admin to see. */
      readonly warnings: readonly string[];
    }
  | { readonly kind: 'refused'; readonly message: string };

/** What a retry (CLI `--retry-failed`, VS Code "Retry Failed Users") runs, from the journal alone; what it says, in `t`'s language. */
export async function retryFromJournal(journalPath: string, t: Translate = english): Promise<RetrySource> {
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
  return {
    kind: 'retry',
    journal,
    desired: usersToRetry(journal),
    groups: groupsToRetry(journal),
    files,
    warnings: formatDamagedLines(journalPath, journal, t),
  };
}

/**
 * The name a retry runs under, for the journal's file name and the messages: `retry-phone-system`
 * (from the file the earlier run came from), never the earlier journal's own long name.
 */
export function retryRunName(journalPath: string, files: readonly string[]): string {
  const what = files.length === 1 ? whatRan(files[0]) : whatRan(journalPath);
  return `retry-${what.replace(/^retry-/, '')}`;
}
