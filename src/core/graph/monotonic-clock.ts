/**
 * Milliseconds on a clock that never goes back: pacing, waits and deadlines are measured on it, so
 * the wall clock stepping (NTP, daylight saving, an admin setting the date) neither stalls a run nor
 * ends one early. Not a date: only differences between two readings mean anything.
 */
export const monotonicNow = (): number => performance.now();
