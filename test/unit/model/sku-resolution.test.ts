import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { stripLegacyPrefix } from '../../../src/core/catalog/catalog';
import { parseLicensesFile } from '../../../src/core/format';
import { buildBlockModel, skuUses, SkuResolver } from '../../../src/core/model';
import { catalog } from '../helpers';
import { propertyRuns } from '../fixtures/scale';

/** What a SKU word resolves to, field by field, as the catalog itself answers. */
function expected(text: string) {
  const r = catalog.resolveSku(text);
  const written = stripLegacyPrefix(text);
  const sku = r.kind === 'found' ? r.sku : r.kind === 'ambiguous' ? r.skus[0] : undefined;
  return {
    written,
    sku,
    key: sku ? sku.skuId : `text:${written.toUpperCase()}`,
    legacyPrefix: r.legacyPrefix,
    ambiguous: r.kind === 'ambiguous' ? r.skus : undefined,
  };
}

describe('model: SKU words', () => {
  // Known part numbers in any case, skuIds, MSOnline prefixes, stray spaces inside a word, and unknown words.
  const PIECES = [
    'MCOEV',
    'MCO EV',
    'mco\u2003ev',
    'mcoev',
    'Enterprisepack',
    'MCOPSTN5',
    'contoso:',
    ':',
    '\u2003',
    ' ',
    'NOSUCH',
    '4b585984-651b-448a-9e53-3b10f069cf7f',
    'é',
    '1',
  ];
  const word = fc
    .array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 4 })
    .map((p) => p.join(''))
    .filter((w) => w.trim() === w);

  it('resolves every word as the catalog does, whether or not the resolver remembers it', () => {
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 30 }), (words) => {
        const resolver = new SkuResolver(catalog);
        for (const text of [...words, ...words]) {
          const use = resolver.resolve(3, { text, start: 0, end: text.length });
          const { written, sku, key, legacyPrefix, ambiguous } = use;
          assert.deepEqual({ written, sku, key, legacyPrefix, ambiguous }, expected(text), text);
          assert.equal(use.line, 3);
        }
      }),
      { numRuns: propertyRuns(300) },
    );
  });

  it('an unknown word past the words the resolver remembers still has its text and key', () => {
    const resolver = new SkuResolver(catalog);
    for (let i = 0; i < 3000; i++) resolver.resolve(0, { text: `nosuch${i}`, start: 0, end: 9 });
    const use = resolver.resolve(7, { text: 'NoSuch2999x', start: 4, end: 15 });
    assert.deepEqual(
      [use.written, use.key, use.sku, use.line, use.token.start],
      ['NoSuch2999x', 'text:NOSUCH2999X', undefined, 7, 4],
    );
  });

  it("lists a block's SKU words in directive order, assign, remove and disable alike", () => {
    const LINES = [
      'assign MCOEV SPE_E5',
      'remove MCOPSTN1',
      'disable ENTERPRISEPACK: SWAY',
      'assign ENTERPRISEPACK',
      'usage-location FR',
      'remove NOSUCH MCOEV',
      'disable SPE_E5: MCOEV',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...LINES), { minLength: 1, maxLength: 8 }), (lines) => {
        const parsed = parseLicensesFile([...lines, 'ann@contoso.com'].join('\n'));
        const model = buildBlockModel(parsed.blocks[0], new SkuResolver(catalog));
        // The reference: every SKU word of every directive line, top to bottom.
        const inOrder = parsed.blocks[0].directives.flatMap((d) =>
          (d.kind === 'assign' || d.kind === 'remove' ? d.skus : d.kind === 'disable' && d.sku ? [d.sku] : []).map(
            (t) => `${d.line}:${t.start}:${t.text}`,
          ),
        );
        assert.deepEqual(
          skuUses(model).map((u) => `${u.line}:${u.token.start}:${u.token.text}`),
          inOrder,
        );
      }),
      { numRuns: propertyRuns(200) },
    );
  });
});
