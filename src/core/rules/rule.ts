/**
 * A rule of the validator as one object: its code (the key it is defined under), severity, what it
 * means (the "when" of docs/rules.md), the quick fixes it offers and the anchor of its section in
 * docs/rules.md. The rules of a family are defined together in definitions/<family>.ts, beside no
 * logic; codes.ts gathers them, fixes.ts offers only the fixes a rule declares, and a unit test holds
 * docs/rules.md to them (a row with the anchor and the severity for every rule, no row for any other).
 * The messages are written where the rule is judged (the family's logic file), through the translator.
 */
export type Severity = 'error' | 'warning' | 'information';

/**
 * The quick fixes the editor knows how to build (fixes.ts), from the facts a finding carries:
 * `replace` the range by a better text, `suggest-sku` the closest part numbers, `delete-line`,
 * `remove-from-list` the word, `add-to-assign` a SKU to the block's `assign` line.
 */
export type FixKind = 'replace' | 'suggest-sku' | 'delete-line' | 'remove-from-list' | 'add-to-assign';

export interface RuleDefinition {
  readonly severity: Severity;
  readonly summary: string;
  readonly fixes: readonly FixKind[];
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
