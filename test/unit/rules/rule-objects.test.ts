import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Catalog } from '../../../src/core/catalog/catalog';
import { parseLicensesFile } from '../../../src/core/format/parse';
import { validate } from '../../../src/core/rules';
import { ALL_RULES, RULES } from '../../../src/core/rules/codes';
import type { FixKind } from '../../../src/core/rules/rule';

const root = join(__dirname, '..', '..', '..', '..');
const doc = readFileSync(join(root, 'docs', 'rules.md'), 'utf8');
/** docs/rules.md's table rows: code, severity, when, quick fix (with the anchor). */
const rows = [...doc.matchAll(/^\| `([a-z-]+)` \|([^|]*)\|([^|]*)\|([^|]*)\|$/gm)].map((m) => ({
  code: m[1],
  severity: m[2].trim(),
  fix: m[4].replace(/<a id="[^"]*"><\/a>/, '').trim(),
  anchors: [...m[4].matchAll(/<a id="([^"]+)"><\/a>/g)].map((a) => a[1]),
}));

describe('rule objects: one place per rule', () => {
  it('each rule has its row in docs/rules.md, at its anchor, with its severity, and says whether it fixes', () => {
    for (const rule of ALL_RULES) {
      const row = rows.find((r) => r.code === rule.code);
      assert.ok(row, `docs/rules.md has no row for ${rule.code}`);
      assert.deepEqual(row.anchors, [rule.anchor], `anchor of ${rule.code}`);
      assert.equal(row.severity, rule.severity, `severity of ${rule.code}`);
      assert.equal(row.fix !== '—', rule.fixes.length > 0, `quick fix column of ${rule.code}: "${row.fix}"`);
    }
  });

  it('docs/rules.md has no row and no anchor that is not a rule', () => {
    const anchors = ALL_RULES.map((r) => r.anchor);
    assert.deepEqual(
      rows.filter((r) => !(r.code in RULES)).map((r) => r.code),
      [],
    );
    assert.deepEqual(
      [...doc.matchAll(/<a id="([^"]+)"><\/a>/g)].map((m) => m[1]).filter((a) => !anchors.includes(a)),
      [],
    );
  });

  it('is defined once: codes are unique across the families, and each family file holds only rule objects', () => {
    const dir = join(root, 'src', 'core', 'rules', 'definitions');
    const codes = readdirSync(dir).flatMap((f) =>
      [...readFileSync(join(dir, f), 'utf8').matchAll(/^ {2}'([a-z-]+)': \{$/gm)].map((m) => m[1]),
    );
    assert.equal(codes.length, ALL_RULES.length);
    assert.equal(new Set(codes).size, codes.length);
  });

  it('no finding of the fixtures carries the facts of a fix its rule does not declare (it would be dropped)', () => {
    const catalog = Catalog.builtIn();
    const dir = join(root, 'test', 'fixtures', 'rules');
    const undeclared: string[] = [];
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.licenses'))) {
      for (const f of validate(parseLicensesFile(readFileSync(join(dir, file), 'utf8')), catalog)) {
        const d = f.data ?? {};
        const kinds: FixKind[] = [
          ...(d.replacements?.length ? (['replace'] as const) : []),
          ...(d.unknownSku ? (['suggest-sku'] as const) : []),
          ...(d.deleteLine ? (['delete-line'] as const) : []),
          ...(d.removeFromList ? (['remove-from-list'] as const) : []),
          ...(d.addToAssign ? (['add-to-assign'] as const) : []),
        ];
        const declared: readonly FixKind[] = RULES[f.code].fixes;
        for (const k of kinds) if (!declared.includes(k)) undeclared.push(`${file}: ${f.code} ${k}`);
      }
    }
    assert.deepEqual(undeclared, []);
  });
});
