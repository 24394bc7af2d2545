import type { Catalog, ServicePlan } from '../catalog/catalog';
import { PLAN_DEPENDENCIES, type PlanDependency } from '../catalog/licensing-rules';
// From the module itself, not the index: compiled to CommonJS, a re-export is a getter, and this runs per word.
import { enabledPlans, firstLineOf, type BlockModel } from '../model/block-model';
import { DEPENDENCY_RULES } from './definitions/dependency';
import { finding } from './finding';
import type { FindingList } from './finding-list';
import { say } from './rule';

/**
 * Service-plan dependencies, judged on what the block turns on: every row of the licensing table
 * (catalog/licensing-rules.ts), the same rows the planner refuses a user's resulting set by. A
 * dependent plan with none of its prerequisites on in the block is flagged on the SKU that brings
 * it; when the block itself turns the prerequisite off (`disable ENTERPRISEPACK: SHAREPOINTENTERPRISE`
 * while Office for the web stays on), on the plan turned off, with the fix of turning it back on.
 */
export function dependencyRules(model: BlockModel, findings: FindingList, catalog: Catalog): void {
  if ((model.block.users.length === 0 && model.block.groups.length === 0) || model.assigned.length === 0) return;
  let broken: number[] | undefined;
  for (let r = 0; r < ROWS.length; r++) {
    let dependent = false;
    let required = false;
    for (let i = 0; i < model.assigned.length && !required; i++) {
      const use = model.assigned[i];
      if (!use.sku) continue;
      const facts = factsOf(enabledPlans(model, use));
      dependent ||= facts.dependent[r] !== undefined;
      required = facts.required[r];
    }
    if (dependent && !required) (broken ??= []).push(r);
  }
  if (!broken) return;
  const groupsOnly = model.block.users.length === 0;
  for (const r of broken) {
    const row = PLAN_DEPENDENCIES[r];
    if (row.rule === 'calling-plan-needs-phone-system') {
      // A Calling Plan in a `pstn on-premises` block is an error of its own (voice-rules.ts).
      if (!model.onPremisesPstn) callingPlanRule(model, findings, r);
      continue;
    }
    if (turnedOffHere(model, findings, catalog, row, r)) continue;
    // A group must hold the prerequisite itself: Graph refuses the group's assignment. A user may hold it
    // from another license (Audio Conferencing beside E3), so the block alone cannot say: the preview judges each user.
    const code = groupsOnly ? 'plan-needs-plan' : 'add-on-needs-prerequisite';
    for (let i = 0; i < model.assigned.length; i++) {
      const use = model.assigned[i];
      if (!use.sku) continue;
      const plan = factsOf(enabledPlans(model, use)).dependent[r];
      if (!plan || !findings.admits(code, use.line, use.token.start, use.token.end)) continue;
      const args = [use.sku.partNumber, plan.name, row.requiredLabel];
      const message = groupsOnly
        ? say(findings.t, DEPENDENCY_RULES['plan-needs-plan'], 'groupWithout', ...args)
        : say(findings.t, DEPENDENCY_RULES['add-on-needs-prerequisite'], 'default', ...args);
      findings.push(finding(code, message, use.line, use.token.start, use.token.end));
    }
  }
}

/** Flags the `disable` words that turn off the prerequisite of a plan the block keeps on. */
function turnedOffHere(
  model: BlockModel,
  findings: FindingList,
  catalog: Catalog,
  row: PlanDependency,
  r: number,
): boolean {
  const wanted = REQUIRED[r];
  let found = false;
  for (const d of model.disables) {
    if (!d.use.sku || !model.assigned.some((a) => a.key === d.use.key)) continue;
    for (const word of d.directive.plans) {
      const plan = catalog.planInSku(d.use.sku, word.text);
      if (!plan || !wanted.has(plan.name.toUpperCase())) continue;
      found = true;
      if (!findings.admits('plan-needs-plan', d.directive.line, word.start, word.end)) continue;
      const dependent = model.assigned
        .map((a) => (a.sku ? { sku: a.sku.partNumber, plan: factsOf(enabledPlans(model, a)).dependent[r] } : undefined))
        .find((x) => x?.plan !== undefined)!;
      findings.push(
        finding(
          'plan-needs-plan',
          say(
            findings.t,
            DEPENDENCY_RULES['plan-needs-plan'],
            'turnedOff',
            plan.name,
            dependent.plan!.name,
            dependent.sku,
          ),
          d.directive.line,
          word.start,
          word.end,
          { removeFromList: true },
        ),
      );
    }
  }
  return found;
}

function callingPlanRule(model: BlockModel, findings: FindingList, r: number): void {
  for (let i = 0; i < model.assigned.length; i++) {
    const use = model.assigned[i];
    if (!use.sku || !factsOf(enabledPlans(model, use)).dependent[r]) continue;
    if (!findings.admits('calling-plan-needs-phone-system', use.line, use.token.start, use.token.end)) continue;
    // "You must first purchase a Phone System add-on license." (calling-plans-for-office-365.md)
    findings.push(
      finding(
        'calling-plan-needs-phone-system',
        say(findings.t, DEPENDENCY_RULES['calling-plan-needs-phone-system'], 'default', use.sku.partNumber),
        use.line,
        use.token.start,
        use.token.end,
        { addToAssign: { sku: 'MCOEV', assignLine: firstLineOf(model.block, 'assign'), beforeLine: use.line } },
      ),
    );
  }
}

const ROWS = PLAN_DEPENDENCIES.map((row) => new Set(row.plans.map((p) => p.toUpperCase())));
const REQUIRED = PLAN_DEPENDENCIES.map((row) => new Set(row.requiresAnyOf.map((p) => p.toUpperCase())));

/** Per row of the table: the dependent plan a set turns on, and whether it turns on a prerequisite. */
interface DependencyFacts {
  readonly dependent: readonly (ServicePlan | undefined)[];
  readonly required: readonly boolean[];
}

// Worked out once per set of plans: a file repeats one SKU thousands of times, and they share one array.
const facts = new WeakMap<readonly ServicePlan[], DependencyFacts>();

function factsOf(plans: readonly ServicePlan[]): DependencyFacts {
  let known = facts.get(plans);
  if (!known) {
    known = {
      dependent: ROWS.map((row) => plans.find((p) => row.has(p.name.toUpperCase()))),
      required: REQUIRED.map((row) => plans.some((p) => row.has(p.name.toUpperCase()))),
    };
    facts.set(plans, known);
  }
  return known;
}
