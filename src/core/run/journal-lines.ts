import type { DesiredLicense, DesiredUser } from '../plan/desired';
import type { JournalHeader, JournalLine } from './user-result';
import { isGuid } from '../text/guid';
import type { GroupJournalLine } from './group-result';

/**
 * One journal line, checked field by field. A journal is a file on disk: an admin may edit it, a
 * crash may tear it, another tool may write into it. Whatever it holds, reading it must never throw,
 * and a line retry would act on must carry a complete `desired` user.
 */
export type CheckedLine =
  | { readonly kind: 'header'; readonly header: JournalHeader }
  | { readonly kind: 'entry'; readonly entry: JournalLine }
  /** A group result or a member in error (group-result.ts). */
  | { readonly kind: 'group-line'; readonly line: GroupJournalLine }
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
    return bad('not JSON (a line cut short by a crash?)');
  }
  if (!isObject(value)) return bad('not a JSON object');
  if ('journal' in value) return checkHeader(value);
  return checkEntry(value);
}

const bad = (reason: string): CheckedLine => ({ kind: 'bad', reason });

function checkHeader(v: Json): CheckedLine {
  if (v.journal !== 'm365-licenses') return bad('"journal" is not "m365-licenses"');
  if (v.version !== 1) return bad(`journal version ${JSON.stringify(v.version)} is not supported (only 1)`);
  if (!isStringArray(v.files)) return bad('"files" is not a list of file names');
  if (typeof v.tenant !== 'string') return bad('"tenant" is not a string');
  if (typeof v.startedAt !== 'string') return bad('"startedAt" is not a string');
  if (v.tenantId !== undefined && typeof v.tenantId !== 'string') return bad('"tenantId" is not a string');
  return { kind: 'header', header: v as unknown as JournalHeader };
}

function checkEntry(v: Json): CheckedLine {
  if (v.kind === 'group' || v.kind === 'member-error') return checkGroupLine(v);
  if (typeof v.user !== 'string' || !v.user.trim()) return bad('"user" is not a user name');
  if (typeof v.outcome !== 'string' || !OUTCOMES.has(v.outcome)) return bad(`"outcome" ${JSON.stringify(v.outcome)} is not one of ${[...OUTCOMES].join(', ')}`);
  if (v.outcome === 'pending' && v.desired === undefined) return bad('a pending line has no "desired"');
  // Checked on every line that has one, so no JournalLine handed out holds a malformed user.
  if (v.desired !== undefined) {
    const problem = desiredProblem(v.desired, v.user);
    if (problem) return bad(`"desired" ${problem}`);
  }
  if (v.outcome !== 'pending') {
    if (!isStringArray(v.added) || !isStringArray(v.removed)) return bad('"added" or "removed" is not a list of SKUs');
    if (v.error !== undefined && !(isObject(v.error) && typeof v.error.code === 'string' && typeof v.error.message === 'string')) return bad('"error" has no code and message');
    if (v.usageLocation !== undefined && typeof v.usageLocation !== 'string') return bad('"usageLocation" is not a string');
  }
  if (v.at !== undefined && typeof v.at !== 'string') return bad('"at" is not a string');
  // Undo writes a file from these: a malformed state must not reach it.
  for (const key of ['before', 'after'] as const) {
    if (v[key] === undefined) continue;
    const problem = stateProblem(v[key]);
    if (problem) return bad(`"${key}" ${problem}`);
  }
  return { kind: 'entry', entry: v as unknown as JournalLine };
}

/** Group lines are read for reprocess and reports only, never replayed: the fields those use are checked. */
function checkGroupLine(v: Json): CheckedLine {
  if (v.kind === 'group') {
    if (typeof v.group !== 'string' || !v.group) return bad('a group line names no group');
    if (typeof v.outcome !== 'string' || !OUTCOMES.has(v.outcome)) return bad(`"outcome" ${JSON.stringify(v.outcome)} is not one of ${[...OUTCOMES].join(', ')}`);
    if (!isStringArray(v.added) || !isStringArray(v.removed)) return bad('"added" or "removed" is not a list of SKUs');
    // Undo writes a group's lines from these, as it does a user's from theirs.
    for (const key of ['before', 'after'] as const) {
      if (v[key] === undefined) continue;
      const problem = stateProblem(v[key]);
      if (problem) return bad(`"${key}" ${problem}`);
    }
  } else {
    for (const key of ['group', 'groupId', 'user', 'userId', 'sku', 'error', 'fix'] as const) {
      if (typeof v[key] !== 'string' || !v[key]) return bad(`a member-error line has no "${key}"`);
    }
  }
  return { kind: 'group-line', line: v as unknown as GroupJournalLine };
}

/** What is wrong with a `desired` user, or undefined when retry can act on it as it is. */
function desiredProblem(d: unknown, user: string): string | undefined {
  if (!isObject(d)) return 'is not an object';
  if (typeof d.user !== 'string' || d.user.toLowerCase() !== user.toLowerCase()) return 'names another user';
  if (typeof d.line !== 'number' || !Number.isInteger(d.line)) return 'has no line number';
  if (!Array.isArray(d.assign) || !d.assign.every(isLicense)) return 'has no valid "assign" list';
  if (!isStringArray(d.remove)) return 'has no valid "remove" list';
  if (d.usageLocation !== undefined && typeof d.usageLocation !== 'string') return 'has a "usageLocation" that is not a string';
  if (typeof d.onPremisesPstn !== 'boolean') return 'has no "onPremisesPstn" flag';
  if (d.exact !== undefined && typeof d.exact !== 'boolean') return 'has an "exact" flag that is not true or false';
  return undefined;
}

/** What is wrong with a recorded direct state (plan/direct-state.ts), or undefined. */
function stateProblem(s: unknown): string | undefined {
  if (!isObject(s) || !Array.isArray(s.licenses)) return 'has no "licenses" list';
  for (const l of s.licenses) {
    if (!isObject(l) || typeof l.skuId !== 'string' || !isGuid(l.skuId) || typeof l.partNumber !== 'string' || !isStringArray(l.disabledPlans) || !l.disabledPlans.every(isGuid)) {
      return 'has a license that is not a skuId, a part number and disabled plan ids';
    }
  }
  if (s.usageLocation !== undefined && typeof s.usageLocation !== 'string') return 'has a "usageLocation" that is not a string';
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
    assign: d.assign.map((a) => (a.disabledPlans ? { sku: a.sku, disabledPlans: [...a.disabledPlans] } : { sku: a.sku })),
    remove: [...d.remove],
    ...(d.usageLocation !== undefined ? { usageLocation: d.usageLocation } : {}),
    onPremisesPstn: d.onPremisesPstn,
    ...(d.exact ? { exact: true } : {}),
  };
}
