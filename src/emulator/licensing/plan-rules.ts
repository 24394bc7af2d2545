import { fail, type Failure } from '../http/errors';
import { DEPENDENCIES, MUTUALLY_EXCLUSIVE } from './licensing-rule-table';
import { type EmulatorSku, type EmulatorTenant } from '../directory/tenant';

/**
 * Service-plan rules evaluated on the plan set a user would END UP with (after removes and adds, minus
 * disabled plans, plus what groups grant), so that adding Phone System and a Calling Plan in one call
 * succeeds and removing Phone System while keeping a Calling Plan fails (Graph applies one
 * assignLicense call as a whole: docs/graph-notes.md). The rules are the emulator's own table
 * (./licensing-rule-table.ts), written from Microsoft's documentation, not the validator's.
 */

/** Enabled plans keyed by lower-case servicePlanId → servicePlanId as the SKU spells it. */
export type EnabledPlans = Map<string, string>;

export function enabledPlans(
  tenant: EmulatorTenant,
  assignments: readonly { skuId: string; disabledPlans: readonly string[] }[],
): EnabledPlans {
  const out: EnabledPlans = new Map();
  for (const a of assignments) {
    const sku = tenant.findSku(a.skuId);
    if (!sku) continue;
    const disabled = a.disabledPlans.length ? new Set(a.disabledPlans.map((id) => id.toLowerCase())) : undefined;
    for (const [key, id] of planKeys(sku)) if (!disabled?.has(key)) out.set(key, id);
  }
  return out;
}

/** Each SKU's plans as [lower-case id, id as spelled], worked out once per SKU: every request asks for them. */
const PLAN_KEYS = new WeakMap<EmulatorSku, readonly (readonly [string, string])[]>();
export function planKeys(sku: EmulatorSku): readonly (readonly [string, string])[] {
  let keys = PLAN_KEYS.get(sku);
  if (!keys || keys.length !== sku.servicePlans.length) {
    keys = sku.servicePlans.map((p) => [p.servicePlanId.toLowerCase(), p.servicePlanId] as const);
    PLAN_KEYS.set(sku, keys);
  }
  return keys;
}

/**
 * MutuallyExclusiveViolation: "Some products contain service plans that cannot be assigned to the same
 * user at the same time" (entra-docs licensing-service-plan-reference.md). The same plan arriving from
 * two SKUs is not a conflict (E3 + E5 share SHAREPOINTENTERPRISE); two different plans of one group are
 * (E1's SHAREPOINTSTANDARD with E3's SHAREPOINTENTERPRISE: the doc's own "E1 and E3" example).
 * Text: "License assignment failed because service plans {a}, {b} are mutually exclusive."
 * (entra-docs licensing-groups-resolve-problems.md audit-log wording; Cloud Licensing design doc JSON.)
 */
export function checkMutualExclusion(plans: EnabledPlans): Failure | undefined {
  for (const group of MUTUALLY_EXCLUSIVE) {
    const held = group.plans.filter((p) => plans.has(p.id));
    if (held.length >= 2) {
      const [a, b] = held.map((p) => plans.get(p.id));
      return fail(
        400,
        'Request_BadRequest',
        `License assignment failed because service plans ${a}, ${b} are mutually exclusive.`,
      );
    }
  }
  return undefined;
}

/**
 * DependencyViolation: "a service plan that depends on another service plan but the user doesn't have
 * that" (microsoft-graph-docs#3167). Text, verbatim from a captured Request_BadRequest:
 * "License assignment failed because service plan {dependent} depends on the service plan(s) {required}."
 * The required ids are the prerequisite plans the tenant subscribes to (else all of them).
 */
export function checkDependencies(tenant: EmulatorTenant, plans: EnabledPlans): Failure | undefined {
  for (const rule of DEPENDENCIES) {
    if (rule.requiresAnyOf.some((p) => plans.has(p.id))) continue;
    const dependent = rule.dependents.find((p) => plans.has(p.id));
    if (dependent === undefined) continue;
    const inTenant = rule.requiresAnyOf.filter((p) =>
      tenant.skus.some((sku) => sku.servicePlans.some((s) => s.servicePlanId.toLowerCase() === p.id)),
    );
    const required = (inTenant.length ? inTenant : rule.requiresAnyOf).map((p) => p.id);
    return fail(
      400,
      'Request_BadRequest',
      `License assignment failed because service plan ${plans.get(dependent.id)} depends on the service plan(s) ${required.join(', ')}.`,
    );
  }
  return undefined;
}
