import * as assert from 'node:assert/strict';
import { IncrementalParser, parseLicensesFile } from '../../../src/core/format';
import { validate } from '../../../src/core/rules';
import { catalog } from '../helpers';
import { propertyRuns } from '../fixtures/scale';

/** Mulberry32, so a failing sequence of edits can be replayed from its seed. */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SNIPPETS = [
  'assign MCOEV',
  'remove MCOPSTN1',
  '\n',
  'a@contoso.com',
  '\nb@contoso.com',
  'x',
  '',
  '# c',
  'usage-location FR\n',
  'pstn on-premises\n',
  'disable ENTERPRISEPACK: SWAY',
  '\r\n',
  'asign',
];

describe('incremental parsing while typing', () => {
  it(`gives the same diagnostics as a full parse after every one of ${propertyRuns(400)} random edits`, () => {
    const random = rng(7);
    let text =
      'assign MCOEV MCOPSTN1\nalice@contoso.com\nbob@contoso.com\n\npstn on-premises\nassign MCOEV\ncarol@contoso.com';
    const parser = new IncrementalParser(text);
    for (let i = 0; i < propertyRuns(400); i++) {
      const lines = text.split(/\r\n|\r|\n/);
      const line = Math.floor(random() * lines.length);
      const character = Math.floor(random() * (lines[line].length + 1));
      const endLine = Math.min(lines.length - 1, line + (random() < 0.2 ? 1 : 0));
      const endCharacter =
        endLine === line
          ? Math.min(lines[line].length, character + Math.floor(random() * 3))
          : Math.floor(random() * (lines[endLine].length + 1));
      const insert = SNIPPETS[Math.floor(random() * SNIPPETS.length)];
      // Apply the same edit to the plain text, by offsets.
      const offset = (l: number, c: number) => lines.slice(0, l).reduce((n, x) => n + x.length + 1, 0) + c;
      const flat = lines.join('\n');
      text = flat.slice(0, offset(line, character)) + insert + flat.slice(offset(endLine, endCharacter));
      parser.apply({ start: { line, character }, end: { line: endLine, character: endCharacter }, text: insert });
      assert.deepEqual(validate(parser.parsed, catalog), validate(parseLicensesFile(text), catalog), `edit ${i}`);
    }
  });

  // 150,000 lines, more than a spread into splice may pass, are in incremental.scale.test.ts.
  it('takes a paste of 5,000 lines and parses it as a whole text', () => {
    const parser = new IncrementalParser('assign MCOEV\n\nremove MCOPSTN1');
    const pasted = Array.from({ length: 5_000 }, (_, i) => `user${i}@contoso.com`).join('\n');
    parser.apply({ start: { line: 1, character: 0 }, end: { line: 1, character: 0 }, text: pasted });
    assert.deepEqual(parser.parsed, parseLicensesFile(parser.text));
    assert.equal(parser.parsed.blocks[0].users.length, 5_000);
    parser.apply({ start: { line: 2, character: 0 }, end: { line: 5_000, character: 0 }, text: '' });
    assert.deepEqual(parser.parsed, parseLicensesFile(parser.text));
  });

  it('refuses a change outside the text instead of corrupting it', () => {
    const parser = new IncrementalParser('a@contoso.com');
    assert.throws(
      () => parser.apply({ start: { line: 5, character: 0 }, end: { line: 5, character: 0 }, text: 'x' }),
      RangeError,
    );
    assert.equal(parser.text, 'a@contoso.com');
  });
});
