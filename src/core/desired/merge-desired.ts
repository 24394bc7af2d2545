import type { DesiredLicense, DesiredUser } from './desired';

/**
 * Several files name the same user (a base-licence file and a voice file): merge them the way one
 * file merges its blocks, so the user still gets one plan and one assignLicense. Later files win
 * for the same SKU's disabled plans, for the usage location and for the telephone number. `exact` in one file makes the
 * SKUs of all of them the user's whole set.
 */
export function mergeDesiredUsers(lists: readonly (readonly DesiredUser[])[]): DesiredUser[] {
  const byUser = new Map<string, DesiredUser>();
  for (const list of lists) {
    for (const u of list) {
      const key = u.user.toLowerCase();
      const earlier = byUser.get(key);
      if (!earlier) {
        byUser.set(key, u);
        continue;
      }
      const assign = new Map<string, DesiredLicense>(earlier.assign.map((l) => [l.sku.toUpperCase(), l]));
      for (const l of u.assign) assign.set(l.sku.toUpperCase(), l);
      const remove = new Map(earlier.remove.map((r) => [r.toUpperCase(), r]));
      for (const r of u.remove) remove.set(r.toUpperCase(), r);
      const usageLocation = u.usageLocation ?? earlier.usageLocation;
      const number = u.number ?? earlier.number;
      byUser.set(key, {
        ...earlier,
        assign: [...assign.values()],
        remove: [...remove.values()],
        ...(usageLocation ? { usageLocation } : {}),
        onPremisesPstn: earlier.onPremisesPstn || u.onPremisesPstn,
        ...(earlier.exact || u.exact ? { exact: true } : {}),
        ...(number ? { number } : {}),
      });
    }
  }
  return [...byUser.values()];
}
