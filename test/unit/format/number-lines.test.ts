import * as assert from 'node:assert/strict';
import { IncrementalParser, parseLicensesFile } from '../../../src/core/format';
import { validate } from '../../../src/core/rules';
import { catalog } from '../helpers';

/** The example of docs/numbers.md, "The format". */
const EXAMPLE = [
  '# Seattle sales: Phone System + Domestic Calling Plan, each with a number',
  'assign MCOEV MCOPSTN1',
  'usage-location US',
  'alice@contoso.com   +1 425 555 0101',
  'bob@contoso.com     +14255550102',
  'carol@contoso.com   no-number          # takes away the numbers carol holds',
  '',
  '# Direct Routing users',
  'pstn on-premises',
  'assign MCOEV',
  "number-location 3a1d7b2e-0000-4000-8000-000000000001   # emergency location id for the block's numbers",
  'dave@contoso.com    +33 1 70 00 00 01;ext=201',
].join('\n');

describe('telephone numbers on user lines', () => {
  it('reads the documented example: numbers, no-number and number-location, without a problem', () => {
    const parsed = parseLicensesFile(EXAMPLE);
    assert.deepEqual(parsed.problems, []);
    const [sales, direct] = parsed.blocks;
    assert.deepEqual(
      sales.users.map((u) => [u.token.text, u.number?.kind, u.number?.token.text]),
      [
        ['alice@contoso.com', 'number', '+1 425 555 0101'],
        ['bob@contoso.com', 'number', '+14255550102'],
        ['carol@contoso.com', 'no-number', 'no-number'],
      ],
    );
    const dave = direct.users[0];
    assert.equal(dave.number?.token.text, '+33 1 70 00 00 01;ext=201');
    assert.equal(dave.number?.token.start, 'dave@contoso.com    '.length);
    assert.equal(dave.number?.token.end, 'dave@contoso.com    +33 1 70 00 00 01;ext=201'.length);
    const location = direct.directives.find((d) => d.kind === 'number-location');
    assert.ok(location && location.kind === 'number-location');
    assert.equal(location.id?.text, '3a1d7b2e-0000-4000-8000-000000000001');
    assert.deepEqual(validate(parsed, catalog), []);
  });

  it('the number token spans every word of the number, and stops before a comment', () => {
    const line = 'alice@contoso.com  +1 (425) 555-0101   # desk phone';
    const [user] = parseLicensesFile(line).blocks[0].users;
    assert.equal(user.number?.token.text, '+1 (425) 555-0101');
    assert.equal(line.slice(user.number!.token.start, user.number!.token.end), '+1 (425) 555-0101');
  });

  it('reads no-number in any case, and a user line without a number leaves numbers alone', () => {
    const parsed = parseLicensesFile('a@contoso.com NO-Number\nb@contoso.com');
    assert.equal(parsed.blocks[0].users[0].number?.kind, 'no-number');
    assert.equal(parsed.blocks[0].users[1].number, undefined);
  });

  it('locates a malformed number at the character at fault, with a message a person can act on', () => {
    const parsed = parseLicensesFile('assign MCOEV\nbob@contoso.com  +1 425 555 01x2');
    const [p] = parsed.problems;
    assert.equal(p.code, 'invalid-number');
    assert.equal(p.line, 1);
    assert.equal(p.start, 'bob@contoso.com  +1 425 555 01'.length);
    assert.equal(p.end, p.start + 1);
    const [f] = validate(parsed, catalog);
    assert.equal(
      f.message,
      '"x" cannot be part of a telephone number: use digits, spaces, dots, dashes or parentheses.',
    );
    assert.equal(parsed.blocks[0].users[0].number, undefined, 'a malformed number is no number');
  });

  it('says a number needs its + and country code, and offers +33 for the international prefix 0033', () => {
    const withoutPlus = parseLicensesFile('bob@contoso.com 425 555 0102').problems[0];
    assert.equal(withoutPlus.code, 'invalid-number');
    assert.match(withoutPlus.message, /starts with \+ and its country code/);
    assert.equal(withoutPlus.suggestion, undefined);
    const international = parseLicensesFile('bob@contoso.com 0033 1 70 00 00 01').problems[0];
    assert.equal(international.suggestion, '+33170000001');
    const [f] = validate(parseLicensesFile('bob@contoso.com 0033 1 70 00 00 01'), catalog);
    assert.deepEqual(f.data?.replacements, ['+33170000001']);
  });

  it('offers ;ext= for an extension written as people say it', () => {
    const suggested = (line: string) => parseLicensesFile(line).problems[0]?.suggestion;
    assert.equal(suggested('dave@contoso.com +33 1 70 00 00 01 x201'), '+33170000001;ext=201');
    assert.equal(suggested('dave@contoso.com +33 1 70 00 00 01 ext. 201'), '+33170000001;ext=201');
    assert.equal(suggested('dave@contoso.com 0033 1 70 00 00 01 Ext 7'), '+33170000001;ext=7');
    assert.equal(suggested('dave@contoso.com +33 1 70 00 00 0x'), undefined);
  });

  it('translates a malformed number the way it translates every syntax problem', () => {
    const french = Object.assign((m: string, ...a: unknown[]) => `FR:${m}:${a.join(',')}`, { locale: 'fr' });
    const [f] = validate(parseLicensesFile('bob@contoso.com +1 234'), catalog, french);
    assert.equal(f.message, 'FR:{0} digits: too few for a country code and a number (at least {1}).:4,7');
  });

  it('still reports other text after a user as stray text', () => {
    const parsed = parseLicensesFile('alice@contoso.com bob@contoso.com');
    assert.equal(parsed.problems[0].code, 'invalid-user');
    assert.equal(parsed.blocks[0].users[0].number, undefined);
  });

  it('number-location without an id, or with two, is a malformed directive; any case is the keyword', () => {
    const parsed = parseLicensesFile('Number-Location\nnumber-location a b\nalice@contoso.com +14255550101');
    assert.deepEqual(
      parsed.problems.map((p) => [p.code, p.line]),
      [
        ['malformed-directive', 0],
        ['malformed-directive', 1],
      ],
    );
    assert.equal(parsed.blocks.length, 1);
    assert.equal(parsed.blocks[0].directives.length, 2);
  });

  it('the incremental parser keeps a line number moved by an edit above it (a re-stamped user keeps its number)', () => {
    const parser = new IncrementalParser(EXAMPLE);
    void parser.parsed;
    parser.apply({ start: { line: 0, character: 0 }, end: { line: 0, character: 0 }, text: '# new first line\n' });
    assert.deepEqual(parser.parsed, parseLicensesFile(`# new first line\n${EXAMPLE}`));
    const alice = parser.parsed.blocks[0].users[0];
    assert.equal(alice.line, 4);
    assert.equal(alice.number?.token.text, '+1 425 555 0101');
  });
});
