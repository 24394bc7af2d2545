import type { ServicePlan } from '../catalog/catalog';
import { EXCLUSIVE_GROUPS, isCallingPlan, type ExclusiveGroup } from '../catalog/licensing-rules';
// From the module itself, not the index: compiled to CommonJS, a re-export is a getter, and this runs per word.
import { enabledPlans, type BlockModel } from '../model/block-model';
import type { SkuUse } from '../model/sku-use';
import { english, type Translate } from '../text/translate';
import { VOICE_RULES } from './definitions/voice';
import { finding } from './finding';
import type { FindingList } from './finding-list';
import { say } from './rule';

/**
 * Teams voice and stacking rules, judged on the service plans each assigned SKU turns on (minus
 * the block's `disable`), so bundles such as MCOTEAMS_ESSENTIALS or BUSINESS_VOICE count as what
 * they contain. Microsoft's sources are cited next to each rule, here and in catalog/licensing-rules.ts;
 * the dependencies between plans (a Calling Plan needs Phone System) are dependency-rules.ts.
 */
export function voiceRules(model: BlockModel, findings: FindingList): void {
  // an empty block is reported once, as such
  if ((model.block.users.length === 0 && model.block.groups.length === 0) || model.assigned.length === 0) return;
  if (model.onPremisesPstn) {
    for (let i = 0; i < model.assigned.length; i++) {
      const use = model.assigned[i];
      if (!use.sku || !factsOf(enabledPlans(model, use)).calling) continue; // an unknown SKU has no plans
      // "If you're using on-premises PSTN connectivity for users, you only need to assign a Teams
      // Phone Standard license. Do NOT assign a Calling Plan license." (assign-teams-add-on-licenses.md)
      if (findings.admits('calling-plan-with-onprem-pstn', use.line, use.token.start, use.token.end)) {
        findings.push(
          finding(
            'calling-plan-with-onprem-pstn',
            say(findings.t, VOICE_RULES['calling-plan-with-onprem-pstn'], 'default', use.sku.partNumber),
            use.line,
            use.token.start,
            use.token.end,
            { removeFromList: true },
          ),
        );
      }
    }
  }
  exclusiveRules(model, findings);
  redundancyRule(model, findings);
}

/** An assigned SKU with the plans it turns on where it is assigned. */
export interface AssignedPlans {
  readonly use: SkuUse;
  readonly plans: readonly ServicePlan[];
  /** Where SKUs of several blocks are merged for one user: the block this one comes from. */
  readonly block?: number;
}

export interface ExclusiveConflict {
  readonly first: AssignedPlans;
  readonly firstPlan: string;
  readonly second: AssignedPlans;
  readonly secondPlan: string;
  readonly group: ExclusiveGroup;
}

const GROUP_MEMBERS = EXCLUSIVE_GROUPS.map((group) => new Set(group.plans.map((p) => p.toUpperCase())));

/** What a set of enabled plans brings, worked out once per set: repeated words share one array. */
interface PlanFacts {
  readonly calling: boolean;
  /** Per exclusive group (same order as EXCLUSIVE_GROUPS), the first plan of that group. */
  readonly exclusive: readonly (string | undefined)[];
  readonly anyExclusive: boolean;
}

const facts = new WeakMap<readonly ServicePlan[], PlanFacts>();

function factsOf(plans: readonly ServicePlan[]): PlanFacts {
  let known = facts.get(plans);
  if (!known) {
    const exclusive = GROUP_MEMBERS.map((members) => plans.find((p) => members.has(p.name.toUpperCase()))?.name);
    known = {
      calling: plans.some((p) => isCallingPlan(p.name)),
      exclusive,
      anyExclusive: exclusive.some((p) => p !== undefined),
    };
    facts.set(plans, known);
  }
  return known;
}

/** Whether these plans hold any of Microsoft's mutually exclusive plans (worked out once per set of plans). */
export const bringsExclusivePlans = (plans: readonly ServicePlan[]): boolean => factsOf(plans).anyExclusive;

/**
 * Pairs of SKUs that bring different plans of one of Microsoft's mutually exclusive groups.
 * `acrossBlocks`: only pairs from different blocks (a conflict inside one block is reported on that
 * block's line), and each pair once, at the first blocks where it meets: a user listed in
 * thousands of blocks would otherwise get the same finding thousands of times on one word.
 */
export function exclusiveConflicts(assigned: readonly AssignedPlans[], acrossBlocks = false): ExclusiveConflict[] {
  const conflicts: ExclusiveConflict[] = [];
  // Per group, the second SKUs already paired with its first one (no pair string per word).
  const reported = acrossBlocks ? EXCLUSIVE_GROUPS.map(() => new Set<string>()) : undefined;
  // Per group, the first SKU to bring one of its plans; a later SKU bringing a different plan conflicts.
  const firsts: ({ entry: AssignedPlans; plan: string } | undefined)[] = EXCLUSIVE_GROUPS.map(() => undefined);
  for (let i = 0; i < assigned.length; i++) {
    const entry = assigned[i];
    const { exclusive, anyExclusive } = factsOf(entry.plans);
    if (!anyExclusive) continue;
    for (let g = 0; g < exclusive.length; g++) {
      const plan = exclusive[g];
      if (!plan) continue;
      const first = firsts[g];
      if (!first) firsts[g] = { entry, plan };
      else if (first.entry.use.key !== entry.use.key && first.plan.toUpperCase() !== plan.toUpperCase()) {
        if (reported) {
          // The first SKU of the group is fixed, so the group and the second SKU name the pair.
          if (first.entry.block === entry.block || reported[g].has(entry.use.key)) continue;
          reported[g].add(entry.use.key);
        }
        conflicts.push({
          first: first.entry,
          firstPlan: first.plan,
          second: entry,
          secondPlan: plan,
          group: EXCLUSIVE_GROUPS[g],
        });
      }
    }
  }
  // Group by group, as Microsoft's table lists them (the sort is stable).
  conflicts.sort((a, b) => EXCLUSIVE_GROUPS.indexOf(a.group) - EXCLUSIVE_GROUPS.indexOf(b.group));
  return conflicts;
}

