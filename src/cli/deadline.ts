import {
  deadlineSecondsFromText,
  NUMBER_WAIT_MINUTES,
  numberWaitFromText,
  USER_DEADLINE_SECONDS,
} from '../core/settings/setting-values';
import type { Translate } from '../core/text/translate';

/** The environment variable CI sets instead of `--deadline` (the option wins when both are given). */
const DEADLINE_VARIABLE = 'LICENSES_USER_DEADLINE_SECONDS';

/**
 * One user's deadline in milliseconds, from `--deadline SECONDS` or else LICENSES_USER_DEADLINE_SECONDS;
 * undefined when neither is given (the engine's 5 minutes). A value out of bounds is a located error.
 */
export function userDeadlineMs(
  option: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
  t: Translate,
): { readonly ms?: number } | { readonly error: string } {
  const [name, text] = option !== undefined ? ['--deadline', option] : [DEADLINE_VARIABLE, env[DEADLINE_VARIABLE]];
  if (text === undefined || text.trim() === '') return {};
  const seconds = deadlineSecondsFromText(text);
  if (seconds === undefined)
    return {
      error: t(
        '{0} must be a whole number of seconds from {1} to {2}, not "{3}".',
        name,
        USER_DEADLINE_SECONDS.min,
        USER_DEADLINE_SECONDS.max,
        text.replace(/[\u0000-\u001f\u007f]/g, '?').slice(0, 40),
      ),
    };
  return { ms: seconds * 1000 };
}

/** The environment variable for `--number-wait` (the option wins when both are given). */
const NUMBER_WAIT_VARIABLE = 'LICENSES_NUMBER_WAIT_MINUTES';

/**
 * How long the number stage waits for Teams to see a license, from `--number-wait MINUTES` or else
 * LICENSES_NUMBER_WAIT_MINUTES; undefined when neither is given (15 minutes). Out of bounds: a located error.
 */
export function numberWaitMinutes(
  option: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
  t: Translate,
): { readonly minutes?: number } | { readonly error: string } {
  const [name, text] =
    option !== undefined ? ['--number-wait', option] : [NUMBER_WAIT_VARIABLE, env[NUMBER_WAIT_VARIABLE]];
  if (text === undefined || text.trim() === '') return {};
  const minutes = numberWaitFromText(text);
  if (minutes === undefined)
    return {
      error: t(
        '{0} must be a whole number of minutes from {1} to {2}, not "{3}".',
        name,
        NUMBER_WAIT_MINUTES.min,
        NUMBER_WAIT_MINUTES.max,
        text.replace(/[\u0000-\u001f\u007f]/g, '?').slice(0, 40),
      ),
    };
  return { minutes };
}
