import type { JournalLine } from '../results/user-result';
import type { NumberLine } from '../results/number-result';

const HEADER = ['user', 'outcome', 'added', 'removed', 'usageLocation', 'errorCode', 'errorMessage', 'hint', 'at'];

/**
 * RFC 4180 quoting, and a leading apostrophe on cells that a spreadsheet would run as a formula
 * (CSV injection: a UPN or a Graph message starting with = + - @ must stay text).
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function resultsCsv(entries: Iterable<JournalLine>): string {
  const rows = [HEADER.join(',')];
  for (const e of entries) {
    // `pending`: the run stopped before Graph's answer for this user was written.
    const r = e.outcome === 'pending' ? { added: [], removed: [], usageLocation: undefined, error: undefined } : e;
    rows.push(
      [
        e.user,
        e.outcome,
        r.added.join(' '),
        r.removed.join(' '),
        r.usageLocation ?? '',
        r.error?.code ?? '',
        r.error?.message ?? '',
        r.error?.hint ?? '',
        e.at ?? '',
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return `${rows.join('\r\n')}\r\n`;
}

/**
 * Each user's last number line as a row with resultsCsv's columns: outcome `number:changed` (…), the number given
 * under added, the numbers taken back under removed. Appended after the users' and groups' rows.
 */
export function withNumberRows(csv: string, numbers: Iterable<NumberLine> | undefined): string {
  const rows: string[] = [];
  for (const l of numbers ?? [])
    rows.push(
      [
        l.user,
        `number:${l.outcome}`,
        l.assigned ?? '',
        (l.unassigned ?? []).join(' '),
        '',
        l.error?.code ?? '',
        l.error?.message ?? '',
        l.error?.hint ?? l.resumeCommand ?? '',
        l.at,
      ]
        .map(csvCell)
        .join(','),
    );
  return rows.length ? `${csv}${rows.join('\r\n')}\r\n` : csv;
}
