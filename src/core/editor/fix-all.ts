import type { Catalog } from '../catalog/catalog';
import { countryName } from '../catalog/countries';
import type { Range } from '../format/types';
import type { Finding } from '../rules/finding';
import { fixesFor, type TextEdit } from '../rules/fixes';

/**
 * Which quick fixes "Fix All" (and `editor.codeActionsOnSave: { "source.fixAll.licenses": … }`)
 * applies without asking: only those that leave the file meaning what it already says, so that
 * applying them unseen can never change which license a run gives or takes:
 * - `legacy-sku-prefix`: `contoso:MCOEV` → `MCOEV`, the very SKU the prefix form already named;
 * - `duplicate-user`: the second line of a user already in the same block goes;
 * - `invalid-usage-location`: only when the replacement names the same country as the text written
 *   (CLDR's own alias: `UK` is the United Kingdom, so `GB`), never a guess such as `EN` → `GB`.
 * Left to the admin, because each one is a guess or changes the licenses: the closest keyword for a
 * mistyped directive (a wrong guess may turn a line into `remove`), the closest SKU or plan name,
 * adding a SKU to `assign`, taking one out of a list.
 */
export function safeFixEdits(
  findings: readonly Finding[],
  lineText: (line: number) => string,
  catalog: Catalog,
): TextEdit[] {
  const edits: TextEdit[] = [];
  for (const f of findings) {
    if (!isSafe(f, lineText)) continue;
    const fixes = fixesFor(f, lineText, catalog);
    // Exactly one fix, or the choice is the admin's.
    if (fixes.length === 1) edits.push(...fixes[0].edits);
  }
  return withoutOverlaps(edits);
}

function isSafe(f: Finding, lineText: (line: number) => string): boolean {
  switch (f.code) {
    case 'legacy-sku-prefix':
    case 'duplicate-user':
      return true;
    case 'invalid-usage-location': {
      const meant = f.data?.replacements;
      if (meant?.length !== 1) return false;
      const written = lineText(f.range.start.line).slice(f.range.start.character, f.range.end.character).toUpperCase();
      const name = countryName(written);
      return name !== written && name === countryName(meant[0]);
    }
    default:
      return false;
  }
}

const before = (a: Range['start'], b: Range['start']) =>
  a.line < b.line || (a.line === b.line && a.character < b.character);

/**
 * In document order; an edit overlapping the one kept before it is dropped (one editor edit may not overlap another).
 */
function withoutOverlaps(edits: TextEdit[]): TextEdit[] {
  const sorted = [...edits].sort((a, b) =>
    before(a.range.start, b.range.start) ? -1 : before(b.range.start, a.range.start) ? 1 : 0,
  );
  const kept: TextEdit[] = [];
  for (const e of sorted) {
    const last = kept[kept.length - 1];
    if (last && before(e.range.start, last.range.end)) continue;
    kept.push(e);
  }
  return kept;
}
