import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseLicensesFile } from '../../../src/core/format';
import { splitLines, tokens } from '../../../src/core/format/line-scanner';
import { assemble, type LineRecord } from '../../../src/core/format/parse';

/**
 * The whole-file parse reads lines in place and lists a line's words only when it needs them; it
 * must give exactly what scanning each line of splitLines(text) and all of its words gives.
 */
describe('the whole-file parse reads lines in place', () => {
  const PIECES = ['assign', 'remove', 'disable ENTERPRISEPACK:', 'usage-location', 'pstn on-premises', 'MCOEV', 'SWAY', ' ', '\t', ',', '\u00a0', '\u3000', '#', ' # c', '\r', '\n', '\r\n', '\n\r', 'ann@contoso.com', 'x', 'asign', ''];

  it('gives the same blocks, users, directives and problems as the line-by-line reference, for any line breaks', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }), (pieces) => {
        const text = pieces.join('');
        const lines = splitLines(text);
        assert.deepEqual(parseLicensesFile(text), assemble(lines, new Array<LineRecord | undefined>(lines.length)));
      }),
      { numRuns: 500 },
    );
  });

  it('counts lines as editors do: a trailing break opens one more, empty line; \\r\\n is one break', () => {
    assert.equal(parseLicensesFile('').lineCount, 1);
    assert.equal(parseLicensesFile('a@b.com\r\n').lineCount, 2);
    assert.equal(parseLicensesFile('a@b.com\r\r\n\n').lineCount, 4);
    const parsed = parseLicensesFile('assign MCOEV\r\rann@contoso.com\r\nbob@contoso.com');
    assert.deepEqual(parsed.blocks[0].users.map((u) => u.line), [2, 3]);
  });

  it('locates the text after a user from its second word to its last, as the full word list does', () => {
    const line = 'ann@contoso.com  bob@contoso.com,\u00a0x  # note';
    const problem = parseLicensesFile(line).problems[0];
    const words = tokens(line, 0, line.indexOf(' #'));
    assert.deepEqual([problem.code, problem.start, problem.end], ['invalid-user', words[1].start, words[words.length - 1].end]);
  });
});
