import { editDistance } from '../text/distance';
import { isGuid } from '../text/guid';
import { deferred, type Translate } from '../text/translate';
import { parsePhoneNumber } from './e164';
import { commentStart, firstToken, lastWordEnd, nextWordStart, SharedTokens, tokens } from './line-scanner';
import { isGroupKeyword, readGroupLine } from './group-line';
import { isTenantKeyword, readTenantLine } from './tenant-line';
import type {
  Block,
  Directive,
  DirectiveKeyword,
  GroupEntry,
  NumberEntry,
  ParsedFile,
  SyntaxProblem,
  TenantLine,
  Token,
  UserEntry,
} from './types';

const KEYWORDS: Readonly<Record<string, DirectiveKeyword>> = {
  assign: 'assign',
  add: 'assign',
  remove: 'remove',
  disable: 'disable',
  'usage-location': 'usage-location',
  pstn: 'pstn',
  exact: 'exact',
  'number-location': 'number-location',
};
/** The words a mistyped first word is compared with: the directives and the tenant line. */
const DIRECTIVE_WORDS: readonly string[] = [...Object.keys(KEYWORDS), 'tenant'];
const KEYWORD_MAP = new Map(Object.entries(KEYWORDS));

// RFC 5322 is far looser than what Entra accepts; this is what a UPN looks like in practice,
// including guests (`#EXT#`) and apostrophes (o'brien@...): before the last @, letters, digits and
// !#$%&'*+/=?^_`{|}~.- ; after it, two or more dot-separated labels of letters, digits and hyphens,
// no label starting or ending with a hyphen. Checked character by character, without slicing
// the word or running expressions: this runs on every line.
const LOCAL_CHARACTERS = new Uint8Array(128);
for (const c of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#$%&'*+/=?^_`{|}~.-")
  LOCAL_CHARACTERS[c.charCodeAt(0)] = 1;
const isAlphanumeric = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const DOT = 46;
const HYPHEN = 45;

export const isUserReference = (text: string): boolean =>
  (text.length === 36 && isGuid(text)) || (text.length <= 113 && isUpn(text));

function isUpn(text: string): boolean {
  const at = text.lastIndexOf('@');
  if (at <= 0 || at === text.length - 1) return false;
  for (let i = 0; i < at; i++) {
    const c = text.charCodeAt(i);
    if (c >= 128 || LOCAL_CHARACTERS[c] === 0) return false;
  }
  let labels = 0;
  let labelStart = at + 1;
  for (let i = labelStart; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : DOT; // the end closes the last label
    if (c === DOT) {
      if (i === labelStart || text.charCodeAt(labelStart) === HYPHEN || text.charCodeAt(i - 1) === HYPHEN) return false;
      labels++;
      labelStart = i + 1;
    } else if (!isAlphanumeric(c) && c !== HYPHEN) return false;
  }
  return labels >= 2;
}

/** Long hostile tokens stay readable in messages. */
export const shown = (text: string): string => (text.length > 60 ? `${text.slice(0, 57)}...` : text);

/** The keyword probably meant by a mistyped word, if any is close enough to suggest. */
function closestKeyword(word: string): string | undefined {
  const w = word.toLowerCase();
  if (w.length >= 3) {
    const prefixed = DIRECTIVE_WORDS.find((k) => k.startsWith(w) || w.startsWith(k));
    if (prefixed) return prefixed;
  }
  let best: string | undefined;
  let bestDistance = Math.max(1, Math.floor(w.length / 3));
  for (const k of DIRECTIVE_WORDS) {
    const d = editDistance(w, k, bestDistance);
    if (d <= bestDistance && (best === undefined || d < bestDistance)) {
      best = k;
      bestDistance = d;
    }
  }
  return best;
}

/** What one line is, independent of its neighbours: the unit the incremental parser caches. */
export type LineRecord =
  | { readonly kind: 'none' }
  | { readonly kind: 'user'; readonly line: number; readonly user: UserEntry; readonly problem?: SyntaxProblem }
  | { readonly kind: 'group'; readonly line: number; readonly group: GroupEntry; readonly problem?: SyntaxProblem }
  /** `keyword`: the line starts with a directive keyword (even if its arguments are malformed). */
  | {
      readonly kind: 'other';
      readonly line: number;
      readonly keyword: boolean;
      readonly directive?: Directive;
      readonly problems: readonly SyntaxProblem[];
      /** A `tenant` line (not a directive: a plain list of users may name its tenant). */
      readonly tenant?: TenantLine;
    };

const NOTHING: LineRecord = { kind: 'none' };
/** Shared by every directive line without a problem: most of them, and a file may hold 80,000. */
const NO_PROBLEMS: readonly SyntaxProblem[] = Object.freeze([]);
/**
 * Where a directive line's problems are gathered, then moved out: most lines have none, and a list per line was
 * garbage.
 */
const lineProblems: SyntaxProblem[] = [];

/** Reads one line (0-based `line`, for ranges). Never throws. `shared`: tokens met on earlier lines of this parse. */
export function scanLine(text: string, line: number, shared?: SharedTokens): LineRecord {
  // The first word alone decides what the line is; the rest is listed only for a directive.
  const contentEnd = commentStart(text);
  const first = firstToken(text, 0, contentEnd, shared);
  if (!first) return NOTHING;
  // Most lines are users: skip the keyword lookup for anything holding an '@' or longer than any keyword.
  // Keywords are mostly written in lower case: look the word up as written before lower-casing it.
  const keyword =
    first.text.length <= LONGEST_KEYWORD && !first.text.includes('@')
      ? (KEYWORD_MAP.get(first.text) ?? KEYWORD_MAP.get(first.text.toLowerCase()))
      : undefined;
  if (keyword) {
    const problems = lineProblems;
    // `disable` splits its own words at the colon: listing them here too doubled a 1 MB plan list.
    const directive =
      keyword === 'disable'
        ? readDisable(line, text, first, lastWordEnd(text, contentEnd), problems, shared)
        : readDirective(
            keyword,
            line,
            text,
            first,
            shared ? shared.words(text, first.end, contentEnd) : tokens(text, first.end, contentEnd),
            problems,
          );
    return {
      kind: 'other',
      line,
      keyword: true,
      directive,
      problems: problems.length === 0 ? NO_PROBLEMS : problems.splice(0),
    };
  }
  if (isGroupKeyword(first.text)) return groupRecord(text, line, first);
  if (isTenantKeyword(first.text))
    return {
      kind: 'other',
      line,
      keyword: false,
      tenant: readTenantLine(line, first, tokens(text, first.end, contentEnd)),
      problems: NO_PROBLEMS,
    };
  const knownKey = shared?.keyOfUser(first);
  if (knownKey !== undefined || isUserReference(first.text)) {
    const key = knownKey ?? first.text.toLowerCase();
    shared?.rememberUser(first, key);
    const second = nextWordStart(text, first.end, contentEnd);
    if (second < 0) return { kind: 'user', line, user: { line, token: first, key } };
    const afterUser = readNumber(text, line, second, lastWordEnd(text, contentEnd));
    if (afterUser) {
      const user: UserEntry = afterUser.number
        ? { line, token: first, key, number: afterUser.number }
        : { line, token: first, key };
      return afterUser.problem
        ? { kind: 'user', line, user, problem: afterUser.problem }
        : { kind: 'user', line, user };
    }
    const user: UserEntry = { line, token: first, key };
    const problem: SyntaxProblem = {
      code: 'invalid-user',
      line,
      start: second,
      end: lastWordEnd(text, contentEnd),
      message: deferred(
        'Unexpected text after the user {0}: put one user per line, then at most a telephone number (+1 425 555 0101) or no-number (a comment starts with " #").',
      ),
      args: [shown(first.text)],
    };
    return { kind: 'user', line, user, problem };
  }
  const suggestion = first.text.includes('@') ? undefined : closestKeyword(first.text);
  const lastEnd = lastWordEnd(text, contentEnd);
  const problem: SyntaxProblem = suggestion
    ? {
        code: 'unknown-directive',
        line,
        start: first.start,
        end: first.end,
        message: deferred('Unknown directive "{0}". Did you mean "{1}"?'),
        args: [shown(first.text), suggestion],
        suggestion,
      }
    : {
        code: 'invalid-user',
        line,
        start: first.start,
        end: lastEnd,
        message: first.text.includes('@')
          ? deferred('"{0}" is not a valid user principal name (expected name@domain.tld).')
          : deferred(
              '"{0}" is neither a directive (assign, remove, disable, usage-location, pstn, exact, number-location) nor a user (UPN or object id).',
            ),
        args: [shown(first.text.includes('@') ? first.text : text.slice(first.start, lastEnd))],
      };
  return { kind: 'other', line, keyword: false, problems: [problem] };
}

const LONGEST_KEYWORD = Math.max(...DIRECTIVE_WORDS.map((w) => w.length));
const PLUS = 43;
const OPEN_PARENTHESIS = 40;
const isDigit = (c: number) => c >= 48 && c <= 57;

/**
 * What follows the user on its line, from `start` to `end` (the last word's end), when it is meant as the user's
 * telephone number: `no-number`, or text starting with `+`, a digit or `(` (a number, or a located problem when it
 * is not one, e.g. without its `+`). Undefined for anything else: the caller reports stray text after the user.
 */
function readNumber(
  text: string,
  line: number,
  start: number,
  end: number,
): { readonly number?: NumberEntry; readonly problem?: SyntaxProblem } | undefined {
  const c = text.charCodeAt(start);
  if (c === PLUS || c === OPEN_PARENTHESIS || isDigit(c)) {
    const written = text.slice(start, end);
    const parsed = parsePhoneNumber(written, capture);
    if (parsed.ok) return { number: { kind: 'number', token: { text: written, start, end } } };
    const { offset, length } = parsed.error;
    const problem: SyntaxProblem = {
      code: 'invalid-number',
      line,
      start: start + offset,
      end: Math.min(end, start + offset + length),
      message: captured.message,
      args: captured.args,
    };
    const meant = meantNumber(written);
    return { problem: meant ? { ...problem, suggestion: meant } : problem };
  }
  if (end - start === NO_NUMBER.length && text.slice(start, end).toLowerCase() === NO_NUMBER)
    return { number: { kind: 'no-number', token: { text: text.slice(start, end), start, end } } };
  return undefined;
}

const NO_NUMBER = 'no-number';
const SPOKEN_EXTENSION = /^(.*?\d)\s*(?:x|ext\.?|extension)\s*(\d{1,10})$/i;

/**
 * The canonical form of a number written the way people write one on paper, offered as a quick fix: `00` is the
 * international call prefix most countries dial for `+` ("0033 1 70 00 00 01"), and an extension may be spoken
 * ("+1 425 555 0101 x201", "ext. 201"), which Teams writes `;ext=201`.
 */
function meantNumber(written: string): string | undefined {
  const plus = written.startsWith('00') ? `+${written.slice(2)}` : written;
  const spoken = SPOKEN_EXTENSION.exec(plus);
  const parsed = parsePhoneNumber(spoken ? `${spoken[1]};ext=${spoken[2]}` : plus);
  return parsed.ok ? parsed.number.canonical : undefined;
}

/**
 * The number parser's message kept untranslated with its arguments, as every syntax problem is: the validator
 * translates the problems it lists. The parser calls it once, for its one error.
 */
let captured: { message: string; args: string[] } = { message: '', args: [] };
const capture: Translate = (message, ...args) => {
  captured = { message, args: args.map(String) };
  return message;
};

/** A `group` target line (group-line.ts); one without a name is only its problem. */
function groupRecord(text: string, line: number, keyword: Token): LineRecord {
  const read = readGroupLine(text, line, keyword);
  if (!read.group) return { kind: 'other', line, keyword: false, problems: [read.problem] };
  return read.problem
    ? { kind: 'group', line, group: read.group, problem: read.problem }
    : { kind: 'group', line, group: read.group };
}

/**
 * Gathers line records into blocks, in line order. The open block's lines are gathered here and
 * copied out at their size when it closes: arrays grown by push reserve room for 16 entries, and a
 * hostile file holds 26,000 one-user blocks.
 */
class BlockBuilder {
  private readonly blocks: Block[] = [];
  private readonly problems: SyntaxProblem[] = [];
  private readonly directives: Directive[] = [];
  private readonly users: UserEntry[] = [];
  private readonly groups: GroupEntry[] = [];
  /** How many entries of `directives` and `users` belong to the open block (the rest are left from earlier ones). */
  private directiveCount = 0;
  private userCount = 0;
  private groupCount = 0;
  private hasDirectives = false;
  private tenantLines: TenantLine[] | undefined;

  add(record: LineRecord): void {
    if (record.kind === 'none') return;
    if (record.kind === 'other' && record.tenant) {
      const afterFirstBlock =
        this.blocks.length > 0 || this.directiveCount > 0 || this.userCount > 0 || this.groupCount > 0;
      (this.tenantLines ??= []).push(afterFirstBlock ? { ...record.tenant, afterFirstBlock } : record.tenant);
      return;
    }
    if (record.kind === 'user') {
      this.users[this.userCount++] = record.user;
      if (record.problem) this.problems.push(record.problem);
      return;
    }
    if (record.kind === 'group') {
      this.groups[this.groupCount++] = record.group;
      if (record.problem) this.problems.push(record.problem);
      return;
    }
    // Indexed: an iterator per line is garbage on every directive line of the file.
    for (let k = 0; k < record.problems.length; k++) this.problems.push(record.problems[k]);
    if (record.keyword) this.hasDirectives = true;
    if (record.directive) {
      if (this.userCount > 0 || this.groupCount > 0) this.close();
      this.directives[this.directiveCount++] = record.directive;
    }
  }

  finish(lineCount: number): ParsedFile {
    this.close();
    const parsed = { lineCount, blocks: this.blocks, hasDirectives: this.hasDirectives, problems: this.problems };
    if (!this.tenantLines) return parsed;
    const tenant = this.tenantLines.find((l) => !l.afterFirstBlock && l.words.length > 0);
    return { ...parsed, tenantLines: this.tenantLines, ...(tenant ? { tenant } : {}) };
  }

  private close(): void {
    if (this.directiveCount === 0 && this.userCount === 0 && this.groupCount === 0) return;
    this.blocks.push({
      index: this.blocks.length,
      directives: copyOf(this.directives, this.directiveCount),
      users: copyOf(this.users, this.userCount),
      groups: this.groupCount === 0 ? NO_GROUPS : copyOf(this.groups, this.groupCount),
    });
    // Counted rather than emptied: setting an array's length is a call into the runtime, once per block.
    this.directiveCount = 0;
    this.userCount = 0;
    this.groupCount = 0;
  }
}

/** Shared by every block without a group line (most of them). Never written: blocks are read-only once built. */
const NO_GROUPS: GroupEntry[] = [];

/**
 * The first `count` items of `list`, short lists written as literals: a list that lives as long as
 * the parse is then one V8 learns to allocate among the long-lived objects, instead of copying it
 * at every collection it survives (a list made by slice() never is). A hostile file holds 26,000
 * one-user blocks, each with a list of one or two directives and one of one user.
 */
function copyOf<T>(list: readonly T[], count: number): T[] {
  switch (count) {
    case 0:
      return [];
    case 1:
      return [list[0]];
    case 2:
      return [list[0], list[1]];
    default:
      return list.slice(0, count);
  }
}

/**
 * Builds blocks from line records. A record scanned for another line number (lines were inserted
 * or deleted above it) is re-stamped: users cheaply, directives and problems by scanning again.
 */
export function assemble(lines: readonly string[], records: (LineRecord | undefined)[]): ParsedFile {
  const builder = new BlockBuilder();
  const shared = new SharedTokens();
  for (let line = 0; line < lines.length; line++) {
    let record = records[line];
    if (record === undefined || ((record.kind === 'other' || record.kind === 'group') && record.line !== line)) {
      record = records[line] = scanLine(lines[line], line, shared);
    } else if (record.kind === 'user' && record.line !== line) {
      record = records[line] = {
        kind: 'user',
        line,
        user: { ...record.user, line },
        problem: record.problem && { ...record.problem, line },
      };
    }
    builder.add(record);
  }
  return builder.finish(lines.length);
}

/**
 * Reads a `.licenses` text. Never throws: every line is a directive, a user, or a located problem.
 * Reads line by line in place, keeping neither an array of lines nor the records (the incremental
 * parser keeps those): what is not part of the result dies young, which is what the collector
 * handles cheaply. Lines break as in splitLines (\r\n, \r, \n).
 */
export function parseLicensesFile(text: string): ParsedFile {
  const builder = new BlockBuilder();
  const shared = new SharedTokens();
  let line = 0;
  let from = 0;
  let lf = text.indexOf('\n');
  let cr = text.indexOf('\r');
  for (;;) {
    if (lf >= 0 && lf < from) lf = text.indexOf('\n', from);
    if (cr >= 0 && cr < from) cr = text.indexOf('\r', from);
    const end = lf < 0 ? (cr < 0 ? text.length : cr) : cr < 0 ? lf : Math.min(lf, cr);
    builder.add(scanLine(text.slice(from, end), line, shared));
    if (end === text.length) break;
    from = end + (text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? 2 : 1);
    line++;
  }
  return builder.finish(line + 1);
}

function readDirective(
  kind: Exclude<DirectiveKeyword, 'disable'>,
  line: number,
  text: string,
  keyword: Token,
  args: readonly Token[],
  problems: SyntaxProblem[],
): Directive | undefined {
  switch (kind) {
    case 'assign':
    case 'remove':
      if (args.length === 0)
        missing(
          problems,
          line,
          keyword,
          deferred('"{0}" needs at least one SKU (part number such as MCOEV, or skuId).'),
        );
      // With shared tokens, a one-word list is already the shared one (SharedTokens.words).
      return { kind, line, keyword, skus: args };
    case 'usage-location':
      if (args.length === 0)
        missing(problems, line, keyword, deferred('"{0}" needs a two-letter country code, such as FR or US.'));
      if (args.length > 1) surplus(problems, line, args.slice(1), deferred('usage-location takes one country code.'));
      return { kind, line, keyword, code: args[0] };
    case 'pstn':
      if (args.length !== 1 || args[0].text.toLowerCase() !== 'on-premises') {
        const at = args[0] ?? keyword;
        problems.push({
          code: 'malformed-directive',
          line,
          start: at.start,
          end: (args[args.length - 1] ?? keyword).end,
          message: deferred(
            'The only PSTN setting is "pstn on-premises" (users on Direct Routing or on-premises PSTN: Phone System, never a Calling Plan).',
          ),
        });
        return undefined;
      }
      return { kind, line, keyword, mode: args[0] };
    case 'number-location':
      if (args.length === 0)
        missing(
          problems,
          line,
          keyword,
          deferred('"{0}" needs the id of an emergency location, as the Teams admin center gives it (a GUID).'),
        );
      if (args.length > 1) surplus(problems, line, args.slice(1), deferred('number-location takes one location id.'));
      return { kind, line, keyword, id: args[0] };
    case 'exact':
      // Still an `exact` block with a stray word: the word is the mistake, not the intent.
      if (args.length > 0)
        surplus(problems, line, args, 'exact takes no argument: list the SKUs on an assign line of the block.');
      return { kind, line, keyword };
  }
}

/** A function, not a closure: readDirective runs on every directive line. */
function missing(problems: SyntaxProblem[], line: number, keyword: Token, message: string): void {
  problems.push({
    code: 'malformed-directive',
    line,
    start: keyword.start,
    end: keyword.end,
    message,
    args: [keyword.text],
  });
}

/** Words a directive does not take (`extra`, at least one): one problem spanning them all. */
function surplus(problems: SyntaxProblem[], line: number, extra: readonly Token[], message: string): void {
  problems.push({
    code: 'malformed-directive',
    line,
    start: extra[0].start,
    end: extra[extra.length - 1].end,
    message,
  });
}

/**
 * `disable SKU: PLAN...`. The SKU may itself carry MSOnline's `tenant:` prefix, so the separator is
 * the last colon followed by a space (or ending the SKU), else the only colon.
 */
/** `end`: where the line's last word ends (the keyword's end when it has no argument). */
function readDisable(
  line: number,
  text: string,
  keyword: Token,
  end: number,
  problems: SyntaxProblem[],
  shared: SharedTokens | undefined,
): Directive {
  const rest = text.slice(keyword.end, end);
  // From colon to colon (not character by character: a plan list can fill a 1 MB line).
  let colon = rest.lastIndexOf(':');
  while (colon >= 0 && colon < rest.length - 1 && !/[\s,]/.test(rest[colon + 1]))
    colon = colon > 0 ? rest.lastIndexOf(':', colon - 1) : -1;
  if (colon < 0 && rest.indexOf(':') === rest.lastIndexOf(':')) colon = rest.indexOf(':'); // the only colon, or none
  if (colon < 0) {
    problems.push({
      code: 'malformed-directive',
      line,
      start: keyword.start,
      end,
      message: deferred(
        'Write "disable SKU: PLAN PLAN..." (a colon after the SKU), e.g. "disable ENTERPRISEPACK: YAMMER_ENTERPRISE SWAY".',
      ),
    });
    return { kind: 'disable', line, keyword, plans: [] };
  }
  const colonAt = keyword.end + colon;
  const skuWords = tokens(text, keyword.end, colonAt, shared);
  const plans = tokens(text, colonAt + 1, end, shared);
  if (skuWords.length !== 1) {
    problems.push({
      code: 'malformed-directive',
      line,
      start: keyword.start,
      end: colonAt + 1,
      message: deferred('disable names exactly one SKU before the colon.'),
    });
  }
  if (plans.length === 0) {
    problems.push({
      code: 'malformed-directive',
      line,
      start: keyword.start,
      end,
      message: deferred('disable needs at least one service plan after the colon.'),
    });
  }
  return { kind: 'disable', line, keyword, sku: skuWords[0], plans };
}
