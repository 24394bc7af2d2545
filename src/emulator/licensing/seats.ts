import { fail, type Failure } from '../http/errors';
import { type EmulatorSku } from '../directory/tenant';

/**
 * When an assignLicense add may take a new seat of a SKU. The rule, from Microsoft's definitions:
 *
 * - Only `prepaidUnits.enabled` units can be handed out. licenseUnitsDetail (graph-docs
 *   resources/licenseunitsdetail.md): enabled is "The number of units that are enabled for the active
 *   subscription"; suspended units "can't be assigned but can still be reactivated before they're
 *   deleted"; lockedOut units are "locked out because the customer canceled their subscription";
 *   warning units belong to a subscription that "has expired", in "a grace period to renew". [INF] Neither
 *   warning, suspended nor lockedOut units are assignable here: only enabled ones.
 * - `consumedUnits` ("The number of licenses that have been assigned", subscribedsku.md) can be above
 *   `enabled`: a subscription that shrinks or expires keeps the users who hold it (the doc's own example
 *   lists a Suspended SKU with enabled 0 and consumedUnits 14). Such an over-assigned SKU has no seat.
 * - `capabilityStatus` other than `Enabled` takes no new assignment ([INF]; subscribedsku.md: "Enabled
 *   indicates that the prepaidUnits property has at least one unit that is enabled. LockedOut indicates
 *   that the customer canceled their subscription.", values Enabled, Warning, Suspended, Deleted,
 *   LockedOut).
 *
 * A refused add gets the text Graph gives when seats run out ([OBS] MS Q&A 1028212, full JSON):
 * "Subscription with SKU {skuId} does not have any available licenses." — [INF] the same text for a
 * SKU that is not Enabled. Removals never need a seat, so they work on every SKU, over-assigned or not;
 * so does re-sending a SKU the user already holds (only its disabledPlans change).
 */
export function hasAssignableSeat(
  sku: Pick<EmulatorSku, 'capabilityStatus' | 'consumedUnits' | 'prepaidUnits'>,
): boolean {
  return sku.capabilityStatus === 'Enabled' && sku.consumedUnits < sku.prepaidUnits.enabled;
}

export function noAvailableLicenses(sku: Pick<EmulatorSku, 'skuId'>): Failure {
  return fail(400, 'Request_BadRequest', `Subscription with SKU ${sku.skuId} does not have any available licenses.`);
}
