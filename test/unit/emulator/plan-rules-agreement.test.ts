import * as assert from 'node:assert/strict';
import { Catalog } from '../../../src/core/catalog/catalog';
import { EXCLUSIVE_GROUPS, PLAN_DEPENDENCIES } from '../../../src/core/catalog/licensing-rules';
import { EmulatorTenant, demoTenant } from '../../../src/emulator';
import { checkDependencies, checkMutualExclusion, type EnabledPlans } from '../../../src/emulator/licensing/plan-rules';
import { DEPENDENCIES, MUTUALLY_EXCLUSIVE, type RulePlan } from '../../../src/emulator/licensing/licensing-rule-table';

/**
 * The validator (src/core/catalog/licensing-rules.ts) and the emulator
 * (src/emulator/licensing/licensing-rule-table.ts) each have their own licensing table, so that a wrong
 * table shows up as a disagreement here instead of a validator and a test double that are wrong
 * together. Every disagreement must be one of KNOWN_DISAGREEMENTS, each with its reason; a known
 * disagreement that went away fails too, so the list stays true.
 */
const catalog = Catalog.builtIn();

/** Service plan name → what each side requires of a user holding it ("" = nothing). */
const KNOWN_DISAGREEMENTS: Record<string, { validator: string; emulator: string; why: string }> = {
  MCOPSTN3: {
    validator: 'MCOEV | MCOEV_GOV',
    emulator: '',
    why: 'Its SKU MCOPSTNPP is "Communications Credits" on Microsoft\'s Teams licensing page, not a Calling Plan; the validator counts it as one by its CSV product name. It only warns (calling-plan-needs-phone-system).',
  },
  'SKYPE FOR BUSINESS PSTN CALLING DOMESTIC SMALL': {
    validator: 'MCOEV | MCOEV_GOV',
    emulator: '',
    why: 'No Microsoft page calls this plan a Calling Plan; the validator reads it as one by its name. It only warns.',
  },
  MCOMEETADV: {
    validator: 'MCOSTANDARD | MCOSTANDARD_GOV',
    emulator: 'MCOSTANDARD',
    why: "Microsoft documents the dependency for Office 365 E3/E5's Skype for Business plan (MCOSTANDARD); the validator also accepts the GCC one. No demo SKU mixes the two.",
  },
};

const upper = (names: readonly string[]) => names.map((n) => n.toUpperCase());
const namesOf = (plans: readonly RulePlan[]) => upper(plans.map((p) => p.name));

/** Per dependent plan, the requirement it must meet ("A | B": one of them). */
function requirements(
  rules: readonly { dependents: readonly string[]; requiresAnyOf: readonly string[] }[],
): Map<string, string> {
  const out = new Map<string, string>();
  for (const rule of rules)
    for (const name of rule.dependents) out.set(name, [...new Set(rule.requiresAnyOf)].sort().join(' | '));
  return out;
}

/** Every pair of plans that cannot be held together, as "A + B" sorted. */
function exclusivePairs(groups: readonly (readonly string[])[]): Set<string> {
  const out = new Set<string>();
  for (const group of groups) {
    const names = [...new Set(group)].sort();
    for (let i = 0; i < names.length; i++)
      for (let j = i + 1; j < names.length; j++) out.add(`${names[i]} + ${names[j]}`);
  }
  return out;
}

// Compared by plan name: the validator's table is written in names, and the first test below
// holds the emulator's names to the ids it matches on.
const validatorNeeds = requirements(
  PLAN_DEPENDENCIES.map((r) => ({ dependents: upper(r.plans), requiresAnyOf: upper(r.requiresAnyOf) })),
);
const emulatorNeeds = requirements(
  DEPENDENCIES.map((r) => ({ dependents: namesOf(r.dependents), requiresAnyOf: namesOf(r.requiresAnyOf) })),
);
const validatorPairs = exclusivePairs(EXCLUSIVE_GROUPS.map((g) => upper(g.plans)));
const emulatorPairs = exclusivePairs(MUTUALLY_EXCLUSIVE.map((g) => namesOf(g.plans)));

