import type { BatchRequest } from '../graph/batch-executor';
import type { AssignLicenseBody } from '../graph/resources';
import { userPath } from '../reads/tenant-reads';
import type { UserPlan } from '../plan/user-plan';

/** `PATCH /users/{id}` with the usage location: assignLicense refuses a user without one. */
export function usageLocationRequest<K>(key: K, plan: UserPlan): BatchRequest<K> {
  return { key, method: 'PATCH', url: userPath(plan.userId!), body: { usageLocation: plan.setUsageLocation } };
}

/**
 * One `assignLicense` with every add and remove of the user: atomic, so the user never ends up
 * with half the change, and a base license and its add-on are enabled together. Both keys are
 * always sent (Graph answers 400 when one is missing), and so is `disabledPlans` on every add
 * (Graph replaces the set when a license is sent, so the planner has put the full wanted set there).
 */
export function assignLicenseBody(plan: UserPlan): AssignLicenseBody {
  return {
    addLicenses: plan.add.map((a) => ({ skuId: a.skuId, disabledPlans: [...a.disabledPlans] })),
    removeLicenses: plan.remove.map((r) => r.skuId),
  };
}

export function assignLicenseRequest<K>(key: K, plan: UserPlan): BatchRequest<K> {
  return { key, method: 'POST', url: `${userPath(plan.userId!)}/assignLicense`, body: assignLicenseBody(plan) };
}