export function exclusiveMessage(c: ExclusiveConflict, t: Translate = english): string {
  const args = [c.second.use.sku!.partNumber, c.secondPlan, c.first.use.sku!.partNumber, c.firstPlan, c.group.name];
  return say(t, VOICE_RULES[exclusiveCode(c)], 'default', ...args);
}

/** The rule a conflict breaks: the Calling Plans have one of their own (its message says keep one Calling Plan). */
export const exclusiveCode = (c: ExclusiveConflict): 'calling-plans-exclusive' | 'plans-exclusive' =>
  c.group.name === 'Calling Plans' ? 'calling-plans-exclusive' : 'plans-exclusive';

/**
 * Judged on the distinct SKUs, in the order first assigned, then reported on every word of a
 * conflicting SKU: a repeat has the same plans, so it meets the same first SKU of each group, and a
 * line may repeat ten SKUs 10,000 times (one list entry per word took most of the time).
 */
function exclusiveRules(model: BlockModel, findings: FindingList): void {
  if (model.assigned.length < 2) return; // the common block, one SKU per line of users
  // Only SKUs with plans of an exclusive group can conflict: the others are left out of the list.
  const distinct = new Map<string, AssignedPlans>();
  for (let i = 0; i < model.assigned.length; i++) {
    const use = model.assigned[i];
    if (!use.sku || distinct.has(use.key)) continue; // an unknown SKU has no plans
    const plans = enabledPlans(model, use);
    if (bringsExclusivePlans(plans)) distinct.set(use.key, { use, plans });
  }
  if (distinct.size < 2) return;
  const conflictsOf = new Map<string, ExclusiveConflict[]>();
  for (const c of exclusiveConflicts([...distinct.values()])) {
    const list = conflictsOf.get(c.second.use.key);
    if (list) list.push(c);
    else conflictsOf.set(c.second.use.key, [c]);
  }
  if (conflictsOf.size === 0) return;
  for (let i = 0; i < model.assigned.length; i++) {
    const use = model.assigned[i];
    const conflicts = conflictsOf.get(use.key);
    if (!conflicts) continue;
    for (let k = 0; k < conflicts.length; k++) {
      const c = conflicts[k];
      if (findings.admits(exclusiveCode(c), use.line, use.token.start, use.token.end)) {
        findings.push(
          finding(exclusiveCode(c), exclusiveMessage(c, findings.t), use.line, use.token.start, use.token.end, {
            removeFromList: true,
          }),
        );
      }
    }
  }
}

/**
 * A SKU adds nothing when another assigned SKU already turns on every one of its plans (MCOEV next
 * to E5). Judged once per distinct SKU, in the order first assigned: a file may repeat one word
 * thousands of times, and a repeat has the same plans, so it cannot change the answer.
 */
function redundancyRule(model: BlockModel, findings: FindingList): void {
  if (model.assigned.length < 2) return;
  interface Candidate {
    readonly use: SkuUse;
    readonly plans: readonly ServicePlan[];
    readonly ids: ReadonlySet<string>;
  }
  const distinct = new Map<string, Candidate>();
  for (let i = 0; i < model.assigned.length; i++) {
    const use = model.assigned[i];
    if (!use.sku || distinct.has(use.key)) continue;
    const plans = enabledPlans(model, use);
    if (plans.length > 0) distinct.set(use.key, { use, plans, ids: new Set(plans.map((p) => p.id)) });
  }
  // Only a SKU that turns on the small one's first plan can include all of them.
  const holders = new Map<string, Candidate[]>();
  for (const c of distinct.values()) {
    for (const id of c.ids) {
      const list = holders.get(id);
      if (list) list.push(c);
      else holders.set(id, [c]);
    }
  }
  const reported = new Set<string>();
  for (const small of distinct.values()) {
    if (reported.has(small.use.key)) continue;
    const big = holders
      .get(small.plans[0].id)!
      .find(
        (b) =>
          b !== small &&
          !reported.has(b.use.key) &&
          b.ids.size >= small.plans.length &&
          small.plans.every((p) => b.ids.has(p.id)),
      );
    if (!big) continue;
    reported.add(small.use.key);
    const { use } = small;
    if (findings.admits('redundant-sku', use.line, use.token.start, use.token.end)) {
      findings.push(
        finding(
          'redundant-sku',
          say(
            findings.t,
            VOICE_RULES['redundant-sku'],
            'default',
            big.use.sku!.partNumber,
            use.sku!.partNumber,
            small.plans.map((p) => p.name).join(', '),
          ),
          use.line,
          use.token.start,
          use.token.end,
          { removeFromList: true },
        ),
      );
    }
  }
}
