import { seatsLacking, unassignableUnits } from '../tenant/seat-arithmetic';
import { count, english, plural, type Translate } from '../text/translate';
import type { TenantSkus } from '../tenant/tenant-skus';
import type { PlanBlocker, SeatShortfall } from './blockers';
import type { UserPlan } from './user-plan';

/** Seats taken and given back per skuId. */
export interface SeatCounts {
  readonly needed: ReadonlyMap<string, number>;
  readonly freed: ReadonlyMap<string, number>;
}

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
 * Seats needed vs seats left, per SKU, over the whole run. Seats that users in this run give back
 * count, because the run sends the users who free them first (seatFreeingPhases).
 */
export function seatShortfalls(plans: readonly UserPlan[], skus: TenantSkus, groups?: SeatCounts): SeatShortfall[] {
  const { needed, freed } = seatCounts(plans);
  // Group licenses: members who newly receive a SKU take seats like users (group-seats.ts).
  for (const [skuId, n] of groups?.needed ?? []) needed.set(skuId, (needed.get(skuId) ?? 0) + n);
  for (const [skuId, n] of groups?.freed ?? []) freed.set(skuId, (freed.get(skuId) ?? 0) + n);
  const shortfalls: SeatShortfall[] = [];
  for (const [skuId, count] of needed) {
    const sku = skus.byIdOrUndefined(skuId);
    const back = freed.get(skuId) ?? 0;
    const missing = seatsLacking(sku, count, back);
    if (missing === 0) continue;
    shortfalls.push({
      skuId,
      partNumber: sku?.partNumber ?? skuId,
      needed: count,
      freed: back,
      available: sku?.seatsLeft ?? 0,
      missing,
      total: sku?.seatsTotal ?? 0,
      used: sku?.seatsUsed ?? 0,
      warning: sku?.seatsWarning ?? 0,
      suspended: sku?.seatsSuspended ?? 0,
      lockedOut: sku?.seatsLockedOut ?? 0,
      capabilityStatus: sku?.capabilityStatus ?? 'Enabled',
    });
  }
  return shortfalls;
}

/** The admin's numbers: what the tenant has, what the run needs, what must change first. */
export function shortfallBlocker(s: SeatShortfall, t: Translate = english): PlanBlocker {
  const seats = (n: number) => plural(t, n, '{0} seat', '{0} seats');
  const assignments = plural(t, s.needed, '{0} new assignment', '{0} new assignments');
  const back = s.freed ? t(' (plus {0} this run gives back)', count(t, s.freed)) : '';
  const units = unassignableUnits(
    { seatsWarning: s.warning, seatsSuspended: s.suspended, seatsLockedOut: s.lockedOut },
    t,
  );
  if (s.capabilityStatus !== 'Enabled') {
    return {
      code: 'NotEnoughSeats',
      message: t(
        '{0} takes no new assignments: its subscription is {1} ({2} assigned{3}); this run needs {4}.',
        s.partNumber,
        s.capabilityStatus,
        count(t, s.used),
        units,
        assignments,
      ),
      hint: t(
        'Renew or reactivate the {0} subscription in the Microsoft 365 admin center, or take these users out of the file. Nothing was written.',
        s.partNumber,
      ),
    };
  }
  if (s.available < 0) {
    return {
      code: 'NotEnoughSeats',
      message: t(
        '{0} lacks {1}: {2} assigned of {3}{4}, so {5} must be freed before any new assignment; this run needs {6}{7}.',
        s.partNumber,
        seats(s.missing),
        count(t, s.used),
        seats(s.total),
        units,
        count(t, -s.available),
        assignments,
        back,
      ),
      hint: t(
        'Free or buy {0} of {1} (remove it from users who no longer need it), or take users out of the file. Nothing was written.',
        seats(s.missing),
        s.partNumber,
      ),
    };
  }
  return {
    code: 'NotEnoughSeats',
    message: t(
      '{0} lacks {1}: {2}, {3} left{4}{5}.',
      s.partNumber,
      seats(s.missing),
      assignments,
      seats(s.available),
      back,
      units,
    ),
    hint: plural(
      t,
      s.missing,
      'Buy {0} more {1} seat, free some, or take users out of the file. Nothing was written.',
      'Buy {0} more {1} seats, free some, or take users out of the file. Nothing was written.',
      s.partNumber,
    ),
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
  const relying = new Set(
    [...needed]
      .filter(([skuId, count]) => seatsLacking(skus.byIdOrUndefined(skuId), count) > 0)
      .map(([skuId]) => skuId),
  );
  const frees = (p: UserPlan) => p.remove.some((r) => r.freesSeat && relying.has(r.skuId));
  const first = plans.filter(frees);
  if (first.length === 0) return plans.length ? [[...plans]] : [];
  return [first, plans.filter((p) => !frees(p))].filter((phase) => phase.length > 0);
}
