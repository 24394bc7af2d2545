import { fail, isFailure, Messages, type Failure } from './errors';
import { assignedLicenses } from '../directory/views';
import { type EmulatorTenant, type EmulatorUser } from '../directory/tenant';

/** OData query options, as far as the licensing endpoints need them (graph-docs concepts/query-parameters.md). */

/** $select: comma-separated property names, matched case-insensitively; an unknown one is a 400. */
export function parseSelect(query: URLSearchParams, allowed: ReadonlySet<string>, type: string): string[] | Failure {
  const raw = query.get('$select');
  if (raw === null || raw.trim() === '') return [];
  const canonical = new Map([...allowed].map((p) => [p.toLowerCase(), p]));
  const out: string[] = [];
  for (const part of raw
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const name = canonical.get(part.toLowerCase());
    if (!name) return fail(400, 'Request_BadRequest', Messages.unknownProperty(part, type));
    if (!out.includes(name)) out.push(name);
  }
  return out;
}

/** $top for directory objects: 1..999, default 100 (graph-docs api/user-list.md, "$top ... 1 and 999"). */
export function parseTop(query: URLSearchParams): number | Failure {
  const raw = query.get('$top');
  if (raw === null) return 100;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 999) return fail(400, 'Request_BadRequest', Messages.invalidPageSize(raw));
  return n;
}

/** $skiptoken is opaque to clients (they follow @odata.nextLink); here it is a base64url offset. */
export function parseSkipToken(query: URLSearchParams): number {
  const raw = query.get('$skiptoken');
  if (!raw) return 0;
  const n = Number(
    Buffer.from(raw, 'base64url')
      .toString('utf8')
      .replace(/^offset:/, ''),
  );
  return Number.isInteger(n) && n >= 0 ? n : 0;
}

export const makeSkipToken = (offset: number): string => Buffer.from(`offset:${offset}`).toString('base64url');

export type UserPredicate = (user: EmulatorUser) => boolean;

/**
 * The $filter forms used to find users for licensing:
 *   userPrincipalName eq 'x' · mail eq 'x' · id eq 'x' · usageLocation eq 'US' | null
 *   id in ('a','b') · userPrincipalName in ('a','b')
 *   assignedLicenses/any(x:x/skuId eq {guid})
 *   assignedLicenses/$count eq 0 | ne 0 (advanced queries only, see user-listing.ts)
 * joined by `and` / `or`. `in` takes at most 15 values ("The in operator ... supports up to 15
 * expressions", graph-docs concepts/filter-query-parameter.md, directory objects). String comparison is
 * case-insensitive, as in the directory.
 * Anything else is refused with 400 Request_UnsupportedQuery ([INF] wording).
 */
export function parseUserFilter(tenant: EmulatorTenant, filter: string, advanced = false): UserPredicate | Failure {
  const unsupported = fail(
    400,
    'Request_UnsupportedQuery',
    `Unsupported or invalid query filter clause specified for property '${filter}' of resource 'User'.`,
  );
  const orTerms = splitTopLevel(filter, 'or');
  const parsed: UserPredicate[][] = [];
  for (const orTerm of orTerms) {
    const andTerms: UserPredicate[] = [];
    for (const term of splitTopLevel(orTerm, 'and')) {
      const p = parseTerm(tenant, term.trim(), advanced);
      if (isFailure(p)) return p;
      if (!p) return unsupported;
      andTerms.push(p);
    }
    parsed.push(andTerms);
  }
  return (u) => parsed.some((ands) => ands.every((p) => p(u)));
}

const PROPS: Record<string, (u: EmulatorUser) => string | null> = {
  userprincipalname: (u) => u.userPrincipalName,
  mail: (u) => u.mail,
  id: (u) => u.id,
  usagelocation: (u) => u.usageLocation,
  displayname: (u) => u.displayName,
};

/** More values than this in one `in (...)` is a 400 (concepts/filter-query-parameter.md). */
const MAX_IN_VALUES = 15;

function parseTerm(tenant: EmulatorTenant, term: string, advanced: boolean): UserPredicate | Failure | undefined {
  let m = /^\(\s*(.*)\s*\)$/s.exec(term);
  if (m && balanced(m[1])) return parseUserFilter(tenant, m[1], advanced);
  m = /^assignedLicenses\/\$count\s+(eq|ne)\s+0$/i.exec(term);
  if (m) {
    // [INF] wording: Graph refuses a /$count filter sent as a default query with Request_UnsupportedQuery.
    if (!advanced)
      return fail(
        400,
        'Request_UnsupportedQuery',
        "Unsupported Query. The filter on 'assignedLicenses/$count' needs the ConsistencyLevel: eventual header and $count=true.",
      );
    const none = m[1].toLowerCase() === 'eq';
    return (u) => (assignedLicenses(tenant, u).length === 0) === none;
  }
  m = /^(\w+)\s+eq\s+(null|'(?:[^']|'')*')$/i.exec(term);
  if (m && PROPS[m[1].toLowerCase()]) {
    const get = PROPS[m[1].toLowerCase()];
    if (m[2].toLowerCase() === 'null') return (u) => get(u) === null;
    const value = unquote(m[2]).toLowerCase();
    return (u) => (get(u) ?? '').toLowerCase() === value;
  }
  m = /^(\w+)\s+in\s+\((.*)\)$/is.exec(term);
  if (m && PROPS[m[1].toLowerCase()]) {
    const get = PROPS[m[1].toLowerCase()];
    const values = m[2].match(/'(?:[^']|'')*'/g)?.map((v) => unquote(v).toLowerCase());
    if (!values) return undefined;
    // [INF] wording for the documented limit.
    if (values.length > MAX_IN_VALUES)
      return fail(
        400,
        'Request_UnsupportedQuery',
        `Too many values in the 'in' operator: ${values.length}; at most ${MAX_IN_VALUES} are supported.`,
      );
    const set = new Set(values);
    return (u) => set.has((get(u) ?? '').toLowerCase());
  }
  m = /^assignedLicenses\/any\(\s*(\w+)\s*:\s*\1\/skuId\s+eq\s+'?([0-9a-f-]{36})'?\s*\)$/i.exec(term);
  if (m) {
    const skuId = m[2].toLowerCase();
    return (u) => assignedLicenses(tenant, u).some((l) => l.skuId === skuId);
  }
  return undefined;
}

const unquote = (s: string) => s.slice(1, -1).replace(/''/g, "'");

function balanced(s: string): boolean {
  let depth = 0;
  let quoted = false;
  for (const ch of s) {
    if (ch === "'") quoted = !quoted;
    else if (!quoted && ch === '(') depth++;
    else if (!quoted && ch === ')' && --depth < 0) return false;
  }
  return depth === 0 && !quoted;
}

/** Splits on ` and ` / ` or ` outside quotes and parentheses. */
function splitTopLevel(s: string, op: 'and' | 'or'): string[] {
  const out: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  const re = new RegExp(`^\\s${op}\\s`, 'i');
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch === "'") quoted = !quoted;
    else if (!quoted && ch === '(') depth++;
    else if (!quoted && ch === ')') depth--;
    else if (!quoted && depth === 0 && re.test(s.slice(i, i + op.length + 2))) {
      out.push(s.slice(start, i));
      start = i + op.length + 2;
      i = start - 1;
    }
  }
  out.push(s.slice(start));
  return out;
}
