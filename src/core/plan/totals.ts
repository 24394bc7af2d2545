import { count, english, plural, type Translate } from '../text/translate';
import { productLabel } from '../catalog/product-label';
import type { RunPlan } from './whole-plan';

/** What a run is about to do, counted per SKU: the confirmation an admin reads before saying yes. */
export interface PlanTotals {
  /** Users of the three classes (plan-class.ts): will change, already as wanted, will not be written. */
  readonly change: number;
  readonly unchanged: number;
  readonly failing: number;
  /** The file's `group` lines, in the same three classes. */
  readonly groups: { readonly change: number; readonly unchanged: number; readonly failing: number };
  readonly adds: ReadonlyMap<string, number>;
  readonly removes: ReadonlyMap<string, number>;
  readonly disabledPlanChanges: ReadonlyMap<string, number>;
  readonly usageLocations: number;
  /**
   * Users whose line gives a number or `no-number`, in the three classes of their number (beside their licenses'),
   * and how many get a number and lose one. Absent when the files give no numbers.
   */
  readonly numbers?: {
    readonly change: number;
    readonly unchanged: number;
    readonly failing: number;
    readonly assign: number;
    readonly unassign: number;
  };
}

const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);

export function planTotals(plan: RunPlan): PlanTotals {
  const adds = new Map<string, number>();
  const removes = new Map<string, number>();
  const disabledPlanChanges = new Map<string, number>();
  let change = 0,
    unchanged = 0,
    failing = 0,
    usageLocations = 0;
  for (const u of plan.users) {
    if (u.kind === 'unchanged') unchanged++;
    else if (u.kind === 'failed') failing++;
    else {
      change++;
      for (const a of u.add) bump(a.why === 'new' ? adds : disabledPlanChanges, a.partNumber);
      for (const r of u.remove) bump(removes, r.partNumber);
      if (u.setUsageLocation) usageLocations++;
    }
  }
  const n = { change: 0, unchanged: 0, failing: 0, assign: 0, unassign: 0 };
  let anyNumber = false;
  for (const u of plan.users) {
    if (!u.number) continue;
    anyNumber = true;
    n[u.number.kind === 'failed' ? 'failing' : u.number.kind]++;
    if (u.number.kind !== 'change') continue;
    if (u.number.assign) n.assign++;
    n.unassign += u.number.unassign.length;
  }
  const groups = { change: 0, unchanged: 0, failing: 0 };
  for (const g of plan.groups ?? []) groups[g.kind === 'failed' ? 'failing' : g.kind]++;
  return {
    change,
    unchanged,
    failing,
    groups,
    adds,
    removes,
    disabledPlanChanges,
    usageLocations,
    ...(anyNumber ? { numbers: n } : {}),
  };
}

/** "1,993 to change, 5 unchanged, 2 will not be written: +MCOEV ×1,993, …", counts written for `t`'s language. */
export function formatPlanTotals(totals: PlanTotals, t: Translate = english): string {
  const list = (m: ReadonlyMap<string, number>, sign: string) =>
    [...m].map(([sku, n]) => `${sign}${productLabel(sku, t.locale)} ×${count(t, n)}`);
  const changes = [
    ...list(totals.adds, '+'),
    ...list(totals.removes, '-'),
    ...list(totals.disabledPlanChanges, '~'),
    ...(totals.usageLocations ? [t('usage location ×{0}', count(t, totals.usageLocations))] : []),
    ...(totals.numbers?.assign ? [t('+number ×{0}', count(t, totals.numbers.assign))] : []),
    ...(totals.numbers?.unassign ? [t('-number ×{0}', count(t, totals.numbers.unassign))] : []),
  ];
  const counts = [
    t('{0} to change', count(t, totals.change)),
    plural(t, totals.unchanged, '{0} unchanged//one', '{0} unchanged'),
    plural(t, totals.failing, '{0} will not be written//one', '{0} will not be written'),
  ].join(', ');
  return changes.length ? t('{0}: {1}', counts, changes.join(', ')) : counts;
}
