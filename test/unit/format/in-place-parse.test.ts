import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { isUserReference, parseLicensesFile } from '../../../src/core/format';
import { splitLines, tokens } from '../../../src/core/format/line-scanner';
import { assemble, type LineRecord } from '../../../src/core/format/parse';
import { propertyRuns } from '../fixtures/scale';

/**
 * The whole-file parse reads lines in place and lists a line's words only when it needs them; it
 * must give exactly what scanning each line of splitLines(text) and all of its words gives.
 */
describe('the whole-file parse reads lines in place', () => {
  const PIECES = [
    'assign',
    'remove',
    'disable ENTERPRISEPACK:',
    'usage-location',
    'pstn on-premises',
    'MCOEV',
    'SWAY',
    ' ',
    '\t',
    ',',
    '\u00a0',
    '\u3000',
    '#',
    ' # c',
    '\r',
    '\n',
    '\r\n',
    '\n\r',
    'ann@contoso.com',
    'x',
    'asign',
    '',
  ];

  it('gives the same blocks, users, directives and problems as the line-by-line reference, for any line breaks', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }), (pieces) => {
        const text = pieces.join('');
        const lines = splitLines(text);
        assert.deepEqual(parseLicensesFile(text), assemble(lines, new Array<LineRecord | undefined>(lines.length)));
      }),
      { numRuns: propertyRuns(500) },
    );
  });

  it('counts lines as editors do: a trailing break opens one more, empty line; \\r\\n is one break', () => {
    assert.equal(parseLicensesFile('').lineCount, 1);
    assert.equal(parseLicensesFile('a@b.com\r\n').lineCount, 2);
    assert.equal(parseLicensesFile('a@b.com\r\r\n\n').lineCount, 4);
    const parsed = parseLicensesFile('assign MCOEV\r\rann@contoso.com\r\nbob@contoso.com');
    assert.deepEqual(
      parsed.blocks[0].users.map((u) => u.line),
      [2, 3],
    );
  });

  it('locates the text after a user from its second word to its last, as the full word list does', () => {
    const line = 'ann@contoso.com  bob@contoso.com,\u00a0x  # note';
    const problem = parseLicensesFile(line).problems[0];
    const words = tokens(line, 0, line.indexOf(' #'));
    assert.deepEqual(
      [problem.code, problem.start, problem.end],
      ['invalid-user', words[1].start, words[words.length - 1].end],
    );
  });
});

describe('user references', () => {
  // The two expressions the character-by-character check replaced.
  const reference = (text: string): boolean => {
    if (text.length === 36 && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text)) return true;
    if (text.length > 113) return false;
    const at = text.lastIndexOf('@');
    if (at <= 0 || at === text.length - 1) return false;
    const domain = text.slice(at + 1);
    return (
      /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+$/.test(text.slice(0, at)) &&
      /^[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$/.test(domain) &&
      !/(^|\.)-|-(\.|$)/.test(domain)
    );
  };

  it('accepts exactly the UPNs and object ids the pattern describes', () => {
    const alphabet = fc.constantFrom(
      'a',
      'Z',
      '0',
      '9',
      '@',
      '.',
      '-',
      '_',
      '#',
      "'",
      '+',
      '!',
      '~',
      ' ',
      'é',
      '\u0000',
      '\u00ff',
      '💥',
      'EXT',
      'contoso',
      'com',
    );
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 30 }), (parts) => {
        const text = parts.join('');
        assert.equal(isUserReference(text), reference(text), JSON.stringify(text));
      }),
      { numRuns: propertyRuns(3000) },
    );
    for (const text of [
      'ann@contoso.com',
      "o'brien@contoso.co.uk",
      'ann_fabrikam.com#EXT#@contoso.onmicrosoft.com',
      'a@b-c.d',
      'a@-b.c',
      'a@b-.c',
      'a@b..c',
      'a@b.c.',
      'a@.b.c',
      '@b.c',
      'a@b',
      'a@@b.c',
      '48d31887-5fad-4d73-a9f5-3c356e68a038',
      `${'a'.repeat(100)}@b.cd`,
      `${'a'.repeat(110)}@b.cd`,
    ]) {
      assert.equal(isUserReference(text), reference(text), text);
    }
  });
});
