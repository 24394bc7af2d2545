import type { PlanBlocker, SeatShortfall } from './blockers';
import type { TenantSkus } from './tenant-skus';
import type { UserPlan } from './user-plan';

function seatCounts(plans: readonly UserPlan[]): { needed: Map<string, number>; freed: Map<string, number> } {
  const needed = new Map<string, number>();
  const freed = new Map<string, number>();
  for (const p of plans) {
    if (p.kind !== 'change') continue;
    for (const a of p.add) if (a.takesSeat) needed.set(a.skuId, (needed.get(a.skuId) ?? 0) + 1);
    for (const r of p.remove) if (r.freesSeat) freed.set(r.skuId, (freed.get(r.skuId) ?? 0) + 1);
  }
  return { needed, freed };
}

/**
 * Seats needed vs seats left, per SKU, over the whole run (issue 3, step 4). Seats that users in
 * this run give back count, because the run sends the users who free them first (seatFreeingPhases).
 */
export function seatShortfalls(plans: readonly UserPlan[], skus: TenantSkus): SeatShortfall[] {
  const { needed, freed } = seatCounts(plans);
  const shortfalls: SeatShortfall[] = [];
  for (const [skuId, count] of needed) {
    const sku = skus.byIdOrUndefined(skuId);
    const available = Math.max(0, sku?.seatsLeft ?? 0);
    const back = freed.get(skuId) ?? 0;
    const missing = count - available - back;
    if (missing > 0) shortfalls.push({ skuId, partNumber: sku?.partNumber ?? skuId, needed: count, freed: back, available, missing });
  }
  return shortfalls;
}

export function shortfallBlocker(s: SeatShortfall): PlanBlocker {
  const freed = s.freed ? ` (plus ${s.freed} this run gives back)` : '';
  return {
    code: 'NotEnoughSeats',
    message: `${s.partNumber} lacks ${s.missing} seat${s.missing === 1 ? '' : 's'}: ${s.needed} new assignment${s.needed === 1 ? '' : 's'}, ${s.available} seat${s.available === 1 ? '' : 's'} left${freed}.`,
    hint: `Buy ${s.missing} more ${s.partNumber} seat${s.missing === 1 ? '' : 's'}, free some, or take users out of the file. Nothing was written.`,
  };
}

/**
 * Where the seat check counted seats this run gives back (more users take a SKU than it has seats
 * left), the users giving them back must be done before anyone takes one: two phases, the second
 * started only when the first has finished (ordering alone is not enough, since several batches
 * are in flight at once). Otherwise one phase, so the run keeps its fewest round trips.
 */
export function seatFreeingPhases(plans: readonly UserPlan[], skus: TenantSkus): UserPlan[][] {
  const { needed } = seatCounts(plans);
  const relying = new Set([...needed].filter(([skuId, count]) => count > Math.max(0, skus.byIdOrUndefined(skuId)?.seatsLeft ?? 0)).map(([skuId]) => skuId));
  const frees = (p: UserPlan) => p.remove.some((r) => r.freesSeat && relying.has(r.skuId));
  const first = plans.filter(frees);
  if (first.length === 0) return plans.length ? [[...plans]] : [];
  return [first, plans.filter((p) => !frees(p))].filter((phase) => phase.length > 0);
}
