/**
 * Settings come from JSON that anyone can write, a cloned repository's .vscode/settings.json
 * included, and VS Code does not enforce the schema at run time. Every value read is checked here,
 * and a value not used as written says why, so the front end can tell the admin which setting was
 * ignored (in the admin's language).
 */
export type SettingProblem =
  | { readonly reason: 'wrong-type'; readonly expected: 'number' | 'string' }
  | { readonly reason: 'not-an-integer' }
  | { readonly reason: 'below-minimum'; readonly limit: number }
  | { readonly reason: 'above-maximum'; readonly limit: number }
  | { readonly reason: 'not-allowed'; readonly allowed: readonly string[] }
  | { readonly reason: 'outside-workspace' };

export interface CheckedSetting<T> {
  readonly value: T;
  /** Present when the value as written was not used: `value` is then the default or the nearest limit. */
  readonly problem?: SettingProblem;
}

/** An integer in [min, max]: out of range is clamped, a fraction rounded, anything else gives the default. */
export function integerSetting(
  raw: unknown,
  range: { readonly min: number; readonly max: number; readonly default: number },
): CheckedSetting<number> {
  if (raw === undefined || raw === null) return { value: range.default };
  if (typeof raw !== 'number' || !Number.isFinite(raw)) {
    if (raw === Infinity) return { value: range.max, problem: { reason: 'above-maximum', limit: range.max } };
    return { value: range.default, problem: { reason: 'wrong-type', expected: 'number' } };
  }
  if (raw < range.min) return { value: range.min, problem: { reason: 'below-minimum', limit: range.min } };
  if (raw > range.max) return { value: range.max, problem: { reason: 'above-maximum', limit: range.max } };
  if (!Number.isInteger(raw)) return { value: Math.round(raw), problem: { reason: 'not-an-integer' } };
  return { value: raw };
}

/** A string, trimmed; anything else gives the default. */
export function stringSetting(raw: unknown, fallback: string): CheckedSetting<string> {
  if (raw === undefined || raw === null) return { value: fallback };
  if (typeof raw !== 'string') return { value: fallback, problem: { reason: 'wrong-type', expected: 'string' } };
  return { value: raw.trim() };
}

/** One of `allowed` (exact spelling, as the schema's enum); anything else gives the default. */
export function choiceSetting<T extends string>(raw: unknown, allowed: readonly T[], fallback: T): CheckedSetting<T> {
  if (raw === undefined || raw === null) return { value: fallback };
  if (typeof raw === 'string' && (allowed as readonly string[]).includes(raw)) return { value: raw as T };
  return { value: fallback, problem: { reason: 'not-allowed', allowed } };
}

/**
 * One user's deadline: how long the writes and re-reads of one user (or one page of a read) may take,
 * retries and throttling waits included, before that user is recorded failed ("Graph did not answer in N s").
 * Five minutes by default; at least 30 s (a few throttled retries), at most an hour (a run must end).
 */
export const USER_DEADLINE_SECONDS = { min: 30, max: 3600, default: 300 } as const;

/** `--deadline` / LICENSES_USER_DEADLINE_SECONDS as typed: whole seconds in the bounds, else undefined. */
export function deadlineSecondsFromText(text: string): number | undefined {
  if (!/^\d+$/.test(text.trim())) return undefined;
  const n = Number(text.trim());
  return n >= USER_DEADLINE_SECONDS.min && n <= USER_DEADLINE_SECONDS.max ? n : undefined;
}

/**
 * How long a run waits for Teams to see a user's new license before leaving the user's number pending
 * (`licenses.numberWaitMinutes`, `--number-wait`, LICENSES_NUMBER_WAIT_MINUTES). Microsoft allows up to 24 hours
 * for a Calling Plan; 15 minutes by default keeps a run short (docs/numbers.md). 0: no wait at all.
 */
export const NUMBER_WAIT_MINUTES = { min: 0, max: 1440, default: 15 } as const;

/** `--number-wait` / LICENSES_NUMBER_WAIT_MINUTES as typed: whole minutes in the bounds, else undefined. */
export function numberWaitFromText(text: string): number | undefined {
  if (!/^\d+$/.test(text.trim())) return undefined;
  const n = Number(text.trim());
  return n >= NUMBER_WAIT_MINUTES.min && n <= NUMBER_WAIT_MINUTES.max ? n : undefined;
}

/**
 * `licenses.resultsFolder` as a workspace (a cloned repository's .vscode/settings.json) may set it:
 * only a folder below the `.licenses` file's own. An absolute path, a home folder (`~`), a Windows
 * drive or UNC path (`\\server\share`, which would send journals, and the user's NTLM hash, to
 * an SMB server) or a `..` that climbs out is ignored: the default (next to the file) is used and
 * the front end says so. The user's own settings are not limited.
 */
export function workspaceResultsFolder(setting: string): CheckedSetting<string> {
  const v = setting.trim();
  if (!v) return { value: '' };
  // Strings only (no node:path): the check runs in the browser build too, and judges Windows paths anywhere.
  const outside = /^[~/\\]/.test(v) || /^[A-Za-z]:/.test(v) || v.split(/[\\/]+/).includes('..');
  return outside ? { value: '', problem: { reason: 'outside-workspace' } } : { value: v };
}
