/**
 * The one way a time is shown to a person, on every page, file comment and CLI line: local time
 * with its zone, to the minute ("2026-12-07 18:40 UTC+1"). Sortable, unambiguous across zones and
 * the same in every language (no month names to translate). Journals and JSON keep ISO 8601 UTC.
 *
 * `offsetMinutes`: minutes east of UTC; absent, the zone of the machine showing it at that instant
 * (summer time included). Tests pass it.
 */
export function formatLocalTime(at: Date | string, offsetMinutes?: number): string {
  const instant = typeof at === 'string' ? new Date(at) : at;
  if (Number.isNaN(instant.getTime())) return String(at);
  const offset = offsetMinutes ?? -instant.getTimezoneOffset();
  const local = new Date(instant.getTime() + offset * 60_000);
  const two = (n: number) => String(n).padStart(2, '0');
  const day = `${local.getUTCFullYear()}-${two(local.getUTCMonth() + 1)}-${two(local.getUTCDate())}`;
  return `${day} ${two(local.getUTCHours())}:${two(local.getUTCMinutes())} ${zoneName(offset)}`;
}

/** `UTC`, `UTC+1`, `UTC-5`, `UTC+5:30`. */
function zoneName(offset: number): string {
  if (offset === 0) return 'UTC';
  const sign = offset > 0 ? '+' : '-';
  const hours = Math.floor(Math.abs(offset) / 60);
  const minutes = Math.abs(offset) % 60;
  return `UTC${sign}${hours}${minutes ? `:${String(minutes).padStart(2, '0')}` : ''}`;
}
