import { count, english, plural, type Translate } from '../text/translate';
import type { TenantSku } from './tenant-skus';

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
export function seatSummary(sku: TenantSku, t: Translate = english): string {
  const n = (x: number) => count(t, x);
  if (!acceptsNewAssignments(sku)) return t('0 seats left: subscription {0}, no new assignments', sku.capabilityStatus);
  if (sku.seatsLeft < 0)
    return t('0 of {0} seats left: {1} assigned, {2} over', n(sku.seatsTotal), n(sku.seatsUsed), n(-sku.seatsLeft));
  // English says "seats" whatever the count; French agrees with the seats left ("1 place restante sur 10").
  return plural(t, sku.seatsLeft, '{0} of {1} seats left//one', '{0} of {1} seats left', n(sku.seatsTotal));
}

/** Units that exist but are not seats: "; 5 suspended, 2 locked out (not assignable)", or "". */
export function unassignableUnits(
  sku: Pick<TenantSku, 'seatsWarning' | 'seatsSuspended' | 'seatsLockedOut'>,
  t: Translate = english,
): string {
  const parts = [
    sku.seatsWarning ? t('{0} in warning (expired)', count(t, sku.seatsWarning)) : '',
    sku.seatsSuspended ? t('{0} suspended', count(t, sku.seatsSuspended)) : '',
    sku.seatsLockedOut ? t('{0} locked out', count(t, sku.seatsLockedOut)) : '',
  ].filter(Boolean);
  return parts.length ? t('; {0} (not assignable)', parts.join(', ')) : '';
}
