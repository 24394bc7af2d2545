import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseLicensesFile } from '../../../src/core/format';
import { buildBlockModel, enabledPlans, SkuResolver } from '../../../src/core/model';
import { exclusiveCode, exclusiveConflicts, exclusiveMessage } from '../../../src/core/rules/voice-rules';
import { catalog, check } from '../helpers';
import { propertyRuns } from '../fixtures/scale';

/** One user in many blocks: the cross-block exclusive findings are those of the word-by-word list. */
describe('exclusive SKUs across the blocks of one user', () => {
  const POOL = ['MCOPSTN1', 'MCOPSTN2', 'MCOPSTN5', 'MCOEV', 'ENTERPRISEPACK', 'SPE_E5', 'DESKLESSPACK', 'NOSUCHSKU'];
  // A disable makes the block's plans differ from the SKU's: the merge must not take it for a repeat.
  const DISABLES = ['', 'disable SPE_E5: MCOPSTN1_GOV', 'disable MCOPSTN1: MCOPSTN1', 'disable ENTERPRISEPACK: TEAMS1'];
  const block = fc.record({
    assign: fc.array(fc.constantFrom(...POOL), { minLength: 1, maxLength: 3 }),
    disable: fc.constantFrom(...DISABLES),
  });

  /** The list the merge replaced: every assigned word of every block, judged in order. */
  function reference(lines: readonly string[], user: string): string[] {
    const parsed = parseLicensesFile(lines.join('\n'));
    const resolver = new SkuResolver(catalog);
    const entries = parsed.blocks.flatMap((b, i) => {
      const model = buildBlockModel(b, resolver);
      return model.assigned.map((use) => ({ use, plans: enabledPlans(model, use), block: i }));
    });
    return exclusiveConflicts(entries, true).map(
      (c) =>
        `${exclusiveCode(c)}:${user}, across its blocks (lines ${c.first.use.line + 1} and ${c.second.use.line + 1}): ${exclusiveMessage(c)}`,
    );
  }

  it('reports exactly the pairs of the word-by-word list, at the same lines, for any blocks', () => {
    fc.assert(
      fc.property(fc.array(block, { minLength: 2, maxLength: 12 }), (blocks) => {
        const lines = blocks.flatMap((b) => [
          `assign ${b.assign.join(' ')}`,
          ...(b.disable ? [b.disable] : []),
          'ann@contoso.com',
        ]);
        const found = check(...lines)
          .filter(
            (f) =>
              f.message.includes('across its blocks') &&
              (f.code === 'calling-plans-exclusive' || f.code === 'plans-exclusive'),
          )
          .map((f) => `${f.code}:${f.message}`);
        assert.deepEqual(found, reference(lines, 'ann@contoso.com'));
      }),
      { numRuns: propertyRuns(300) },
    );
  });

  it('reports a repeated Calling Plan met again in a later block, not only in the first one', () => {
    // MCOPSTN1 first shares a block with MCOPSTN2, which is reported in that block; the cross-block pair is lines 1 and
    // 5.
    const found = check(
      'assign MCOPSTN1 MCOPSTN2',
      'ann@contoso.com',
      'assign MCOEV',
      'ann@contoso.com',
      'assign MCOPSTN2',
      'ann@contoso.com',
    ).filter((f) => f.message.includes('across its blocks'));
    assert.equal(found.length, 1);
    assert.match(found[0].message, /lines 1 and 5\)/);
  });
});
