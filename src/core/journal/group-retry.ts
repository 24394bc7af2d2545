import type { DesiredGroup } from '../desired/desired-groups';
import type { Journal } from './journal';

const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

/**
 * Only the fields a DesiredGroup has, or undefined when the journal's copy is not one (a journal is a file anyone may
 * edit).
 */
function desiredGroupOf(d: unknown): DesiredGroup | undefined {
  if (typeof d !== 'object' || d === null) return undefined;
  const g = d as Record<string, unknown>;
  if (
    typeof g.group !== 'string' ||
    !g.group.trim() ||
    typeof g.line !== 'number' ||
    !isStringArray(g.remove) ||
    typeof g.onPremisesPstn !== 'boolean' ||
    !Array.isArray(g.assign)
  )
    return undefined;
  const assign = [];
  for (const a of g.assign as unknown[]) {
    const l = a as Record<string, unknown> | null;
    if (!l || typeof l.sku !== 'string' || (l.disabledPlans !== undefined && !isStringArray(l.disabledPlans)))
      return undefined;
    assign.push(l.disabledPlans ? { sku: l.sku, disabledPlans: [...(l.disabledPlans as string[])] } : { sku: l.sku });
  }
  return { group: g.group, line: g.line, assign, remove: [...g.remove], onPremisesPstn: g.onPremisesPstn };
}

/**
 * Groups whose last line in the journal is failed, skipped or pending (the run died before Graph's answer), as the file
 * wanted them: what a retry runs again.
 */
export function groupsToRetry(journal: Journal): DesiredGroup[] {
  const last = new Map<string, unknown>();
  for (const line of journal.groupLines ?? []) {
    if (line.kind !== 'group') continue;
    const key = (line.groupId ?? line.group).toLowerCase();
    last.set(
      key,
      line.outcome === 'failed' || line.outcome === 'skipped' || line.outcome === 'pending' ? line.desired : undefined,
    );
  }
  return [...last.values()].map(desiredGroupOf).filter((g): g is DesiredGroup => g !== undefined);
}
