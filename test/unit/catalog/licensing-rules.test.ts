import * as assert from 'node:assert/strict';
import { Catalog, type Sku } from '../../../src/core/catalog/catalog';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  EXCLUSIVE_GROUPS,
  EXCLUSIVE_SOURCE,
  GROUP_ALL_OR_NOTHING,
  GROUP_PREREQUISITE,
  ON_PREMISES_PSTN,
  PLAN_DEPENDENCIES,
  type PlanDependency,
} from '../../../src/core/catalog/licensing-rules';
import { parseLicensesFile } from '../../../src/core/format/parse';
import type { DesiredUser } from '../../../src/core/desired/desired';
import { judgeResultingSet } from '../../../src/core/plan/judge-resulting-set';
import type { UserPlan } from '../../../src/core/plan/user-plan';
import { validate } from '../../../src/core/rules';
import { TenantSkus } from '../../../src/core/tenant/tenant-skus';

const catalog = Catalog.builtIn();
const upper = (names: readonly string[]) => new Set(names.map((n) => n.toUpperCase()));

/**
 * For each row, the file that breaks it: a SKU holding a dependent plan, and when that SKU also holds
 * the prerequisite (Office for the web and SharePoint in E3), the prerequisite turned off with `disable`.
 * The smallest such SKU of the catalog, so the file holds nothing else.
 */
function breaking(row: PlanDependency): { sku: Sku; disable: string[] } {
  const dependents = upper(row.plans);
  const required = upper(row.requiresAnyOf);
  const holders = catalog.skus
    .filter((s) => s.plans.some((p) => dependents.has(p.name.toUpperCase())))
    .sort((a, b) => a.plans.length - b.plans.length);
  assert.ok(holders.length > 0, `no SKU of the catalog holds ${row.name}`);
  const sku = holders[0];
  const disable = sku.plans.filter((p) => required.has(p.name.toUpperCase())).map((p) => p.name);
  return { sku, disable };
}

const subscribed = (sku: Sku) => ({
  skuId: sku.skuId,
  skuPartNumber: sku.partNumber,
  appliesTo: 'User',
  capabilityStatus: 'Enabled',
  consumedUnits: 0,
  prepaidUnits: { enabled: 10 },
  servicePlans: sku.plans.map((p) => ({ servicePlanId: p.id, servicePlanName: p.name })),
});
const tenantOf = (sku: Sku) => new TenantSkus([subscribed(sku)]);

