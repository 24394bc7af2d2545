import type { RunPlan } from '../plan/plan-run';

/** What a run is about to do, counted per SKU: the confirmation an admin reads before saying yes. */
export interface PlanTotals {
  readonly change: number;
  readonly unchanged: number;
  readonly failing: number;
  readonly adds: ReadonlyMap<string, number>;
  readonly removes: ReadonlyMap<string, number>;
  readonly disabledPlanChanges: ReadonlyMap<string, number>;
  readonly usageLocations: number;
}

const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);

export function planTotals(plan: RunPlan): PlanTotals {
  const adds = new Map<string, number>();
  const removes = new Map<string, number>();
  const disabledPlanChanges = new Map<string, number>();
  let change = 0, unchanged = 0, failing = 0, usageLocations = 0;
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
  return { change, unchanged, failing, adds, removes, disabledPlanChanges, usageLocations };
}

export function formatPlanTotals(t: PlanTotals): string {
  const list = (m: ReadonlyMap<string, number>, sign: string) => [...m].map(([sku, n]) => `${sign}${sku} ×${n}`);
  const changes = [
    ...list(t.adds, '+'),
    ...list(t.removes, '-'),
    ...list(t.disabledPlanChanges, '~'),
    ...(t.usageLocations ? [`usage location ×${t.usageLocations}`] : []),
  ];
  return `${t.change} to change, ${t.unchanged} unchanged, ${t.failing} will fail${changes.length ? `: ${changes.join(', ')}` : ''}`;
}
