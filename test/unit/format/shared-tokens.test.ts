import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseLicensesFile } from '../../../src/core/format';
import { firstToken, SharedTokens, tokens } from '../../../src/core/format/line-scanner';
import { scanLine } from '../../../src/core/format/parse';
import { propertyRuns } from '../fixtures/scale';

/** Lines of one parse share the tokens of words they repeat in place; sharing never changes a word. */
describe('tokens shared across the lines of a parse', () => {
  // Words of one length with the same first and last letters land in one slot: only their text tells them apart.
  const WORDS = [
    'MCOPSTN1',
    'MCOPSXN1',
    'MCOPSTN2',
    'M',
    'MCOEV',
    'assign',
    'remove',
    'ann@contoso.com',
    'amm@contoso.com',
    '',
  ];
  const line = fc.array(fc.constantFrom(...WORDS), { maxLength: 6 }).map((w) => w.join(' '));

  it('gives every line the same words as scanning it alone, whatever came before', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 30 }), (lines) => {
        const shared = new SharedTokens();
        for (const l of lines) {
          assert.deepEqual(tokens(l, 0, l.length, shared), tokens(l));
          assert.deepEqual(firstToken(l, 0, l.length, shared), firstToken(l));
        }
      }),
      { numRuns: propertyRuns(500) },
    );
  });

  it('reads every line as scanning it alone does: users, their keys, directives and problems', () => {
    const LINES = [
      'assign MCOPSTN1',
      'remove MCOPSTN1',
      'ann@contoso.com',
      'Ann@contoso.com',
      'amm@contoso.com',
      'ann@contoso.com x',
      'ann@contoso',
      'asign MCOEV',
      'disable MCOEV: MCOEV',
      '',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...LINES), { maxLength: 30 }), (lines) => {
        const shared = new SharedTokens();
        lines.forEach((l, i) => assert.deepEqual(scanLine(l, i, shared), scanLine(l, i)));
      }),
      { numRuns: propertyRuns(300) },
    );
  });

  it('keeps one token for a word repeated at one place, however many lines repeat it', () => {
    const parsed = parseLicensesFile(
      'assign MCOPSTN1\nann@contoso.com\nremove MCOPSTN1\nassign MCOPSTN2\nann@contoso.com\nassign MCOPSTN1\nann@contoso.com',
    );
    const [a, b, c] = parsed.blocks;
    assert.equal(c.directives[0].keyword, a.directives[0].keyword);
    assert.equal(c.users[0].token, a.users[0].token);
    const sku = (d: (typeof a.directives)[number]) =>
      d.kind === 'assign' || d.kind === 'remove' ? d.skus[0] : undefined;
    assert.equal(sku(b.directives[0]), sku(a.directives[0]));
    assert.notEqual(sku(b.directives[1]), sku(a.directives[0]));
    assert.equal(sku(b.directives[1])!.text, 'MCOPSTN2');
    // The one-word list is shared too, and a longer one is each line's own.
    const skus = (d: (typeof a.directives)[number]) =>
      d.kind === 'assign' || d.kind === 'remove' ? d.skus : undefined;
    assert.equal(skus(c.directives[0]), skus(a.directives[0]));
    assert.deepEqual(skus(c.directives[0]), [sku(a.directives[0])]);
    const long = parseLicensesFile(
      'assign MCOEV MCOPSTN1\nann@contoso.com\nassign MCOEV MCOPSTN1\nbob@contoso.com',
    ).blocks.map((k) => skus(k.directives[0]));
    assert.notEqual(long[0], long[1]);
    assert.deepEqual(long[0], long[1]);
  });
});
