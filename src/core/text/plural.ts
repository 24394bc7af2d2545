import { localeCount, localePluralForm } from './translate';

/**
 * Counts in the user's language: the number written with the locale's separators ("1,700",
 * "1 700") and the plural form that language uses for it. French treats 0 and 1 as singular,
 * English only 1, so the choice of message cannot be `n === 1`: callers pick between their own
 * `t('{0} user', …)` and `t('{0} users', …)` with `isSingular`, keeping both keys visible to translators.
 */
/** `1,700` in English, `1 700` in French. */
export function formatCount(n: number, locale?: string): string {
  return localeCount(n, locale || undefined);
}

/** True when the language uses its singular form for `n` (English: 1; French: 0 and 1). */
export function isSingular(n: number, locale?: string): boolean {
  return localePluralForm(n, locale || undefined) === 'one';
}
