import type { GraphUser } from '../graph/resources';
import { holdingOf, skuIdsOf } from './holding';

/** One license assigned to the user directly (not through a group). Ids in lower case. */
export interface DirectLicense {
  readonly skuId: string;
  /** For people reading a journal or an undo file; the skuId is what identifies it. */
  readonly partNumber: string;
  readonly disabledPlans: readonly string[];
}

/**
 * What a user holds that a `.licenses` file can change: the direct licenses with their disabled
 * plans, and the usage location. Group licenses are left out: no write of ours touches them.
 */
export interface DirectState {
  readonly licenses: readonly DirectLicense[];
  readonly usageLocation?: string;
}

/**
 * The user's direct licenses as Graph lists them now, in skuId order (so two states compare as
 * text). `partNumberOf`: the tenant's name for a skuId (plan/resulting-licenses.ts skuPlans).
 */
export function directStateOf(user: GraphUser, partNumberOf: (skuId: string) => string): DirectState {
  const licenses: DirectLicense[] = [];
  for (const skuId of skuIdsOf(user)) {
    const direct = holdingOf(user, skuId, new Map()).direct;
    if (direct)
      licenses.push({ skuId, partNumber: partNumberOf(skuId), disabledPlans: [...direct.disabledPlans].sort() });
  }
  licenses.sort((a, b) => (a.skuId < b.skuId ? -1 : a.skuId > b.skuId ? 1 : 0));
  return { licenses, ...(user.usageLocation ? { usageLocation: user.usageLocation } : {}) };
}

/**
 * What the user holds directly once the planned write went through: Graph replaces the disabled plans of every SKU
 * sent.
 */
export function directStateAfter(
  before: DirectState,
  add: readonly Pick<DirectLicense, 'skuId' | 'partNumber' | 'disabledPlans'>[],
  remove: readonly { readonly skuId: string }[],
  setUsageLocation?: string,
): DirectState {
  const gone = new Set([...remove.map((r) => r.skuId.toLowerCase()), ...add.map((a) => a.skuId.toLowerCase())]);
  const licenses = before.licenses.filter((l) => !gone.has(l.skuId));
  for (const a of add)
    licenses.push({
      skuId: a.skuId.toLowerCase(),
      partNumber: a.partNumber,
      disabledPlans: a.disabledPlans.map((p) => p.toLowerCase()).sort(),
    });
  licenses.sort((a, b) => (a.skuId < b.skuId ? -1 : a.skuId > b.skuId ? 1 : 0));
  const usageLocation = setUsageLocation ?? before.usageLocation;
  return { licenses, ...(usageLocation ? { usageLocation } : {}) };
}

/** One way a user's direct licenses differ from an expected state. */
export interface DirectDifference {
  readonly kind: 'added' | 'removed' | 'disabled-plans';
  readonly partNumber: string;
}

/**
 * How `now` differs from `expected`, per SKU. Empty: the same direct licenses and disabled plans (usage location
 * aside).
 */
export function directDifferences(expected: DirectState, now: DirectState): DirectDifference[] {
  const was = new Map(expected.licenses.map((l) => [l.skuId.toLowerCase(), l]));
  const is = new Map(now.licenses.map((l) => [l.skuId.toLowerCase(), l]));
  const plans = (l: DirectLicense) =>
    l.disabledPlans
      .map((p) => p.toLowerCase())
      .sort()
      .join(',');
  const out: DirectDifference[] = [];
  for (const [skuId, l] of is) {
    const e = was.get(skuId);
    if (!e) out.push({ kind: 'added', partNumber: l.partNumber });
    else if (plans(e) !== plans(l)) out.push({ kind: 'disabled-plans', partNumber: l.partNumber });
  }
  for (const [skuId, e] of was) if (!is.has(skuId)) out.push({ kind: 'removed', partNumber: e.partNumber });
  return out;
}
