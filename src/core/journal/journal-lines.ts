import type { DesiredLicense, DesiredUser } from '../desired/desired';
import type { JournalHeader, JournalLine } from '../results/user-result';
import { isGuid } from '../text/guid';
import { deferred } from '../text/translate';
import type { GroupJournalLine } from '../results/group-result';
import type { NumberLine } from '../results/number-result';

/**
 * One journal line, checked field by field. A journal is a file on disk: an admin may edit it, a
 * crash may tear it, another tool may write into it. Whatever it holds, reading it must never throw,
 * and a line retry would act on must carry a complete `desired` user.
 * A reason is a constant English message (`deferred`), translated where it is shown (`t(reason)`):
 * the line's number, given with it, is what takes the admin to the place.
 */
export type CheckedLine =
  | { readonly kind: 'header'; readonly header: JournalHeader }
  | { readonly kind: 'entry'; readonly entry: JournalLine }
  /** A group result or a member in error (group-result.ts). */
  | { readonly kind: 'group-line'; readonly line: GroupJournalLine }
  /** A user's Teams number (number-result.ts). */
  | { readonly kind: 'number-line'; readonly line: NumberLine }
  | { readonly kind: 'bad'; readonly reason: string };

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');
const OUTCOMES = new Set(['changed', 'unchanged', 'failed', 'skipped', 'pending']);

export function checkJournalLine(text: string): CheckedLine {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return bad(deferred('not JSON (a line cut short by a crash?)'));
  }
  if (!isObject(value)) return bad(deferred('not a JSON object'));
  if ('journal' in value) return checkHeader(value);
  return checkEntry(value);
}

const bad = (reason: string): CheckedLine => ({ kind: 'bad', reason });

function checkHeader(v: Json): CheckedLine {
  if (v.journal !== 'm365-licenses') return bad(deferred('"journal" is not "m365-licenses"'));
  if (v.version !== 1) return bad(deferred('a journal version this m365-licenses cannot read (it reads version 1)'));
  if (!isStringArray(v.files)) return bad(deferred('"files" is not a list of file names'));
  if (typeof v.tenant !== 'string') return bad(deferred('"tenant" is not a string'));
  if (typeof v.startedAt !== 'string') return bad(deferred('"startedAt" is not a string'));
  if (v.tenantId !== undefined && typeof v.tenantId !== 'string') return bad(deferred('"tenantId" is not a string'));
  if (v.fileTenant !== undefined && typeof v.fileTenant !== 'string')
    return bad(deferred('"fileTenant" is not a string'));
  return { kind: 'header', header: v as unknown as JournalHeader };
}

function checkEntry(v: Json): CheckedLine {
  if (v.kind === 'group' || v.kind === 'member-error') return checkGroupLine(v);
  if (v.kind === 'number') return checkNumberLine(v);
  if (typeof v.user !== 'string' || !v.user.trim()) return bad(deferred('"user" is not a user name'));
  if (typeof v.outcome !== 'string' || !OUTCOMES.has(v.outcome)) return bad(NOT_AN_OUTCOME);
  if (v.outcome === 'pending' && v.desired === undefined) return bad(deferred('a pending line has no "desired"'));
  // Checked on every line that has one, so no JournalLine handed out holds a malformed user.
  if (v.desired !== undefined) {
    const problem = desiredProblem(v.desired, v.user);
    if (problem) return bad(problem);
  }
  if (v.outcome !== 'pending') {
    if (!isStringArray(v.added) || !isStringArray(v.removed)) return bad(NOT_SKU_LISTS);
    if (
      v.error !== undefined &&
      !(isObject(v.error) && typeof v.error.code === 'string' && typeof v.error.message === 'string')
    )
      return bad(deferred('"error" has no code and message'));
    if (v.usageLocation !== undefined && typeof v.usageLocation !== 'string')
      return bad(deferred('"usageLocation" is not a string'));
  }
  if (v.at !== undefined && typeof v.at !== 'string') return bad(deferred('"at" is not a string'));
  // Undo writes a file from these: a malformed state must not reach it.
  for (const key of ['before', 'after'] as const) {
    if (v[key] === undefined) continue;
    const problem = stateProblem(v[key], STATE_PROBLEMS[key]);
    if (problem) return bad(problem);
  }
  return { kind: 'entry', entry: v as unknown as JournalLine };
}

