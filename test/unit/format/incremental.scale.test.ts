import * as assert from 'node:assert/strict';
import { IncrementalParser, parseLicensesFile } from '../../../src/core/format';

/** The scale stage: incremental.test.ts's paste at full size. */
describe('incremental parsing at scale', () => {
  it('takes a paste of 150,000 lines (more than a spread into splice may pass) and parses it as a whole text', () => {
    const parser = new IncrementalParser('assign MCOEV\n\nremove MCOPSTN1');
    const pasted = Array.from({ length: 150_000 }, (_, i) => `user${i}@contoso.com`).join('\n');
    parser.apply({ start: { line: 1, character: 0 }, end: { line: 1, character: 0 }, text: pasted });
    assert.deepEqual(parser.parsed, parseLicensesFile(parser.text));
    assert.equal(parser.parsed.blocks[0].users.length, 150_000);
    parser.apply({ start: { line: 2, character: 0 }, end: { line: 150_000, character: 0 }, text: '' });
    assert.deepEqual(parser.parsed, parseLicensesFile(parser.text));
  });
});
