/**
 * Counts in the user's language: the number written with the locale's separators ("1,700",
 * "1 700") and the plural form that language uses for it. French treats 0 and 1 as singular,
 * English only 1, so the choice of message cannot be `n === 1`: callers pick between their own
 * `t('{0} user', …)` and `t('{0} users', …)` with `isSingular`, keeping both keys visible to translators.
 */
/** `1,700` in English, `1 700` in French. */
export function formatCount(n: number, locale?: string): string {
  return n.toLocaleString(safeLocale(locale));
}

/** True when the language uses its singular form for `n` (English: 1; French: 0 and 1). */
export function isSingular(n: number, locale?: string): boolean {
  return new Intl.PluralRules(safeLocale(locale)).select(n) === 'one';
}

/** An unknown or malformed tag falls back to English instead of throwing mid-render. */
function safeLocale(locale: string | undefined): string {
  if (!locale) return 'en';
  try {
    return Intl.getCanonicalLocales(locale)[0] ?? 'en';
  } catch {
    return 'en';
  }
}
