/**
 * Counts in the user's language: the number written with the locale's separators ("1,700",
 * "1 700") and the plural form that language uses for it. French treats 0 and 1 as singular,
 * English only 1, so the choice of message cannot be `n === 1`: callers pick between their own
 * `t('{0} user', …)` and `t('{0} users', …)` with `isSingular`, keeping both keys visible to translators.
 */
/** `1,700` in English, `1 700` in French. */
export function formatCount(n: number, locale?: string): string {
  return cached(numberFormats, locale, (tag) => new Intl.NumberFormat(tag)).format(n);
}

/** True when the language uses its singular form for `n` (English: 1; French: 0 and 1). */
export function isSingular(n: number, locale?: string): boolean {
  return cached(pluralRules, locale, (tag) => new Intl.PluralRules(tag)).select(n) === 'one';
}

/** One formatter per language: building an Intl object costs more than formatting thousands of counts with it. */
const numberFormats = new Map<string | undefined, Intl.NumberFormat>();
const pluralRules = new Map<string | undefined, Intl.PluralRules>();
function cached<T>(cache: Map<string | undefined, T>, locale: string | undefined, make: (tag: string) => T): T {
  let made = cache.get(locale);
  if (made === undefined) {
    made = make(safeLocale(locale));
    // Locales come from settings and environment variables, a handful per process: the cache stays small.
    if (cache.size < 64) cache.set(locale, made);
  }
  return made;
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
