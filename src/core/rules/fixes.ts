import type { Catalog } from '../catalog/catalog';
import { commentStart } from '../format/line-scanner';
import type { Range } from '../format/types';
import { english, type Translate } from '../text/translate';
import { RULES } from './codes';
import type { Finding } from './finding';
import type { FixKind } from './rule';

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
  const declared: readonly FixKind[] = RULES[finding.code].fixes;
  const offers = (kind: FixKind) => declared.includes(kind);
  const { line, character: start } = finding.range.start;
  const end = finding.range.end.character;
  const fixes: Fix[] = [];

  for (const [i, text] of (offers('replace') ? (data.replacements ?? []) : []).entries()) {
    fixes.push({
      title: t('Change to {0}', text),
      edits: [{ range: finding.range, newText: text }],
      preferred: i === 0,
    });
  }
  if (data.unknownSku && offers('suggest-sku')) {
    for (const [i, sku] of catalog.suggestSkus(data.unknownSku, 5).entries()) {
      fixes.push({
        title: t('Change to {0} ({1})', sku.partNumber, sku.productName),
        edits: [{ range: finding.range, newText: sku.partNumber }],
        preferred: i === 0,
      });
    }
  }
  if (data.deleteLine && offers('delete-line')) {
    fixes.push({
      title: data.fixTitle ?? t('Remove this line'),
      edits: [{ range: { start: { line, character: 0 }, end: { line: line + 1, character: 0 } }, newText: '' }],
      preferred: true,
    });
  }
  if (data.removeFromList && offers('remove-from-list')) {
    const text = lineText(line);
    let from = start;
    while (from > 0 && /[\s,]/.test(text[from - 1])) from--;
    fixes.push({
      title: t('Remove {0} from this line', text.slice(start, end)),
      edits: [{ range: at(line, from, end), newText: '' }],
    });
  }
  if (data.addToAssign && offers('add-to-assign')) {
    const { sku, assignLine, beforeLine } = data.addToAssign;
    if (assignLine !== undefined) {
      const text = lineText(assignLine);
      const contentEnd = text.slice(0, commentStart(text)).trimEnd().length;
      fixes.push({
        title: t('Add {0} to the assign line', sku),
        edits: [{ range: at(assignLine, contentEnd), newText: ` ${sku}` }],
        preferred: true,
      });
    } else {
      fixes.push({
        title: t('Assign {0} in this block', sku),
        edits: [{ range: at(beforeLine, 0), newText: `assign ${sku}\n` }],
        preferred: true,
      });
    }
  }
  return fixes;
}
