import * as assert from 'node:assert/strict';
import { completionsAt } from '../../../src/core/editor/completion';
import { hoverAt } from '../../../src/core/editor/hover';
import { parseLicensesFile } from '../../../src/core/format';
import { desiredUsers } from '../../../src/core/desired/desired-users';
import { validate } from '../../../src/core/rules';
import { fixesFor } from '../../../src/core/rules/fixes';
import { catalog } from '../helpers';
import { propertyRuns } from '../fixtures/scale';
import { numberTenantRules } from '../../../src/core/rules/number-rules';
import { numberedUserOf, numbersReader, teamsNumber } from '../fixtures/numbers';

/** A signed-in tenant's numbers, for the checks and the editor features that read them. */
const NUMBERS = numbersReader(
  [
    teamsNumber('+14255550101'),
    teamsNumber('+33170000001;ext=201', { numberType: 'directRouting', assignmentStatus: 'userAssigned' }),
  ],
  [numberedUserOf('alice@contoso.com', '48d31887-5fad-4d73-a9f5-3c356e68a038', 'FR', ['MCOEV'])],
);

/** Small deterministic PRNG (mulberry32): a failing seed can be replayed. */
function rng(seed: number): () => number {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = [
  'assign',
  'add',
  'remove',
  'disable',
  'usage-location',
  'pstn',
  'on-premises',
  ':',
  ',',
  '#',
  ' ',
  '\t',
  '\r\n',
  '\n',
  '\r',
  '\0',
  '\uFEFF',
  'MCOEV',
  'mcopstn1',
  'MCOPSTN5',
  'contoso:',
  'E3',
  'SWAY',
  'FR',
  'UK',
  '@',
  'alice@contoso.com',
  'x@y',
  '48d31887-5fad-4d73-a9f5-3c356e68a038',
  '💥',
  '\u202e',
  '"',
  "'",
  'ENTERPRISEPACK:',
  'é',
  '\\',
  ' +1 425 555 0101',
  ' +33 1 70 00 00 01;ext=201',
  '+',
  '(',
  ')',
  ';ext=',
  ' no-number',
  'number-location ',
  '0033',
  ' x201',
  '.',
  '-',
];

function hostile(random: () => number, length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) {
    s +=
      random() < 0.8
        ? PIECES[Math.floor(random() * PIECES.length)]
        : String.fromCharCode(Math.floor(random() * 0xffff));
  }
  return s;
}

/** Exercise everything the editor calls on a text, at random positions. */
function exercise(text: string, random: () => number): void {
  const parsed = parseLicensesFile(text);
  const findings = validate(parsed, catalog);
  desiredUsers(parsed, catalog);
  numberTenantRules(parsed, catalog, NUMBERS);
  const lines = text.split(/\r\n|\r|\n/);
  for (const f of findings.slice(0, 50)) {
    assert.ok(f.range.start.line < lines.length, 'finding beyond the last line');
    assert.ok(f.range.end.character <= lines[f.range.end.line].length + 1, 'finding beyond the end of its line');
    fixesFor(f, (n) => lines[n] ?? '', catalog);
  }
  for (let i = 0; i < 20; i++) {
    const line = lines[Math.floor(random() * lines.length)];
    const at = Math.floor(random() * (line.length + 1));
    completionsAt(line, at, { catalog });
    completionsAt(line, at, { catalog, tenantNumbers: NUMBERS });
    hoverAt(line, at, catalog);
    hoverAt(line, at, catalog, 'en', undefined, undefined, undefined, NUMBERS);
  }
}

describe('hostile input never crashes the parser, the validator or the editor features', () => {
  it(`survives ${propertyRuns(300)} random texts of mixed keywords, control characters, BOMs, NULs and CRLF`, () => {
    const random = rng(20261125);
    for (let i = 0; i < propertyRuns(300); i++) exercise(hostile(random, 1 + Math.floor(random() * 200)), random);
  });

  it('survives a 1 MB single line and reports it, located on line 1', () => {
    const text = `assign ${'X'.repeat(1_000_000)}\nalice@contoso.com`;
    const findings = validate(parseLicensesFile(text), catalog);
    assert.equal(findings[0].code, 'unknown-sku');
    assert.ok(findings[0].message.length < 300, 'message stays readable');
  });

  // 100,000 of each are in fuzz.scale.test.ts; the time it takes is the bench's.
  it('handles 10,000 lines with a BOM and CRLF, and 10,000 unknown SKUs', () => {
    const users = Array.from({ length: 10_000 }, (_, i) => `user${i}@contoso.com`);
    const text = `\uFEFFassign MCOEV\r\n${users.join('\r\n')}`;
    assert.deepEqual(validate(parseLicensesFile(text), catalog), []);
    const junk = `assign ${Array.from({ length: 10_000 }, (_, i) => `SKU${i}`).join(' ')}\nu@contoso.com`;
    // The first 1,000 are listed, and one more finding says how many were left out (see docs/rules.md).
    const unknown = validate(parseLicensesFile(junk), catalog);
    assert.equal(unknown.length, 1001);
    assert.ok(unknown.every((f) => f.code === 'unknown-sku'));
    assert.match(unknown[1000].message, /9,000 more unknown-sku/);
  });

  it('locates a 1 MB telephone number after a user, and a number of 100,000 digits, without a crash', () => {
    const digits = validate(parseLicensesFile(`alice@contoso.com +${'1'.repeat(100_000)}`), catalog);
    assert.deepEqual(
      digits.map((f) => f.code),
      ['invalid-number'],
    );
    assert.ok(digits[0].message.length < 300);
    const garbage = validate(parseLicensesFile(`alice@contoso.com +1 ${'\u0007'.repeat(1_000_000)}`), catalog);
    assert.equal(garbage[0].code, 'invalid-number');
    assert.match(garbage[0].message, /U\+0007/);
  });

  it('treats NUL characters inside a UPN as an invalid user, not a crash', () => {
    const findings = validate(parseLicensesFile('assign MCOEV\nali\0ce@contoso.com\nbob@contoso.com'), catalog);
    assert.deepEqual(
      findings.map((f) => [f.code, f.range.start.line]),
      [['invalid-user', 1]],
    );
  });
});
