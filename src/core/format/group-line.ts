import { commentStart } from './line-scanner';
import type { GroupEntry, SyntaxProblem, Token } from './types';

/** The target keyword, compared case-insensitively. */
const GROUP_KEYWORD = 'group';

export const isGroupKeyword = (word: string): boolean => word.length === 5 && word.toLowerCase() === GROUP_KEYWORD;

export type GroupLine =
  | { readonly group: GroupEntry; readonly problem?: SyntaxProblem }
  | { readonly group?: undefined; readonly problem: SyntaxProblem };

const isBlank = (code: number) => code === 32 || code === 9 || code === 0xa0 || code === 0xfeff || code === 0x3000;

/** Where the text from `from` stops being blank (or its length). */
function skipBlank(text: string, from: number): number {
  let i = from;
  while (i < text.length && isBlank(text.charCodeAt(i))) i++;
  return i;
}

/** Where the text before `to` stops being blank, going left. */
function trimEnd(text: string, to: number, from: number): number {
  let i = to;
  while (i > from && isBlank(text.charCodeAt(i - 1))) i--;
  return i;
}

/**
 * Reads `group NAME-OR-ID` after its keyword. A display name may hold spaces (`group All Sales`);
 * one holding ` #` (which would start a comment) or leading/trailing spaces is quoted:
 * `group "Sales #2"`. Never throws: a line it cannot read gives a located problem.
 */
export function readGroupLine(text: string, line: number, keyword: Token): GroupLine {
  const at = skipBlank(text, keyword.end);
  const problem = (start: number, end: number, message: string): SyntaxProblem => ({
    code: 'invalid-group',
    line,
    start,
    end,
    message,
  });
  if (text.charCodeAt(at) === 34 /* " */) {
    const close = text.indexOf('"', at + 1);
    if (close < 0)
      return {
        problem: problem(
          at,
          trimEnd(text, text.length, at),
          'This group name opens a quote that is never closed: write group "NAME".',
        ),
      };
    const name = text.slice(at + 1, close);
    if (name.trim() === '')
      return {
        problem: problem(
          keyword.start,
          close + 1,
          'The quoted group name is empty: write a group display name or object id.',
        ),
      };
    const group: GroupEntry = {
      line,
      keyword,
      token: { text: name, start: at, end: close + 1 },
      key: name.toLowerCase(),
    };
    // After the closing quote: nothing, or a comment.
    const rest = skipBlank(text, close + 1);
    if (rest < text.length && !(text.charCodeAt(rest) === 35 /* # */ && rest > close + 1)) {
      const tail = text.slice(rest);
      return {
        group,
        problem: problem(
          rest,
          trimEnd(text, rest + commentStart(tail), rest),
          'Unexpected text after the quoted group name: put one group per line (a comment starts with " #").',
        ),
      };
    }
    return { group };
  }
  const contentEnd = commentStart(text);
  const end = trimEnd(text, contentEnd, at);
  if (end <= at) {
    return {
      problem: problem(
        keyword.start,
        keyword.end,
        `"${keyword.text}" needs a group display name or object id, e.g. group "All Sales" or group 1f0d…-… (quote a name that holds " #").`,
      ),
    };
  }
  const name = text.slice(at, end);
  return { group: { line, keyword, token: { text: name, start: at, end }, key: name.toLowerCase() } };
}
