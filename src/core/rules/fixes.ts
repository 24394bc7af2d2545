import type { Catalog } from '../catalog/catalog';
import { commentStart } from '../format/line-scanner';
import type { Range } from '../format/types';
import { english, type Translate } from '../text/translate';
import { RULES } from './codes';
import { FIX_TITLES } from './definitions/fix-titles';
import type { Finding } from './finding';
import { say, type FixKind, type RuleDefinition } from './rule';

export interface TextEdit {
  readonly range: Range;
  readonly newText: string;
}

export interface Fix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
  readonly preferred?: boolean;
}

const at = (line: number, start: number, end = start): Range => ({
  start: { line, character: start },
  end: { line, character: end },
});

/** The title a rule gives one of its fixes itself (definitions/*.ts), if any. */
const ownTitle = (rule: RuleDefinition, kind: FixKind): string | undefined => rule.fixTitles?.[kind];

/**
 * Quick fixes for one finding, computed only when the editor asks (a lightbulb), never during
 * validation: suggestions for unknown SKUs scan the whole catalog. Only the fixes its rule object
 * declares (definitions/*.ts), built from the facts the finding carries.
 */
export function fixesFor(
  finding: Finding,
  lineText: (line: number) => string,
  catalog: Catalog,
  t: Translate = english,
): Fix[] {
  const data = finding.data;
  if (!data) return [];
  const rule = RULES[finding.code];
  const declared: readonly FixKind[] = rule.fixes;
  const offers = (kind: FixKind) => declared.includes(kind);
  const { line, character: start } = finding.range.start;
  const end = finding.range.end.character;
  const fixes: Fix[] = [];

  for (const [i, text] of (offers('replace') ? (data.replacements ?? []) : []).entries()) {
    fixes.push({
      title: say(t, FIX_TITLES, 'replace', text),
      edits: [{ range: finding.range, newText: text }],
      preferred: i === 0,
    });
  }
  if (data.unknownSku && offers('suggest-sku')) {
    for (const [i, sku] of catalog.suggestSkus(data.unknownSku, 5).entries()) {
      fixes.push({
        title: say(t, FIX_TITLES, 'suggestSku', sku.partNumber, sku.productName),
        edits: [{ range: finding.range, newText: sku.partNumber }],
        preferred: i === 0,
      });
    }
  }
  if (data.deleteLine && offers('delete-line')) {
    fixes.push({
      title: t(ownTitle(rule, 'delete-line') ?? FIX_TITLES.messages.deleteLine),
      edits: [{ range: { start: { line, character: 0 }, end: { line: line + 1, character: 0 } }, newText: '' }],
      preferred: true,
    });
  }
  if (data.removeFromList && offers('remove-from-list')) {
    const text = lineText(line);
    let from = start;
    while (from > 0 && /[\s,]/.test(text[from - 1])) from--;
    fixes.push({
      title: say(t, FIX_TITLES, 'removeFromList', text.slice(start, end)),
      edits: [{ range: at(line, from, end), newText: '' }],
    });
  }
  if (data.addToAssign && offers('add-to-assign')) {
    const { sku, assignLine, beforeLine } = data.addToAssign;
    if (assignLine !== undefined) {
      const text = lineText(assignLine);
      const contentEnd = text.slice(0, commentStart(text)).trimEnd().length;
      fixes.push({
        title: say(t, FIX_TITLES, 'addToAssignLine', sku),
        edits: [{ range: at(assignLine, contentEnd), newText: ` ${sku}` }],
        preferred: true,
      });
    } else {
      fixes.push({
        title: say(t, FIX_TITLES, 'newAssignLine', sku),
        edits: [{ range: at(beforeLine, 0), newText: `assign ${sku}\n` }],
        preferred: true,
      });
    }
  }
  return fixes;
}
