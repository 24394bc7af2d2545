import type { DirectState } from '../plan/direct-state';
import { forEachJournalLine, type DamagedLine } from '../journal/journal';
import type { JournalHeader, JournalLine } from '../results/user-result';
import { UndoGroupCollector, type UndoGroup } from './undo-group-journal';
import { UndoNumberCollector, type UndoNumber } from './undo-numbers';

/** One user a journal's runs wrote to, as undo needs them. */
export interface UndoUser {
  /** As the journal names them (the file's spelling). */
  readonly user: string;
  /** What they held directly before the journal's first write to them. */
  readonly before: DirectState;
  /** What the journal's last `changed` line says the run left; absent when no write is known to have landed. */
  readonly after?: DirectState;
  /** The user's last line: `pending` or `failed` mean no write is known to have landed after that. */
  readonly outcome: JournalLine['outcome'];
}

export interface UndoJournal {
  readonly headers: readonly JournalHeader[];
  /** In the order the journal first wrote to them. */
  readonly users: readonly UndoUser[];
  /**
   * Users the journal says were changed but whose state before was not recorded (a journal from before undo existed).
   */
  readonly withoutBefore: readonly string[];
  readonly damaged: readonly DamagedLine[];
  /** Groups the journal wrote to with their licenses before (undo-groups.ts), in the order it met them. */
  readonly groups: readonly UndoGroup[];
  /** Groups the journal says were changed but whose licenses before were not recorded. */
  readonly groupsWithoutBefore: readonly string[];
  /** Users whose Teams numbers the journal changed, with what they held before (undo-numbers.ts). */
  readonly numbers: readonly UndoNumber[];
}

/**
 * Reads a journal for undo, line by line. A journal may hold several runs (one `--journal` path,
 * or retries appended): the state to restore is the one before its first write to each user, and
 * the state to expect now is what its last `changed` line left. Never throws on content, only on I/O.
 */
export async function readUndoJournal(path: string): Promise<UndoJournal> {
  const headers: JournalHeader[] = [];
  const byUser = new Map<
    string,
    { user: string; before?: DirectState; after?: DirectState; outcome: JournalLine['outcome']; changed: boolean }
  >();
  const damaged: DamagedLine[] = [];
  const groups = new UndoGroupCollector();
  const numbers = new UndoNumberCollector();
  await forEachJournalLine(path, (checked, number) => {
    if (checked.kind === 'header') headers.push(checked.header);
    else if (checked.kind === 'bad') damaged.push({ line: number, reason: checked.reason });
    // A group's licenses are put back by the group's own lines, never by undoing its members one by one.
    else if (checked.kind === 'group-line') groups.add(checked.line);
    else if (checked.kind === 'number-line') numbers.add(checked.line);
    else if (checked.kind === 'entry') {
      const entry = checked.entry;
      const key = entry.user.toLowerCase();
      const known = byUser.get(key) ?? { user: entry.user, outcome: entry.outcome, changed: false };
      byUser.set(key, known);
      known.outcome = entry.outcome;
      // The first `before` is the state ahead of the first write: later runs started from what earlier ones left.
      if (entry.before && !known.before) known.before = entry.before;
      if (entry.outcome !== 'pending' && entry.after) known.after = entry.after;
      if (entry.outcome === 'changed') known.changed = true;
    }
  });
  const users: UndoUser[] = [];
  const withoutBefore: string[] = [];
  for (const u of byUser.values()) {
    if (u.before)
      users.push({ user: u.user, before: u.before, ...(u.after ? { after: u.after } : {}), outcome: u.outcome });
    else if (u.changed) withoutBefore.push(u.user);
  }
  return {
    headers,
    users,
    withoutBefore,
    damaged,
    groups: groups.groups(),
    groupsWithoutBefore: groups.withoutBefore(),
    numbers: numbers.users(),
  };
}