describe('licensing table: every dependency the planner refuses, the editor flags', () => {
  it('cites a source for every row', () => {
    for (const cite of [EXCLUSIVE_SOURCE, GROUP_ALL_OR_NOTHING, GROUP_PREREQUISITE, ON_PREMISES_PSTN])
      assert.ok(cite.kind === 'doc' && cite.source.startsWith('Microsoft Learn') && cite.quote.length > 20);
    for (const row of PLAN_DEPENDENCIES) {
      assert.ok(row.cite.source.length > 10 && row.cite.quote.length > 10, row.name);
      for (const name of [...row.plans, ...row.requiresAnyOf])
        assert.ok(!/\s{2}/.test(name) && name === name.trim(), `${row.name}: ${name}`);
    }
  });

  for (const row of PLAN_DEPENDENCIES) {
    it(`${row.name}: the editor flags it, for users and groups, and the planner does not send the user`, () => {
      const { sku, disable } = breaking(row);
      // A user may hold the prerequisite from another license: only the block's own `disable` is certain.
      const code =
        row.rule === 'calling-plan-needs-phone-system'
          ? row.rule
          : disable.length
            ? 'plan-needs-plan'
            : 'add-on-needs-prerequisite';
      const text = [
        `assign ${sku.partNumber}`,
        ...(disable.length ? [`disable ${sku.partNumber}: ${disable.join(' ')}`] : []),
        'ann@contoso.com',
        '',
      ].join('\n');
      const findings = validate(parseLicensesFile(text), catalog);
      assert.ok(
        findings.some((f) => f.code === code),
        `${text}\nfindings: ${findings.map((f) => f.code).join(', ')}`,
      );
      // A group must hold the prerequisite itself: Graph refuses the group's assignment.
      const forGroup = validate(parseLicensesFile(text.replace('ann@contoso.com', 'group Sales')), catalog);
      assert.ok(
        forGroup.some(
          (f) => f.code === (row.rule === 'calling-plan-needs-phone-system' ? row.rule : 'plan-needs-plan'),
        ),
        `for a group: ${forGroup.map((f) => f.code).join(', ')}`,
      );

      const skus = tenantOf(sku);
      const off = sku.plans.filter((p) => disable.includes(p.name)).map((p) => p.id);
      const plan: UserPlan = {
        user: 'ann@contoso.com',
        line: 3,
        kind: 'change',
        add: [{ skuId: sku.skuId, partNumber: sku.partNumber, disabledPlans: off, why: 'new', takesSeat: true }],
        remove: [],
        notes: [],
        desired: { user: 'ann@contoso.com', line: 3 } as unknown as DesiredUser,
      };
      const judged = judgeResultingSet(
        plan,
        { kind: 'found', user: { id: '1', userPrincipalName: 'ann@contoso.com', assignedLicenses: [] } },
        skus,
      );
      assert.equal(judged.kind, 'failed', text);
      assert.equal(judged.error?.code, 'MissingRequiredPlan');
      assert.ok(judged.error?.hint, 'the refusal says what to change');
    });
  }

  it('disable ENTERPRISEPACK: SHAREPOINTENTERPRISE is flagged on the plan turned off, with the fix that turns it on', () => {
    const text = 'assign ENTERPRISEPACK\ndisable ENTERPRISEPACK: SHAREPOINTENTERPRISE\nann@contoso.com\n';
    const f = validate(parseLicensesFile(text), catalog).find((x) => x.code === 'plan-needs-plan');
    assert.ok(f);
    assert.equal(f.range.start.line, 1);
    assert.equal(text.split('\n')[1].slice(f.range.start.character, f.range.end.character), 'SHAREPOINTENTERPRISE');
    assert.match(f.message, /SHAREPOINTWAC in ENTERPRISEPACK stays on and needs it/);
    assert.equal(f.data?.removeFromList, true);
  });

  it('turning the dependent plan off too is clean', () => {
    const text = 'assign ENTERPRISEPACK\ndisable ENTERPRISEPACK: SHAREPOINTENTERPRISE SHAREPOINTWAC\nann@contoso.com\n';
    assert.deepEqual(
      validate(parseLicensesFile(text), catalog)
        .filter((x) => x.code === 'plan-needs-plan')
        .map((x) => x.message),
      [],
    );
  });

  it('docs/licensing-rules.md names every dependency row and every exclusive group', () => {
    const doc = readFileSync(join(__dirname, '..', '..', '..', '..', 'docs', 'licensing-rules.md'), 'utf8');
    for (const row of PLAN_DEPENDENCIES) assert.ok(doc.includes(row.plans[0]), row.name);
    for (const group of EXCLUSIVE_GROUPS) assert.ok(doc.includes(group.name), group.name);
  });

  for (const group of EXCLUSIVE_GROUPS) {
    it(`${group.name}: two SKUs bringing different plans of the group are an editor error and a refused user`, () => {
      const names = upper(group.plans);
      // Two SKUs, each with a plan of the group the other lacks: the smallest of the catalog.
      const bySize = [...catalog.skus].sort((a, b) => a.plans.length - b.plans.length);
      const inGroup = (s: Sku) =>
        s.plans.filter((p) => names.has(p.name.toUpperCase())).map((p) => p.name.toUpperCase());
      let pair: [Sku, Sku] | undefined;
      for (const a of bySize) {
        const pa = inGroup(a);
        if (pa.length !== 1) continue;
        const b = bySize.find((s) => inGroup(s).length === 1 && inGroup(s)[0] !== pa[0]);
        if (b) {
          pair = [a, b];
          break;
        }
      }
      if (!pair) return; // every plan of the group is retired from the catalog (CRM): nothing can bring two
      const [a, b] = pair;
      const text = `assign ${a.partNumber} ${b.partNumber}\nann@contoso.com\n`;
      const codes = validate(parseLicensesFile(text), catalog).map((f) => f.code);
      assert.ok(codes.includes('plans-exclusive') || codes.includes('calling-plans-exclusive'), `${text}: ${codes}`);
      const skus = new TenantSkus([subscribed(a), subscribed(b)]);
      const add = [a, b].map((s) => ({
        skuId: s.skuId,
        partNumber: s.partNumber,
        disabledPlans: [],
        why: 'new' as const,
        takesSeat: true,
      }));
      const judged = judgeResultingSet(
        { user: 'ann@contoso.com', line: 1, kind: 'change', add, remove: [], notes: [], desired: {} as DesiredUser },
        { kind: 'found', user: { id: '1', userPrincipalName: 'ann@contoso.com', assignedLicenses: [] } },
        skus,
      );
      assert.equal(judged.error?.code, 'MutuallyExclusivePlans', text);
    });
  }
});