const dependents = [...new Set([...validatorNeeds.keys(), ...emulatorNeeds.keys()])].sort();
const agreedNeeds = dependents.filter((p) => validatorNeeds.get(p) === emulatorNeeds.get(p));
const agreedPairs = [...validatorPairs].filter((p) => emulatorPairs.has(p));

describe('emulator and validator licensing tables', () => {
  it("the emulator names each plan by the id Microsoft's table gives it", () => {
    const all = [
      ...MUTUALLY_EXCLUSIVE.flatMap((g) => g.plans),
      ...DEPENDENCIES.flatMap((r) => [...r.dependents, ...r.requiresAnyOf]),
    ];
    const wrong = all.filter((p) => {
      const byId = catalog.planById(p.id);
      const byName = catalog.plansNamed(p.name);
      // Plans retired from the catalog (CRMPLAN1, INTUNE_B, ...) are in neither; they can never be assigned.
      return (
        p.id !== p.id.toLowerCase() || (byId ? byId.name.toUpperCase() !== p.name.toUpperCase() : byName.length > 0)
      );
    });
    assert.deepEqual(
      wrong.map(
        (p) =>
          `${p.name} ${p.id}: the catalog says ${
            catalog.planById(p.id)?.name ??
            catalog
              .plansNamed(p.name)
              .map((c) => c.id)
              .join(', ')
          }`,
      ),
      [],
    );
  });

  it(`agree that ${agreedNeeds.length} plans need another and on ${agreedPairs.length} pairs that cannot be held together`, () => {
    // The rules the product's voice features lean on must be among them.
    for (const plan of ['MCOPSTN1', 'MCOPSTN2', 'MCOPSTN5', 'MCOPSTN6', 'MCOPSTN8', 'PSTN5_US']) {
      assert.ok(agreedNeeds.includes(plan), `${plan} needs Phone System on both sides`);
      assert.equal(emulatorNeeds.get(plan), 'MCOEV | MCOEV_GOV');
    }
    for (const pair of [
      'MCOPSTN1 + MCOPSTN2',
      'MCOPSTN1 + MCOPSTN5',
      'MCOIMP + MCOSTANDARD',
      'SHAREPOINTENTERPRISE + SHAREPOINTSTANDARD',
    ]) {
      assert.ok(agreedPairs.includes(pair), `${pair} is exclusive on both sides`);
    }
  });

  it('disagree only where KNOWN_DISAGREEMENTS says why', () => {
    const actual: Record<string, { validator: string; emulator: string }> = {};
    for (const p of dependents.filter((d) => !agreedNeeds.includes(d)))
      actual[p] = { validator: validatorNeeds.get(p) ?? '', emulator: emulatorNeeds.get(p) ?? '' };
    const known = Object.fromEntries(
      Object.entries(KNOWN_DISAGREEMENTS).map(([p, k]) => [p, { validator: k.validator, emulator: k.emulator }]),
    );
    assert.deepEqual(actual, known, 'dependencies');
    const onlyOneSide = [...validatorPairs, ...emulatorPairs].filter(
      (p) => !(validatorPairs.has(p) && emulatorPairs.has(p)),
    );
    assert.deepEqual(onlyOneSide, [], 'exclusive pairs only one side knows');
  });

  it('the emulator enforces its own table: it takes Communications Credits alone, and refuses a Calling Plan alone', () => {
    const tenant = new EmulatorTenant(demoTenant());
    const holding = (...names: string[]): EnabledPlans =>
      new Map(names.flatMap((n) => catalog.plansNamed(n)).map((p) => [p.id.toLowerCase(), p.id]));
    assert.equal(checkDependencies(tenant, holding('MCOPSTN3')), undefined);
    assert.match(
      checkDependencies(tenant, holding('MCOPSTN6'))?.message ?? '',
      /service plan 346d83bf-6fe6-42ca-b424-b9300d2e21bf depends on the service plan\(s\) 4828c8ec-/,
    );
    assert.equal(checkDependencies(tenant, holding('MCOPSTN6', 'MCOEV')), undefined);
    assert.match(checkMutualExclusion(holding('MCOPSTN2', 'MCOPSTN5'))?.message ?? '', /are mutually exclusive/);
  });
});
