import type { NumberLine } from '../results/number-result';
import type { NumberType } from '../numbers/number-writes';
import { fileLine } from '../text/tenant-text';
import { english, type Translate } from '../text/translate';

/** One user whose Teams numbers a journal's runs changed, as undo needs them. */
export interface UndoNumber {
  readonly user: string;
  /** What they held before the journal's first write to their numbers. */
  readonly before: readonly { readonly telephoneNumber: string; readonly numberType: NumberType }[];
  /** What the journal's `changed` lines left: the numbers before, minus those taken, plus the one given. */
  readonly after: readonly string[];
}

/** Collects a journal's number lines, user by user, in the order it met them. */
export class UndoNumberCollector {
  private readonly byUser = new Map<
    string,
    { user: string; before?: UndoNumber['before']; after?: string[]; changed: boolean }
  >();

  add(line: NumberLine): void {
    const key = line.user.toLowerCase();
    const known = this.byUser.get(key) ?? { user: line.user, changed: false };
    this.byUser.set(key, known);
    // The first `before` is the state ahead of the first write: later runs started from what earlier ones left.
    if (line.before && !known.before) known.before = line.before;
    if (line.outcome !== 'changed' || !known.before) return;
    known.changed = true;
    const taken = new Set((line.unassigned ?? []).map(sameNumber));
    const after = (known.after ?? known.before.map((b) => b.telephoneNumber)).filter((n) => !taken.has(sameNumber(n)));
    if (line.assigned && !after.some((n) => sameNumber(n) === sameNumber(line.assigned!))) after.push(line.assigned);
    known.after = after;
  }

  users(): UndoNumber[] {
    return [...this.byUser.values()]
      .filter((u) => u.changed && u.before && u.after)
      .map((u) => ({ user: u.user, before: u.before!, after: u.after! }));
  }
}

const sameNumber = (n: string) => n.replace(/\s/g, '').toLowerCase();
const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.map(sameNumber).every((n) => b.map(sameNumber).includes(n));

/** What undo does with one user's numbers, judged against what they hold now. */
export type NumberUndo =
  /** The token their user line ends with: the number they held before, or `no-number`. */
  | { readonly kind: 'restore'; readonly token: string; readonly directRouting: boolean; readonly dropped: string[] }
  | { readonly kind: 'already' }
  /** Someone else changed their numbers since the run: left alone, and named. */
  | { readonly kind: 'changed-since'; readonly difference: string };

export function numberUndo(u: UndoNumber, heldNow: readonly string[], t: Translate = english): NumberUndo {
  const before = u.before.map((b) => b.telephoneNumber);
  if (sameSet(heldNow, before)) return { kind: 'already' };
  if (!sameSet(heldNow, u.after))
    return {
      kind: 'changed-since',
      difference: t(
        'now holds the numbers {0}, not {1} as the run left them',
        heldNow.length ? heldNow.map(fileLine).join(' ') : t('none'),
        u.after.length ? u.after.map(fileLine).join(' ') : t('none'),
      ),
    };
  const first = u.before[0];
  // A user line carries one number: a user who held several gets the first back, and the others are named.
  return first
    ? {
        kind: 'restore',
        token: first.telephoneNumber,
        directRouting: first.numberType === 'directRouting',
        dropped: before.slice(1),
      }
    : { kind: 'restore', token: 'no-number', directRouting: false, dropped: [] };
}
