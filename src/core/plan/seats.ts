import type { PlanBlocker, SeatShortfall } from './blockers';
import type { TenantSku, TenantSkus } from './tenant-skus';
import type { UserPlan } from './user-plan';

/**
 * Which seats a new assignment may take. Microsoft Graph, subscribedSku and licenseUnitsDetail
 * (https://learn.microsoft.com/graph/api/resources/subscribedsku,
 * https://learn.microsoft.com/graph/api/resources/licenseunitsdetail):
 * - `prepaidUnits.enabled`: "units that are enabled for the active subscription". Only these take
 *   new assignments, and `consumedUnits` ("licenses that have been assigned") counts against them.
 * - `warning`: the subscription expired and is in its grace period before cancellation;
 *   `suspended`: cancelled, the units "can't be assigned"; `lockedOut`: cancelled. None of them is
 *   a seat for a new assignment (the docs promise none for warning units, and a seat promised here
 *   but refused by Graph mid-run is exactly what this check exists to prevent).
 * - `capabilityStatus`: "Enabled indicates that the prepaidUnits property has at least one unit that
 *   is enabled"; any other value (Warning, Suspended, Deleted, LockedOut) means no new assignment at
 *   all, whatever the run frees.
 * So seats left = enabled − consumedUnits, not clamped: after a subscription shrinks, consumedUnits
 * is often above enabled, and the seats a run frees first pay off that excess. Clamping to 0 once
 * let a run remove 3 and add 3 on 15 assigned of 10 seats: the removals went through, every add
 * failed.
 */
export function acceptsNewAssignments(sku: TenantSku): boolean {
  return sku.capabilityStatus === 'Enabled';
}

/**
 * How many seats `needed` new assignments lack on this SKU when `freed` of its licenses are given
 * back first. The one seat arithmetic: the plan's seat check, the `not-enough-seats` rule and the
 * Licenses view all use it. An unknown SKU has no seats.
 */
export function seatsLacking(sku: TenantSku | undefined, needed: number, freed = 0): number {
  if (needed <= 0) return 0;
  if (!sku || !acceptsNewAssignments(sku)) return needed;
  return Math.max(0, needed - freed - sku.seatsLeft);
}

/** Seats a new assignment may still take: 0 when over-assigned or when the subscription takes none. */
export function seatsAvailable(sku: TenantSku): number {
  return acceptsNewAssignments(sku) ? Math.max(0, sku.seatsLeft) : 0;
}

/** "5 of 10 seats left", "0 of 10 seats left: 15 assigned, 5 over", "0 seats left: subscription Suspended". */
export function seatSummary(sku: TenantSku): string {
  if (!acceptsNewAssignments(sku)) return `0 seats left: subscription ${sku.capabilityStatus}, no new assignments`;
  if (sku.seatsLeft < 0) return `0 of ${sku.seatsTotal} seats left: ${sku.seatsUsed} assigned, ${-sku.seatsLeft} over`;
  return `${sku.seatsLeft} of ${sku.seatsTotal} seats left`;
}

/** Units that exist but are not seats: "; 5 suspended, 2 locked out (not assignable)", or "". */
export function unassignableUnits(sku: Pick<TenantSku, 'seatsWarning' | 'seatsSuspended' | 'seatsLockedOut'>): string {
  const parts = [
    sku.seatsWarning ? `${sku.seatsWarning} in warning (expired)` : '',
    sku.seatsSuspended ? `${sku.seatsSuspended} suspended` : '',
    sku.seatsLockedOut ? `${sku.seatsLockedOut} locked out` : '',
  ].filter(Boolean);
  return parts.length ? `; ${parts.join(', ')} (not assignable)` : '';
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
export function seatShortfalls(plans: readonly UserPlan[], skus: TenantSkus): SeatShortfall[] {
  const { needed, freed } = seatCounts(plans);
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

const seats = (n: number) => `${n} seat${n === 1 ? '' : 's'}`;

/** The admin's numbers: what the tenant has, what the run needs, what must change first. */
export function shortfallBlocker(s: SeatShortfall): PlanBlocker {
  const assignments = `${s.needed} new assignment${s.needed === 1 ? '' : 's'}`;
  const back = s.freed ? ` (plus ${s.freed} this run gives back)` : '';
  const units = unassignableUnits({ seatsWarning: s.warning, seatsSuspended: s.suspended, seatsLockedOut: s.lockedOut });
  if (s.capabilityStatus !== 'Enabled') {
    return {
      code: 'NotEnoughSeats',
      message: `${s.partNumber} takes no new assignments: its subscription is ${s.capabilityStatus} (${s.used} assigned${units}); this run needs ${assignments}.`,
      hint: `Renew or reactivate the ${s.partNumber} subscription in the Microsoft 365 admin center, or take these users out of the file. Nothing was written.`,
    };
  }
  if (s.available < 0) {
    return {
      code: 'NotEnoughSeats',
      message: `${s.partNumber} lacks ${seats(s.missing)}: ${s.used} assigned of ${seats(s.total)}${units}, so ${-s.available} must be freed before any new assignment; this run needs ${assignments}${back}.`,
      hint: `Free or buy ${seats(s.missing)} of ${s.partNumber} (remove it from users who no longer need it), or take users out of the file. Nothing was written.`,
    };
  }
  return {
    code: 'NotEnoughSeats',
    message: `${s.partNumber} lacks ${seats(s.missing)}: ${assignments}, ${seats(s.available)} left${back}${units}.`,
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
  const relying = new Set([...needed].filter(([skuId, count]) => seatsLacking(skus.byIdOrUndefined(skuId), count) > 0).map(([skuId]) => skuId));
  const frees = (p: UserPlan) => p.remove.some((r) => r.freesSeat && relying.has(r.skuId));
  const first = plans.filter(frees);
  if (first.length === 0) return plans.length ? [[...plans]] : [];
  return [first, plans.filter((p) => !frees(p))].filter((phase) => phase.length > 0);
}
