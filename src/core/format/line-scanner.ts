import type { Token } from './types';

/**
 * Where the comment starts: `#` opens a comment at the start of a line or after whitespace, so a
 * guest UPN such as `ann_fabrikam.com#EXT#@contoso.onmicrosoft.com` keeps its `#`.
 */
export function commentStart(line: string): number {
  let index = line.indexOf('#');
  while (index > 0 && !isSpace(line.charCodeAt(index - 1))) index = line.indexOf('#', index + 1);
  return index < 0 ? line.length : index;
}

const isSpace = (code: number) => code === 32 || code === 9 || code === 0xa0 || code === 0xfeff || code === 0x3000;
// Lists may use commas. Letters, digits and most punctuation sit between the two ranges, so most
// characters are answered by the first comparison: this runs twice for every character of a file.
const isSeparator = (code: number) =>
  code <= 44
    ? code === 32 || code === 44 || code === 9
    : code >= 0xa0 && (code === 0xa0 || code === 0xfeff || code === 0x3000);

/**
 * Words of `line` between `from` and `to`, split on whitespace and commas. Counted first, so the
 * array is made at its size: growing it by push reserved room for 16 words on every line.
 */
export function tokens(line: string, from = 0, to = line.length, shared?: SharedTokens): Token[] {
  let count = 0;
  for (let i = from; i < to;) {
    while (i < to && isSeparator(line.charCodeAt(i))) i++;
    if (i < to) count++;
    while (i < to && !isSeparator(line.charCodeAt(i))) i++;
  }
  const result = new Array<Token>(count);
  let n = 0;
  let i = from;
  while (n < count) {
    while (isSeparator(line.charCodeAt(i))) i++;
    const start = i;
    while (i < to && !isSeparator(line.charCodeAt(i))) i++;
    result[n++] = shared ? shared.token(line, start, i) : { text: line.slice(start, i), start, end: i };
  }
  return result;
}

/** The first word of `line` between `from` and `to`, without listing the rest: most lines hold one. */
export function firstToken(line: string, from = 0, to = line.length, shared?: SharedTokens): Token | undefined {
  let i = from;
  while (i < to && isSeparator(line.charCodeAt(i))) i++;
  const start = i;
  while (i < to && !isSeparator(line.charCodeAt(i))) i++;
  if (i === start) return undefined;
  return shared ? shared.token(line, start, i) : { text: line.slice(start, i), start, end: i };
}

/** Where the next word starts at or after `from` (before `to`), or -1 when only separators are left. */
export function nextWordStart(line: string, from: number, to = line.length): number {
  let i = from;
  while (i < to && isSeparator(line.charCodeAt(i))) i++;
  return i < to ? i : -1;
}

/** Where the last word before `to` ends (`to` itself when it ends a word). */
export function lastWordEnd(line: string, to = line.length): number {
  let i = to;
  while (i > 0 && isSeparator(line.charCodeAt(i - 1))) i--;
  return i;
}

/** Splits text into lines the way editors do (\r\n, \n, \r), so ranges match VS Code's. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** Words remembered, in slots chosen by place, length and first, second and last letters (a power of two). */
const SHARED_SLOTS = 512;
/**
 * Words starting further right are not shared: a line repeated in place is short, and a 1 MB line of distinct words
 * would only pay for the look-up.
 */
const SHARED_COLUMNS = 128;

/**
 * Lines that repeat a word at the same place share one token (tokens are never written): a
 * hostile file repeats `assign MCOEV` on 80,000 lines, or the same user in 26,000 blocks, and each
 * token kept alive is copied by every collection the parse lives through. One word is remembered
 * per slot and compared in place, without slicing. One per parse: a token's text can keep its
 * whole document alive.
 */
export class SharedTokens {
  private readonly slots = new Array<Token | undefined>(SHARED_SLOTS);
  /** Per slot, the one-word list of its token, once a line has listed that word alone. */
  private readonly alone = new Array<readonly Token[] | undefined>(SHARED_SLOTS);

  /** The word of `line` from `start` to `end` (not empty). */
  token(line: string, start: number, end: number): Token {
    if (start >= SHARED_COLUMNS) return { text: line.slice(start, end), start, end };
    return this.inSlot(line, start, end, slotOf(line, start, end));
  }

  private inSlot(line: string, start: number, end: number, slot: number): Token {
    const known = this.slots[slot];
    if (known !== undefined && known.start === start && known.end === end && line.startsWith(known.text, start))
      return known;
    const made: Token = { text: line.slice(start, end), start, end };
    this.slots[slot] = made;
    this.alone[slot] = undefined;
    return made;
  }

  private user: Token | undefined;
  private userKey = '';

  /** The key of `token` when it is the last word found to be a user: a user repeated in place is judged once. */
  keyOfUser(token: Token): string | undefined {
    return token === this.user ? this.userKey : undefined;
  }

  /** Remembers that `token` is a user, with its key. */
  rememberUser(token: Token, key: string): void {
    this.user = token;
    this.userKey = key;
  }

  /**
   * The words of `line` from `from` to `to`, as tokens() lists them, except that one shared word
   * alone comes as the list made for it before, without making a list to throw away: `assign MCOEV`
   * on 80,000 lines then makes one list (lists are never written either).
   */
  words(line: string, from: number, to: number): readonly Token[] {
    const start = nextWordStart(line, from, to);
    if (start < 0 || start >= SHARED_COLUMNS) return tokens(line, from, to, this);
    let end = start;
    while (end < to && !isSeparator(line.charCodeAt(end))) end++;
    if (nextWordStart(line, end, to) >= 0) return tokens(line, from, to, this);
    const slot = slotOf(line, start, end);
    const word = this.inSlot(line, start, end, slot);
    return (this.alone[slot] ??= [word]);
  }
}

// The second letter too: users such as u1@, u2@ ... differ there, and then every block listing the same users shares
// their tokens.
const slotOf = (line: string, start: number, end: number): number =>
  (start * 31 +
    (end - start) * 7 +
    line.charCodeAt(start) +
    (start + 1 < end ? line.charCodeAt(start + 1) * 37 : 0) +
    line.charCodeAt(end - 1) * 13) &
  (SHARED_SLOTS - 1);
