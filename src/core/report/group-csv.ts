import type { GroupJournalLine } from '../results/group-result';
import { csvCell } from './csv';

/**
 * Rows for the group part of a run, with the columns of resultsCsv (user, outcome, added, removed,
 * usageLocation, errorCode, errorMessage, hint, at): a group's last result as `group:NAME`, and one
 * row per member in error, outcome `member-error`, the error code, what failed, and the fix.
 */
export function groupCsvRows(lines: readonly GroupJournalLine[]): string[] {
  const lastGroup = new Map<string, Extract<GroupJournalLine, { kind: 'group' }>>();
  const members = new Map<string, Extract<GroupJournalLine, { kind: 'member-error' }>>();
  for (const l of lines) {
    if (l.kind === 'group') lastGroup.set((l.groupId ?? l.group).toLowerCase(), l);
    else members.set(`${l.userId}|${l.groupId}|${l.skuId}`.toLowerCase(), l);
  }
  const rows: string[] = [];
  for (const g of lastGroup.values()) {
    const message = g.error?.message ?? (g.processingState ? `processing: ${g.processingState}` : '');
    rows.push(
      [
        `group:${g.displayName ?? g.group}`,
        g.outcome,
        g.added.join(' '),
        g.removed.join(' '),
        '',
        g.error?.code ?? '',
        message,
        g.error?.hint ?? '',
        g.at,
      ]
        .map(csvCell)
        .join(','),
    );
  }
  for (const m of members.values()) {
    rows.push(
      [
        m.user,
        'member-error',
        '',
        '',
        '',
        m.error,
        `${m.sku} from group "${m.group}" is in state ${m.state}`,
        m.fix,
        m.at,
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return rows;
}

/** resultsCsv's text with the group rows appended (before its final line break). */
export function withGroupRows(csv: string, lines: readonly GroupJournalLine[] | undefined): string {
  const rows = groupCsvRows(lines ?? []);
  return rows.length ? `${csv}${rows.join('\r\n')}\r\n` : csv;
}
