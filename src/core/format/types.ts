/** 0-based, like VS Code's Position; the CLI adds 1 when it prints. */
export interface Position {
  readonly line: number;
  readonly character: number;
}

export interface Range {
  readonly start: Position;
  readonly end: Position;
}

/** A word on a line, with its character offsets (end exclusive). */
export interface Token {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

export type DirectiveKeyword =
  'assign' | 'remove' | 'disable' | 'usage-location' | 'pstn' | 'exact' | 'number-location';

interface DirectiveBase {
  /** 0-based line. */
  readonly line: number;
  readonly keyword: Token;
}

interface SkuListDirective extends DirectiveBase {
  readonly kind: 'assign' | 'remove';
  readonly skus: readonly Token[];
}

export interface DisableDirective extends DirectiveBase {
  readonly kind: 'disable';
  readonly sku?: Token;
  readonly plans: readonly Token[];
}

export interface UsageLocationDirective extends DirectiveBase {
  readonly kind: 'usage-location';
  readonly code?: Token;
}

interface PstnDirective extends DirectiveBase {
  readonly kind: 'pstn';
  readonly mode?: Token;
}

/**
 * `exact`, alone on its line: the SKUs the user's blocks assign are the whole set of licenses
 * assigned to the user directly; any other direct license is removed (group licenses never).
 */
export interface ExactDirective extends DirectiveBase {
  readonly kind: 'exact';
}

/** `number-location ID`: the emergency location (Teams `locationId`) of the block's telephone numbers. */
export interface NumberLocationDirective extends DirectiveBase {
  readonly kind: 'number-location';
  readonly id?: Token;
}

export type Directive =
  | SkuListDirective
  | DisableDirective
  | UsageLocationDirective
  | PstnDirective
  | ExactDirective
  | NumberLocationDirective;

/**
 * What a user line says about the user's Teams telephone number, after the user: a number as written
 * (`+1 425 555 0101`, `;ext=201`; the token spans every word of it) or `no-number` (take away the numbers
 * the user holds). Absent: the line leaves numbers alone.
 */
export type NumberEntry =
  { readonly kind: 'number'; readonly token: Token } | { readonly kind: 'no-number'; readonly token: Token };

export interface UserEntry {
  readonly line: number;
  readonly token: Token;
  /** Lower-cased: users compare case-insensitively. */
  readonly key: string;
  /** The telephone number the line gives the user, or `no-number`. */
  readonly number?: NumberEntry;
}

/**
 * A `group NAME-OR-ID` target line: a group's object id or display name (quoted when it holds `#`
 * or leading/trailing spaces). `token.text` is the name without quotes; its range covers the quotes.
 */
export interface GroupEntry {
  readonly line: number;
  /** The `group` keyword as written (any case). */
  readonly keyword: Token;
  readonly token: Token;
  /** Lower-cased: display names and ids compare case-insensitively, as Graph's `$filter` does. */
  readonly key: string;
}

/**
 * Directives apply to the users that follow them, up to the next directive that follows a user
 * line, which starts a new block.
 */
export interface Block {
  readonly index: number;
  readonly directives: Directive[];
  readonly users: UserEntry[];
  /** `group` target lines: the block's directives apply to them as to its users. */
  readonly groups: GroupEntry[];
}

/** A problem found while reading lines (the validator adds the semantic ones). */
export interface SyntaxProblem {
  readonly code: 'invalid-user' | 'unknown-directive' | 'malformed-directive' | 'invalid-group' | 'invalid-number';
  readonly line: number;
  readonly start: number;
  readonly end: number;
  /**
   * The English message with `{0}` placeholders for `args`: the validator fills and translates it
   * (`t(message, ...args)`) only for the problems it lists, so a hostile file pays for no text.
   */
  readonly message: string;
  readonly args?: readonly string[];
  /** For unknown-directive: the keyword that was probably meant; for invalid-number: the number meant, canonical. */
  readonly suggestion?: string;
}

/**
 * `tenant ID-OR-DOMAIN`: the tenant the file is for (a tenant id or one of its domains). Its form,
 * and that it comes once and before the first block, are rules (tenant-line rules).
 */
export interface TenantLine {
  readonly line: number;
  /** The `tenant` keyword as written (any case). */
  readonly keyword: Token;
  /** The words after the keyword: one when well formed. */
  readonly words: readonly Token[];
  /** A directive, user or group line comes before it. */
  readonly afterFirstBlock: boolean;
}

export interface ParsedFile {
  readonly lineCount: number;
  readonly blocks: readonly Block[];
  readonly hasDirectives: boolean;
  readonly problems: readonly SyntaxProblem[];
  /** The file's tenant: the first `tenant` line before the first block. Absent: the configured tenant. */
  readonly tenant?: TenantLine;
  /** Every `tenant` line of the file, in line order (absent: none). */
  readonly tenantLines?: readonly TenantLine[];
}
