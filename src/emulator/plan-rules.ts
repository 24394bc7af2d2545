import { EXCLUSIVE_GROUPS, PLAN_DEPENDENCIES } from '../core/catalog/service-plan-rules';
import { PLAN_ROWS } from '../core/catalog/catalog-data.generated';
import { fail, type Failure } from './errors';
import { type EmulatorTenant } from './tenant';

/**
 * Service-plan rules evaluated on the plan set a user would END UP with (after removes and adds, minus
 * disabled plans, plus what groups grant), so that adding Phone System and a Calling Plan in one call
 * succeeds and removing Phone System while keeping a Calling Plan fails (graph-notes §10; the
 * "assign the whole license set in ONE call" advice in §1.3 relies on exactly this).
 * The rule data is the project's own (src/core/catalog/service-plan-rules.ts), with its sources.
 */

/** Enabled plans keyed by upper-case plan name → servicePlanId. */
export type EnabledPlans = Map<string, string>;

export function enabledPlans(tenant: EmulatorTenant, assignments: readonly { skuId: string; disabledPlans: readonly string[] }[]): EnabledPlans {
  const out: EnabledPlans = new Map();
  for (const a of assignments) {
    const sku = tenant.findSku(a.skuId);
    for (const p of sku?.servicePlans ?? []) {
      if (!a.disabledPlans.includes(p.servicePlanId)) out.set(p.servicePlanName.toUpperCase(), p.servicePlanId);
    }
  }
  return out;
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
  for (const group of EXCLUSIVE_GROUPS) {
    const held = group.plans.filter((name) => plans.has(name.toUpperCase()));
    if (held.length >= 2) {
      const [a, b] = held.map((name) => plans.get(name.toUpperCase()));
      return fail(400, 'Request_BadRequest', `License assignment failed because service plans ${a}, ${b} are mutually exclusive.`);
    }
  }
  return undefined;
}

/**
 * DependencyViolation: "a service plan that depends on another service plan but the user doesn't have
 * that" (microsoft-graph-docs#3167). Text, verbatim from a captured Request_BadRequest:
 * "License assignment failed because service plan {dependent} depends on the service plan(s) {required}."
 * The required ids are the prerequisite plans the tenant subscribes to (else every catalog id).
 */
export function checkDependencies(tenant: EmulatorTenant, plans: EnabledPlans): Failure | undefined {
  for (const rule of PLAN_DEPENDENCIES) {
    if (rule.requiresAnyOf.some((name) => plans.has(name.toUpperCase()))) continue;
    const dependent = rule.plans.find((name) => plans.has(name.toUpperCase()));
    if (dependent === undefined) continue;
    const required = requiredPlanIds(tenant, rule.requiresAnyOf);
    return fail(400, 'Request_BadRequest',
      `License assignment failed because service plan ${plans.get(dependent.toUpperCase())} depends on the service plan(s) ${required.join(', ')}.`);
  }
  return undefined;
}

function requiredPlanIds(tenant: EmulatorTenant, names: readonly string[]): string[] {
  const wanted = new Set(names.map((n) => n.toUpperCase()));
  const inTenant = new Set<string>();
  for (const sku of tenant.skus) for (const p of sku.servicePlans) if (wanted.has(p.servicePlanName.toUpperCase())) inTenant.add(p.servicePlanId);
  if (inTenant.size) return [...inTenant];
  return PLAN_ROWS.filter(([, name]) => wanted.has(name.toUpperCase())).map(([id]) => id);
}
