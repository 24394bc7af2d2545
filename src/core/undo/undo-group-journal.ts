import type { GroupJournalLine, GroupLicenseState } from '../results/group-result';
import { isGuid } from '../text/guid';

/** One group a journal's runs wrote to, as undo needs it. */
export interface UndoGroup {
  readonly groupId: string;
  /** The display name the journal gives (else the file's spelling), for people. */
  readonly name: string;
  /** What the group gave before the journal's first write to it. */
  readonly before: GroupLicenseState;
  /**
   * Every state the journal's runs may have left the group in: each run's state before and what
   * each write asked for (a write's fate is not always known: a lost answer, a processing that failed).
   */
  readonly left: readonly GroupLicenseState[];
}

/**
 * Gathers, line by line, each group's state before the journal's first write to it (the `pending`
 * line's `before`) and the states its runs may have left. A group changed with no `before` (a
 * journal from before groups could be undone) is named apart.
 */
export class UndoGroupCollector {
  private readonly byId = new Map<
    string,
    { groupId: string; name: string; before?: GroupLicenseState; left: GroupLicenseState[]; changed: boolean }
  >();

  add(line: GroupJournalLine): void {
    // Only an object id names the group undo reads back; a crafted line naming something else is not acted on.
    if (line.kind !== 'group' || !line.groupId || !isGuid(line.groupId)) return;
    const key = line.groupId.toLowerCase();
    const known = this.byId.get(key) ?? {
      groupId: key,
      name: line.displayName ?? line.group,
      left: [],
      changed: false,
    };
    this.byId.set(key, known);
    if (line.displayName) known.name = line.displayName;
    if (line.before) {
      known.before ??= line.before;
      known.left.push(line.before);
    }
    if (line.after) known.left.push(line.after);
    if (line.outcome === 'changed' || (line.outcome === 'failed' && line.processingState)) known.changed = true;
  }

  groups(): UndoGroup[] {
    return [...this.byId.values()].flatMap((g) =>
      g.before ? [{ groupId: g.groupId, name: g.name, before: g.before, left: g.left }] : [],
    );
  }

  /** Groups the journal says were changed but whose state before was not recorded. */
  withoutBefore(): string[] {
    return [...this.byId.values()].filter((g) => !g.before && g.changed).map((g) => g.name);
  }
}
