import type { GroupPlan } from './group-plan';
import type { SeatCounts } from './seats';

/** Seats the groups' members take and give back, per skuId, for the run's one seat check. */
export function groupSeatCounts(groups: readonly GroupPlan[]): SeatCounts {
  const needed = new Map<string, number>();
  const freed = new Map<string, number>();
  for (const g of groups) {
    if (g.kind !== 'change') continue;
    for (const a of g.add) if (a.newSeats > 0) needed.set(a.skuId, (needed.get(a.skuId) ?? 0) + a.newSeats);
    for (const r of g.remove) if (r.freedSeats > 0) freed.set(r.skuId, (freed.get(r.skuId) ?? 0) + r.freedSeats);
  }
  return { needed, freed };
}
