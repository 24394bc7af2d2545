import type { JournalEntry } from '../run/user-result';

const HEADER = ['user', 'outcome', 'added', 'removed', 'usageLocation', 'errorCode', 'errorMessage', 'hint', 'at'];

/**
 * RFC 4180 quoting, and a leading apostrophe on cells that a spreadsheet would run as a formula
 * (CSV injection: a UPN or a Graph message starting with = + - @ must stay text).
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function resultsCsv(entries: Iterable<JournalEntry>): string {
  const rows = [HEADER.join(',')];
  for (const e of entries) {
    rows.push(
      [e.user, e.outcome, e.added.join(' '), e.removed.join(' '), e.usageLocation ?? '', e.error?.code ?? '', e.error?.message ?? '', e.error?.hint ?? '', e.at ?? '']
        .map(csvCell)
        .join(','),
    );
  }
  return `${rows.join('\r\n')}\r\n`;
}