/** Group lines are read for reprocess and reports only, never replayed: the fields those use are checked. */
function checkGroupLine(v: Json): CheckedLine {
  if (v.kind === 'group') {
    if (typeof v.group !== 'string' || !v.group) return bad(deferred('a group line names no group'));
    if (typeof v.outcome !== 'string' || !OUTCOMES.has(v.outcome)) return bad(NOT_AN_OUTCOME);
    if (!isStringArray(v.added) || !isStringArray(v.removed)) return bad(NOT_SKU_LISTS);
    // Undo writes a group's lines from these, as it does a user's from theirs.
    for (const key of ['before', 'after'] as const) {
      if (v[key] === undefined) continue;
      const problem = stateProblem(v[key], STATE_PROBLEMS[key]);
      if (problem) return bad(problem);
    }
  } else {
    for (const key of ['group', 'groupId', 'user', 'userId', 'sku', 'error', 'fix'] as const) {
      if (typeof v[key] !== 'string' || !v[key])
        return bad(
          deferred('a member-error line lacks one of "group", "groupId", "user", "userId", "sku", "error", "fix"'),
        );
    }
  }
  return { kind: 'group-line', line: v as unknown as GroupJournalLine };
}

/** Number lines are replayed by retry (their `desired`) and undo (their `before`): both are checked. */
function checkNumberLine(v: Json): CheckedLine {
  if (typeof v.user !== 'string' || !v.user.trim()) return bad(deferred('"user" is not a user name'));
  if (typeof v.outcome !== 'string' || !OUTCOMES.has(v.outcome)) return bad(NOT_AN_OUTCOME);
  if (v.desired !== undefined) {
    const problem = desiredProblem(v.desired, v.user);
    if (problem) return bad(problem);
  }
  for (const key of ['assigned'] as const)
    if (v[key] !== undefined && (typeof v[key] !== 'string' || !TELEPHONE.test(v[key])))
      return bad(deferred('a number line has an "assigned" number that is not E.164'));
  if (
    v.before !== undefined &&
    !(
      Array.isArray(v.before) &&
      v.before.every((b) => isObject(b) && typeof b.telephoneNumber === 'string' && TELEPHONE.test(b.telephoneNumber))
    )
  )
    return bad(deferred('a number line has a "before" that is not a list of numbers'));
  return { kind: 'number-line', line: v as unknown as NumberLine };
}

/** E.164 as the product writes it: "+", 7 to 15 digits, and a Direct Routing extension. */
const TELEPHONE = /^\+\d{7,15}(;ext=\d{1,10})?$/;

const NOT_AN_OUTCOME = deferred('"outcome" is not one of changed, unchanged, failed, skipped, pending');
const NOT_SKU_LISTS = deferred('"added" or "removed" is not a list of SKUs');

/** What is wrong with a `desired` user, or undefined when retry can act on it as it is. */
function desiredProblem(d: unknown, user: string): string | undefined {
  if (!isObject(d)) return deferred('"desired" is not an object');
  if (typeof d.user !== 'string' || d.user.toLowerCase() !== user.toLowerCase())
    return deferred('"desired" names another user');
  if (typeof d.line !== 'number' || !Number.isInteger(d.line)) return deferred('"desired" has no line number');
  if (!Array.isArray(d.assign) || !d.assign.every(isLicense)) return deferred('"desired" has no valid "assign" list');
  if (!isStringArray(d.remove)) return deferred('"desired" has no valid "remove" list');
  if (d.usageLocation !== undefined && typeof d.usageLocation !== 'string')
    return deferred('"desired" has a "usageLocation" that is not a string');
  if (typeof d.onPremisesPstn !== 'boolean') return deferred('"desired" has no "onPremisesPstn" flag');
  if (d.exact !== undefined && typeof d.exact !== 'boolean')
    return deferred('"desired" has an "exact" flag that is not true or false');
  if (d.number !== undefined && !isDesiredNumber(d.number))
    return deferred('"desired" has a "number" that is neither a telephone number nor no-number');
  return undefined;
}

