import type { Range } from '../format/types';
import { RULES, type RuleCode, type Severity } from './codes';

/** What the validator reports: the CLI prints it, the extension turns it into a Diagnostic. */
export interface Finding {
  readonly code: RuleCode;
  readonly severity: Severity;
  readonly message: string;
  readonly range: Range;
  /** Facts a quick fix needs (the word at fault, the replacement meant), kept small and cheap. */
  readonly data?: FindingData;
}

export interface FindingData {
  /** A better text for the range (closest keyword, plain part number, upper-case country code). */
  readonly replacements?: readonly string[];
  /** The whole line can be deleted (duplicate user). */
  readonly deleteLine?: boolean;
  /** Text to append to the block's first `assign` line (or a new `assign` line before `beforeLine`). */
  readonly addToAssign?: { readonly sku: string; readonly assignLine?: number; readonly beforeLine: number };
  /** The SKU at `range` can be taken out of its list. */
  readonly removeFromList?: boolean;
  /** For unknown-sku: the text as written, so fixes can look up suggestions lazily. */
  readonly unknownSku?: string;
  /** On the one finding that stands for those of its code past the per-file cap: how many it stands for. */
  readonly omitted?: number;
}

export function finding(
  code: RuleCode,
  message: string,
  line: number,
  start: number,
  end: number,
  data?: FindingData,
): Finding {
  return {
    code,
    severity: RULES[code].severity,
    message,
    range: { start: { line, character: start }, end: { line, character: end } },
    data,
  };
}
