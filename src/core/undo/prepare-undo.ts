import * as path from 'node:path';
import { neverCancelled, type Cancellation } from '../graph/cancellation';
import type { GraphConnection } from '../graph/connection';
import { readGroupsByReference } from '../reads/group-reads';
import { readUsers } from '../reads/tenant-reads';
import type { UserError } from '../graph/user-error';
import { cannotReadJournal, tenantMismatch, type TenantIdentity } from '../journal/journal';
import { loadTenantSkus } from '../tenant/tenant-skus';
import { english, plural, type Translate } from '../text/translate';
import { undoFile, type UndoFile } from './undo-file';
import { groupUndoSection } from './undo-groups';
import { readUndoJournal } from './undo-journal';
import { numbersByHolder, readNumberInventory } from '../numbers/teams-reads';

export type UndoOutcome =
  /** The journal cannot be undone here (unreadable, not a journal, another tenant, nothing recorded). */
  | { readonly kind: 'refused'; readonly message: string }
  | { readonly kind: 'tenant-error'; readonly error: UserError }
  | { readonly kind: 'cancelled' }
  | {
      readonly kind: 'ready';
      readonly file: UndoFile;
      /** Lines skipped, and users changed without a recorded state before: things the admin must know. */
      readonly warnings: readonly string[];
    };

/** Where the undo file goes unless told: beside the journal, named after it. */
export const undoFileName = (journalPath: string): string =>
  path.join(path.dirname(journalPath), `${path.basename(journalPath, '.jsonl')}.undo.licenses`);

/**
 * Reads the journal, then the tenant now (its SKUs and every user the journal wrote to), and
 * writes the undo file's text. Writes nothing to the tenant: the file is previewed and applied
 * like any other, so the same checks, confirmation and journal apply to the way back.
 */
export async function prepareUndo(
  connection: GraphConnection,
  journalPath: string,
  tenant: TenantIdentity,
  options: { readonly cancellation?: Cancellation; readonly t?: Translate; readonly now?: Date } = {},
): Promise<UndoOutcome> {
  const t = options.t ?? english;
  const cancellation = options.cancellation ?? neverCancelled;
  let journal;
  try {
    journal = await readUndoJournal(journalPath);
  } catch (e) {
    return {
      kind: 'refused',
      message: cannotReadJournal(journalPath, e, t),
    };
  }
  if (journal.headers.length === 0)
    return { kind: 'refused', message: t('{0}: not a results journal of m365-licenses.', journalPath) };
  const mismatch = tenantMismatch(
    { headers: journal.headers, latest: new Map(), damaged: [], damagedLines: 0 },
    tenant,
    t,
  );
  if (mismatch) return { kind: 'refused', message: t('{0}: not undone: {1}.', journalPath, mismatch) };
  const warnings = [
    // Reasons are constant English messages (journal-lines.ts), translated where shown.
    ...journal.damaged.map((d) => t('{0}:{1}: line skipped: {2}', journalPath, d.line, t(d.reason))),
    ...(journal.withoutBefore.length
      ? [
          plural(
            t,
            journal.withoutBefore.length,
            '{0} user changed by this journal has no recorded state before the run (a journal written before undo existed), so it is not in the file: {1}',
            '{0} users changed by this journal have no recorded state before the run (a journal written before undo existed), so they are not in the file: {1}',
            journal.withoutBefore.join(', '),
          ),
        ]
      : []),
    ...(journal.groupsWithoutBefore.length
      ? [
          plural(
            t,
            journal.groupsWithoutBefore.length,
            '{0} group changed by this journal has no recorded licenses before the run (a journal written before groups could be undone), so it is not in the file: {1}',
            '{0} groups changed by this journal have no recorded licenses before the run (a journal written before groups could be undone), so they are not in the file: {1}',
            journal.groupsWithoutBefore.join(', '),
          ),
        ]
      : []),
  ];
  if (journal.users.length === 0 && journal.groups.length === 0 && journal.numbers.length === 0)
    return { kind: 'refused', message: t('{0}: the run wrote to no user, so there is nothing to undo.', journalPath) };

  const skus = await loadTenantSkus(connection);
  if (!skus.ok) return { kind: 'tenant-error', error: skus.error };
  if (cancellation.isCancellationRequested) return { kind: 'cancelled' };
  const names = new Map([...journal.users, ...journal.numbers].map((u) => [u.user.toLowerCase(), u.user]));
  const now = await readUsers(connection, [...names.values()], cancellation);
  if (cancellation.isCancellationRequested) return { kind: 'cancelled' };
  // Numbers are judged against the inventory now; unreadable (no permission), they are named and left out.
  let numbers;
  if (journal.numbers.length > 0) {
    const inventory = await readNumberInventory(connection, { t, filter: "assignmentStatus eq 'userAssigned'" });
    if (inventory.ok) numbers = { users: journal.numbers, held: numbersByHolder(inventory.value) };
    else
      warnings.push(
        t(
          "Teams numbers are not in the file: the tenant's telephone numbers could not be read ({0}). Users whose numbers the run changed: {1}",
          inventory.error.message,
          journal.numbers.map((n) => n.user).join(', '),
        ),
      );
  }
  if (cancellation.isCancellationRequested) return { kind: 'cancelled' };
  const groupsNow = journal.groups.length
    ? await readGroupsByReference(
        connection,
        journal.groups.map((g) => g.groupId),
        cancellation,
      )
    : new Map();
  if (cancellation.isCancellationRequested) return { kind: 'cancelled' };
  const fileTenant = journal.headers.find((h) => h.fileTenant)?.fileTenant;
  const groups = groupUndoSection(journal.groups, groupsNow, skus.value, t);
  const file = undoFile(
    {
      journal: path.basename(journalPath),
      tenant: tenant.label,
      ...(fileTenant ? { fileTenant } : {}),
      users: journal.users,
      now,
      skus: skus.value,
      writtenAt: options.now ?? new Date(),
      groups,
      ...(numbers ? { numbers } : {}),
    },
    t,
  );
  if (file.unrecorded.length)
    warnings.push(
      plural(
        t,
        file.unrecorded.length,
        "The journal lost the run's answer for {0} user (it could not be written, a full disk): restored to what they held before the run, not reported as changed by someone else: {1}",
        "The journal lost the run's answer for {0} users (it could not be written, a full disk): restored to what they held before the run, not reported as changed by someone else: {1}",
        file.unrecorded.join(', '),
      ),
    );
  return { kind: 'ready', file, warnings };
}
