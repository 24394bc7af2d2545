import { strict as assert } from 'node:assert';
import { parsePhoneNumber, sameNumber } from '../../../src/core/format/e164';

const ok = (text: string) => {
  const r = parsePhoneNumber(text);
  assert.ok(r.ok, `${text}: ${r.ok ? '' : r.error.message}`);
  return r.number;
};
const error = (text: string) => {
  const r = parsePhoneNumber(text);
  assert.ok(!r.ok, `${text} should be refused`);
  return r.error;
};

describe('numbers: E.164 telephone numbers as people write them', () => {
  it('accepts spaces, dots, dashes and one pair of parentheses, and keeps the digits', () => {
    for (const text of [
      '+1 425 555 0101',
      '+1 (425) 555-0101',
      '+1.425.555.0101',
      '+14255550101',
      '  +1 425-555 0101 ',
    ])
      assert.equal(ok(text).canonical, '+14255550101', text);
  });

  it('keeps a Direct Routing extension, in any case of ;ext=', () => {
    const n = ok('+33 1 70 00 00 01;EXT=201');
    assert.deepEqual(n, { e164: '+33170000001', extension: '201', canonical: '+33170000001;ext=201' });
  });

  it('a number without + is refused over its whole length', () => {
    const e = error('425 555 0101');
    assert.deepEqual([e.code, e.offset, e.length], ['number-missing-plus', 0, 12]);
  });

  it('a letter is located at its column, counted from the text given', () => {
    const e = error('  +1 425 55O 0101');
    assert.deepEqual([e.code, e.offset], ['number-bad-character', 11]);
    assert.match(e.message, /"O" cannot be part of a telephone number/);
  });

  it('a control character is named, never shown raw', () => {
    const e = error('+1 425\u0007555 0101');
    assert.match(e.message, /U\+0007/);
    assert.ok(!e.message.includes('\u0007'));
  });

  it('too many digits, too few, a country code starting with 0', () => {
    assert.equal(error('+1234567890123456').code, 'number-too-long');
    assert.equal(error('+12345').code, 'number-too-short');
    assert.deepEqual([error('+0 425 555 0101').code, error('+0 425 555 0101').offset], ['number-country-code', 1]);
  });

  it('parentheses: unclosed, closing nothing, or two pairs', () => {
    assert.deepEqual([error('+1 (425 5550101').code, error('+1 (425 5550101').offset], ['number-parentheses', 3]);
    assert.equal(error('+1 425) 5550101').code, 'number-parentheses');
    assert.equal(error('+1 (425) (555) 0101').code, 'number-parentheses');
  });

  it('an extension must be digits', () => {
    const e = error('+33 1 70 00 00 01;ext=');
    assert.deepEqual([e.code, e.offset], ['number-bad-extension', 17]);
    assert.equal(error('+33 1 70 00 00 01;ext=2x1').code, 'number-bad-extension');
  });

  it('two spellings of one number are the same number; another extension is another number', () => {
    assert.ok(sameNumber('+1 (425) 555-0101', '+14255550101'));
    assert.ok(!sameNumber('+33170000001;ext=201', '+33170000001;ext=202'));
  });
});
