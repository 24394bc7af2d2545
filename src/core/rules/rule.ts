import { plural, type Translate } from '../text/translate';

/**
 * A rule of the validator as one object: its code (the key it is defined under), severity, what it
 * means (the "when" of docs/rules.md), the messages its findings say, the quick fixes it offers (with
 * any title of its own) and the anchor of its section in docs/rules.md. The rules of a family are
 * defined together in definitions/<family>.ts, beside no logic; codes.ts gathers them, fixes.ts offers
 * only the fixes a rule declares, and a unit test holds docs/rules.md to them (a row with the anchor and
 * the severity for every rule, no row for any other).
 *
 * The English of every message lives here, in the definitions, and nowhere else: the family's logic
 * file (block-rules.ts, ...) judges the file and says `say(t, RULE, 'default', ...args)`, or
 * `sayCount(t, RULE, 'default', n, ...args)` for a message with a plural, and a unit test holds the
 * logic files under src/core/rules/ to no string literal handed to a translator. The English is the
 * key of the translation (l10n/bundle.l10n.fr.json), which the l10n test reads from these objects.
 * The format rules are the exception: the parser reports them before any rule runs, and words them
 * itself (src/core/format, through `deferred`).
 */
export type Severity = 'error' | 'warning' | 'information';

/**
 * The quick fixes the editor knows how to build (fixes.ts), from the facts a finding carries:
 * `replace` the range by a better text, `suggest-sku` the closest part numbers, `delete-line`,
 * `remove-from-list` the word, `add-to-assign` a SKU to the block's `assign` line. Their titles are
 * definitions/fix-titles.ts; a rule may give one its own (`fixTitles`).
 */
export type FixKind = 'replace' | 'suggest-sku' | 'delete-line' | 'remove-from-list' | 'add-to-assign';

/** A message with a plural: `one` or `other` by the count, which is its `{0}` (`plural` in text/translate.ts). */
export interface Counted {
  readonly one: string;
  readonly other: string;
}

/**
 * A rule's wordings by name, in English with `{0}`-style placeholders: `default` for a rule with one,
 * a name for each when it has several (`{ default: '…', withSuggestion: '…' }`).
 */
export type Messages = Readonly<Record<string, string | Counted>>;

export interface RuleDefinition {
  readonly severity: Severity;
  readonly summary: string;
  readonly messages: Messages;
  readonly fixes: readonly FixKind[];
  /** A title of its own for a fix it declares, where the kind's title (definitions/fix-titles.ts) would not say why. */
  readonly fixTitles?: Readonly<Partial<Record<FixKind, string>>>;
}

export interface Rule extends RuleDefinition {
  readonly code: string;
  /** The id of the rule's row in docs/rules.md (`<a id="...">`): the code itself. */
  readonly anchor: string;
}

/** The rules of one family, each given its code and anchor from the key it is defined under. */
export function defineRules<const T extends Record<string, RuleDefinition>>(
  definitions: T,
): { readonly [K in keyof T]: T[K] & { readonly code: K; readonly anchor: K } } {
  const out: Record<string, Rule> = {};
  for (const [code, d] of Object.entries(definitions)) out[code] = { ...d, code, anchor: code };
  return out as { readonly [K in keyof T]: T[K] & { readonly code: K; readonly anchor: K } };
}

type Args = Array<string | number | boolean>;
/** The names of a rule's messages of one shape: plain (`string`) or with a plural (`Counted`). */
type NamesOf<M, Shape> = { [K in keyof M]: M[K] extends Shape ? K : never }[keyof M] & string;

/** A rule's message `name`, in `t`'s language, its placeholders filled from `args`. */
export function say<R extends { readonly messages: Messages }>(
  t: Translate,
  rule: R,
  name: NamesOf<R['messages'], string>,
  ...args: Args
): string {
  return t(rule.messages[name] as string, ...args);
}

/** A rule's message `name` with a plural, in the form `n` takes in `t`'s language; `n` is `{0}`, `args` `{1}`.... */
export function sayCount<R extends { readonly messages: Messages }>(
  t: Translate,
  rule: R,
  name: NamesOf<R['messages'], Counted>,
  n: number,
  ...args: Args
): string {
  const { one, other } = rule.messages[name] as Counted;
  return plural(t, n, one, other, ...args);
}
