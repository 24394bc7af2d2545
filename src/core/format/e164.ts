import { english, type Translate } from '../text/translate';

/**
 * Telephone numbers as people write them, turned into E.164 ("+" then at most 15 digits, ITU-T E.164 §6),
 * the form Teams stores (numberAssignment.telephoneNumber is "+"-prefixed in every example of Graph's
 * list page). Spaces, dots, dashes and one pair of parentheses may group the digits: "+1 (425) 555-0101",
 * "+33 1.70.00.00.01". A Direct Routing number may end with an extension, `;ext=201` (RFC 3966's
 * extension parameter, which Set-CsPhoneNumberAssignment accepts for Direct Routing numbers).
 * Pure, for the file format: each error says where it is, as an offset into the text given.
 */

interface PhoneNumber {
  /** "+14255550101": the digits only, with the plus. */
  readonly e164: string;
  /** The extension's digits, when the text had `;ext=`. */
  readonly extension?: string;
  /** What Teams is sent and compared with: `e164`, plus `;ext=…` when there is an extension. */
  readonly canonical: string;
}

type NumberSyntaxCode =
  | 'number-missing-plus'
  | 'number-bad-character'
  | 'number-parentheses'
  | 'number-country-code'
  | 'number-too-short'
  | 'number-too-long'
  | 'number-bad-extension';

interface NumberSyntaxError {
  readonly code: NumberSyntaxCode;
  /** Offset of the problem in the text given (0-based), and how many characters it spans (at least 1). */
  readonly offset: number;
  readonly length: number;
  readonly message: string;
}

export type ParsedNumber =
  { readonly ok: true; readonly number: PhoneNumber } | { readonly ok: false; readonly error: NumberSyntaxError };

/** E.164: "the international public telecommunication number ... maximum of 15 digits". */
const MAX_DIGITS = 15;
/** [INF] Fewer digits than this cannot be a country code and a subscriber number (the shortest in use have 7). */
const MIN_DIGITS = 7;
/** [INF] A PBX extension longer than this is a typo rather than an extension. */
const MAX_EXTENSION_DIGITS = 10;

const SEPARATORS = new Set([' ', '.', '-', '(', ')']);

/** Parses one number. Leading and trailing blanks are ignored; offsets still count from the text's start. */
export function parsePhoneNumber(text: string, t: Translate = english): ParsedNumber {
  const start = text.length - text.trimStart().length;
  const body = text.trim();
  const bad = (code: NumberSyntaxCode, offset: number, length: number, message: string): ParsedNumber => ({
    ok: false,
    error: { code, offset: start + offset, length: Math.max(1, length), message },
  });
  if (!body.startsWith('+'))
    return bad(
      'number-missing-plus',
      0,
      body.length,
      t('A telephone number starts with + and its country code, as in +1 425 555 0101.'),
    );
  const ext = /;ext=/i.exec(body);
  const main = ext ? body.slice(0, ext.index) : body;
  let digits = '';
  let open = -1;
  let pairs = 0;
  for (let i = 1; i < main.length; i++) {
    const ch = main[i];
    if (ch >= '0' && ch <= '9') {
      if (digits === '' && ch === '0')
        return bad(
          'number-country-code',
          i,
          1,
          t('A country code never starts with 0: write the number as +, then the country code.'),
        );
      digits += ch;
    } else if (ch === '(') {
      if (open >= 0 || pairs > 0)
        return bad('number-parentheses', i, 1, t('Only one pair of parentheses may group the digits of a number.'));
      open = i;
    } else if (ch === ')') {
      if (open < 0) return bad('number-parentheses', i, 1, t('This ) closes no (.'));
      open = -1;
      pairs++;
    } else if (!SEPARATORS.has(ch)) {
      return bad(
        'number-bad-character',
        i,
        1,
        t('"{0}" cannot be part of a telephone number: use digits, spaces, dots, dashes or parentheses.', visible(ch)),
      );
    }
  }
  if (open >= 0) return bad('number-parentheses', open, 1, t('This ( is never closed.'));
  if (digits.length > MAX_DIGITS)
    return bad(
      'number-too-long',
      0,
      main.length,
      t('{0} digits: an E.164 number has at most {1}, country code included.', digits.length, MAX_DIGITS),
    );
  if (digits.length < MIN_DIGITS)
    return bad(
      'number-too-short',
      0,
      main.length,
      t('{0} digits: too few for a country code and a number (at least {1}).', digits.length, MIN_DIGITS),
    );
  const e164 = `+${digits}`;
  if (!ext) return { ok: true, number: { e164, canonical: e164 } };
  const extText = body.slice(ext.index + ext[0].length);
  if (!/^\d{1,10}$/.test(extText))
    return bad(
      'number-bad-extension',
      ext.index,
      body.length - ext.index,
      t('An extension is ;ext= followed by 1 to {0} digits, as in +33 1 70 00 00 01;ext=201.', MAX_EXTENSION_DIGITS),
    );
  return { ok: true, number: { e164, extension: extText, canonical: `${e164};ext=${extText}` } };
}

/** Two spellings of one number are the same number: "+1 425-555-0101" and "+14255550101". */
export function sameNumber(a: string, b: string): boolean {
  const x = parsePhoneNumber(a);
  const y = parsePhoneNumber(b);
  return x.ok && y.ok ? x.number.canonical === y.number.canonical : a.trim() === b.trim();
}

/** A character as a message may show it: a control character or blank is named by its code point. */
function visible(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  return code < 0x20 || code === 0x7f || /\s/.test(ch) ? `U+${code.toString(16).toUpperCase().padStart(4, '0')}` : ch;
}