function isDesiredNumber(n: unknown): boolean {
  if (!isObject(n) || typeof n.line !== 'number') return false;
  if (n.kind === 'none') return true;
  return (
    n.kind === 'number' &&
    typeof n.canonical === 'string' &&
    TELEPHONE.test(n.canonical) &&
    typeof n.e164 === 'string' &&
    (n.locationId === undefined || typeof n.locationId === 'string') &&
    (n.extension === undefined || typeof n.extension === 'string')
  );
}

/** What can be wrong with a recorded state, one whole message per field so that each translates. */
interface StateProblems {
  readonly noList: string;
  readonly badLicense: string;
  readonly badLocation: string;
}

const STATE_PROBLEMS: Readonly<Record<'before' | 'after', StateProblems>> = {
  before: {
    noList: deferred('"before" has no "licenses" list'),
    badLicense: deferred('"before" has a license that is not a skuId, a part number and disabled plan ids'),
    badLocation: deferred('"before" has a "usageLocation" that is not a string'),
  },
  after: {
    noList: deferred('"after" has no "licenses" list'),
    badLicense: deferred('"after" has a license that is not a skuId, a part number and disabled plan ids'),
    badLocation: deferred('"after" has a "usageLocation" that is not a string'),
  },
};

/** What is wrong with a recorded direct state (plan/direct-state.ts), or undefined. */
function stateProblem(s: unknown, problems: StateProblems): string | undefined {
  if (!isObject(s) || !Array.isArray(s.licenses)) return problems.noList;
  for (const l of s.licenses) {
    if (
      !isObject(l) ||
      typeof l.skuId !== 'string' ||
      !isGuid(l.skuId) ||
      typeof l.partNumber !== 'string' ||
      !isStringArray(l.disabledPlans) ||
      !l.disabledPlans.every(isGuid)
    ) {
      return problems.badLicense;
    }
  }
  if (s.usageLocation !== undefined && typeof s.usageLocation !== 'string') return problems.badLocation;
  return undefined;
}

function isLicense(a: unknown): a is DesiredLicense {
  return isObject(a) && typeof a.sku === 'string' && (a.disabledPlans === undefined || isStringArray(a.disabledPlans));
}

/** Only the fields a DesiredUser has: a crafted line cannot smuggle anything else into a plan. */
export function desiredOf(d: DesiredUser): DesiredUser {
  return {
    user: d.user,
    line: d.line,
    assign: d.assign.map((a) =>
      a.disabledPlans ? { sku: a.sku, disabledPlans: [...a.disabledPlans] } : { sku: a.sku },
    ),
    remove: [...d.remove],
    ...(d.usageLocation !== undefined ? { usageLocation: d.usageLocation } : {}),
    onPremisesPstn: d.onPremisesPstn,
    ...(d.exact ? { exact: true } : {}),
    ...(d.number ? { number: numberOf(d.number) } : {}),
  };
}

/** The number's own fields only, as desiredOf does for the user. */
function numberOf(n: NonNullable<DesiredUser['number']>): NonNullable<DesiredUser['number']> {
  if (n.kind === 'none') return { kind: 'none', line: n.line };
  return {
    kind: 'number',
    e164: n.e164,
    ...(n.extension !== undefined ? { extension: n.extension } : {}),
    canonical: n.canonical,
    ...(n.locationId !== undefined ? { locationId: n.locationId } : {}),
    line: n.line,
  };
}
