/**
 * Puts an English message, with `{0}`-style placeholders, into the user's language. The same shape
 * as `vscode.l10n.t`, so the extension passes that and the CLI passes its own reader of the same
 * bundle: the core never imports `vscode`, and one French bundle serves both front ends.
 * `locale` (a BCP 47 tag such as `fr` or `en`) says how counts are written and which plural form a
 * count takes; `vscode.l10n.t` has none, so the extension attaches VS Code's display language.
 */
export type Translate = ((message: string, ...args: Array<string | number | boolean>) => string) & {
  readonly locale?: string;
};

const fill = (message: string, args: ReadonlyArray<string | number | boolean>): string =>
  // Most messages have nothing to fill: no pattern run for them (a 10,000-line file says thousands).
  args.length === 0 || !message.includes('{')
    ? message
    : message.replace(/\{(\d+)\}/g, (placeholder, index: string) =>
        Number(index) < args.length ? String(args[Number(index)]) : placeholder,
      );

/** Fills the placeholders and translates nothing: the default where no front end chose a language. */
export const english: Translate = Object.assign(
  (message: string, ...args: Array<string | number | boolean>) => fill(message, args),
  { locale: 'en' },
);

/** A translator reading a bundle of `English message → translation` (the shape of `l10n/bundle.l10n.*.json`). */
export function bundleTranslator(bundle: Readonly<Record<string, string>>, locale: string): Translate {
  return Object.assign(
    (message: string, ...args: Array<string | number | boolean>) => fill(bundle[message] ?? message, args),
    { locale },
  );
}

/** `t` with the language it writes in, for translators that do not say (such as `vscode.l10n.t`). */
export const withLocale = (t: Translate, locale: string): Translate =>
  Object.assign((message: string, ...args: Array<string | number | boolean>) => t(message, ...args), { locale });

const numberFormats = new Map<string, Intl.NumberFormat>();
const pluralRules = new Map<string, Intl.PluralRules>();

function cached<T>(map: Map<string, T>, locale: string, make: (locale: string) => T): T {
  let hit = map.get(locale);
  if (!hit) {
    try {
      hit = make(locale);
    } catch {
      hit = make('en'); // a tag Intl does not know (an odd LANG): English digits rather than a crash
    }
    map.set(locale, hit);
  }
  return hit;
}

/** A count as the translator's language writes it: "1,993" in English, "1 993" in French. */
export function count(t: Translate, n: number): string {
  return localeCount(n, t.locale);
}

/** A count as `locale` writes it (English when absent or unknown to Intl); one formatter per language. */
export function localeCount(n: number, locale = 'en'): string {
  return cached(numberFormats, locale, (l) => new Intl.NumberFormat(l)).format(n);
}

/** The plural form `n` takes in `locale` ("one", "other"...); one set of rules per language. */
export function localePluralForm(n: number, locale = 'en'): Intl.LDMLPluralRule {
  return cached(pluralRules, locale, (l) => new Intl.PluralRules(l)).select(n);
}

/**
 * One of two messages by the plural form `n` takes in the translator's language, with the count
 * written for that language as `{0}` (and `args` as `{1}`...). Both messages are keys of the
 * bundle, so French picks its own form: 0 is singular there ("0 utilisateur"), plural in English.
 * Both messages are written as literals at the call (or in a rule definition, said through the rules'
 * `sayCount`), so the l10n test finds them and their French.
 */
export function plural(
  t: Translate,
  n: number,
  one: string,
  other: string,
  ...args: Array<string | number | boolean>
): string {
  const form = localePluralForm(n, t.locale);
  return withoutNote(t(form === 'one' ? one : other, count(t, n), ...args));
}

/** A trailing `//note` (`//one`, `//setup-step`): what tells apart two keys English writes alike. */
const NOTE = /\/\/[a-z-]+$/;
const withoutNote = (text: string): string => text.replace(NOTE, '');

/**
 * `t` for a message ending in a `//note`, which makes it a key of its own where English writes
 * two messages alike ("{0} unchanged" of a step, and of a count): the note is never shown.
 */
export const noted = (t: Translate, message: string, ...args: Array<string | number | boolean>): string =>
  withoutNote(t(message, ...args));

/**
 * Marks an English message to be translated later, where it is made before a translator is at
 * hand (the parser's problems, translated by the validator for the few it lists): gettext's `N_`.
 * The l10n test finds these as it finds `t(...)`.
 */
export const deferred = (message: string): string => message;
