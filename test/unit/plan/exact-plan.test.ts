import * as assert from 'node:assert/strict';
import { planRun } from '../../../src/core/plan/whole-plan';
import { assignLicenseBody } from '../../../src/core/run/write-requests';
import { found, graphUser, planId, skuId, tenantSkus } from '../fixtures/graph-shapes';
import { wants } from '../fixtures/test-tenant';
import type { DesiredUser } from '../../../src/core/desired/desired';

const GROUP = '11111111-2222-3333-4444-555555555555';
const exactly = (d: DesiredUser): DesiredUser => ({ ...d, exact: true });

describe('exact: the planner', () => {
  it('removes every other direct license in the same assignLicense that adds the new one', () => {
    const plan = planRun(
      [exactly(wants('bob', { assign: ['MCOEV'] }))],
      tenantSkus(),
      found(graphUser('bob@contoso.com', { direct: [['ENTERPRISEPACK'], ['MCOPSTN1']] })),
    );
    const bob = plan.users[0];
    assert.equal(bob.kind, 'change');
    const body = assignLicenseBody(bob);
    assert.deepEqual(
      body.addLicenses.map((l) => l.skuId),
      [skuId('MCOEV')],
    );
    assert.deepEqual(new Set(body.removeLicenses), new Set([skuId('ENTERPRISEPACK'), skuId('MCOPSTN1')]));
    assert.ok(bob.remove.every((r) => r.byExact && r.freesSeat));
  });

  it('never touches a license inherited from a group: it is listed as kept, with the group', () => {
    const plan = planRun(
      [exactly(wants('dave', { assign: ['MCOEV'] }))],
      tenantSkus(),
      found(
        graphUser('dave@contoso.com', {
          direct: [['MCOEV']],
          viaGroup: [{ group: GROUP, license: ['ENTERPRISEPACK'] }],
        }),
      ),
    );
    const dave = plan.users[0];
    assert.equal(dave.kind, 'unchanged');
    assert.deepEqual(dave.remove, []);
    assert.deepEqual(dave.keptFromGroups, [
      { skuId: skuId('ENTERPRISEPACK'), partNumber: 'ENTERPRISEPACK', groups: GROUP },
    ]);
  });

  it('removes the direct copy of a SKU a group also gives, which frees no seat, and says the group keeps it', () => {
    const plan = planRun(
      [exactly(wants('frank', { assign: ['MCOEV'] }))],
      tenantSkus(),
      found(
        graphUser('frank@contoso.com', {
          direct: [['MCOEV'], ['ENTERPRISEPACK']],
          viaGroup: [{ group: GROUP, license: ['ENTERPRISEPACK'] }],
        }),
      ),
    );
    const frank = plan.users[0];
    assert.deepEqual(
      frank.remove.map((r) => [r.partNumber, r.freesSeat, r.byExact]),
      [['ENTERPRISEPACK', false, true]],
    );
    assert.match(frank.notes.join(), new RegExp(`keeps ENTERPRISEPACK through group ${GROUP}`));
  });

  it('a held SKU without disable is stated with every plan on: plans turned off come back', () => {
    const plan = planRun(
      [exactly(wants('bob', { assign: ['ENTERPRISEPACK'] }))],
      tenantSkus(),
      found(graphUser('bob@contoso.com', { direct: [['ENTERPRISEPACK', 'SWAY']] })),
    );
    assert.deepEqual(
      plan.users[0].add.map((a) => [a.partNumber, a.why, a.disabledPlans]),
      [['ENTERPRISEPACK', 'disabled-plans', []]],
    );
    const same = planRun(
      [exactly(wants('bob', { assign: [{ sku: 'ENTERPRISEPACK', disable: ['SWAY'] }] }))],
      tenantSkus(),
      found(graphUser('bob@contoso.com', { direct: [['ENTERPRISEPACK', 'SWAY']] })),
    );
    assert.equal(same.users[0].kind, 'unchanged');
  });

  it('a SKU held only through a group and assigned under exact gets its direct copy, which takes no new seat', () => {
    const plan = planRun(
      [exactly(wants('dave', { assign: ['ENTERPRISEPACK'] }))],
      tenantSkus(),
      found(graphUser('dave@contoso.com', { viaGroup: [{ group: GROUP, license: ['ENTERPRISEPACK', 'SWAY'] }] })),
    );
    assert.deepEqual(
      plan.users[0].add.map((a) => [a.partNumber, a.why, a.takesSeat, a.disabledPlans]),
      [['ENTERPRISEPACK', 'new', false, []]],
    );
    assert.match(
      plan.users[0].notes.join(),
      new RegExp(`direct copy of ENTERPRISEPACK, which group ${GROUP} also gives`),
    );
    const plain = planRun(
      [wants('dave', { assign: ['ENTERPRISEPACK'] })],
      tenantSkus(),
      found(graphUser('dave@contoso.com', { viaGroup: [{ group: GROUP, license: ['ENTERPRISEPACK', 'SWAY'] }] })),
    );
    assert.equal(plain.users[0].kind, 'unchanged', 'without exact the group’s copy is enough');
  });

  it('a SKU the file removes by name is removed once, not marked as exact’s', () => {
    const plan = planRun(
      [exactly(wants('bob', { assign: ['MCOEV'], remove: ['MCOPSTN1'] }))],
      tenantSkus(),
      found(graphUser('bob@contoso.com', { direct: [['MCOEV'], ['MCOPSTN1'], ['STANDARDPACK']] })),
    );
    assert.deepEqual(
      plan.users[0].remove.map((r) => [r.partNumber, r.byExact ?? false]),
      [
        ['MCOPSTN1', false],
        ['STANDARDPACK', true],
      ],
    );
  });

  it('exact with nothing assigned removes every direct license', () => {
    const plan = planRun(
      [exactly(wants('bob'))],
      tenantSkus(),
      found(graphUser('bob@contoso.com', { direct: [['MCOEV'], ['ENTERPRISEPACK']] })),
    );
    assert.deepEqual(assignLicenseBody(plan.users[0]).addLicenses, []);
    assert.equal(plan.users[0].remove.length, 2);
  });

  it('without exact, other licenses stay (the flag alone changes the plan)', () => {
    const plan = planRun(
      [wants('bob', { assign: ['MCOEV'] })],
      tenantSkus(),
      found(graphUser('bob@contoso.com', { direct: [['MCOEV'], ['ENTERPRISEPACK', 'SWAY']] })),
    );
    assert.equal(plan.users[0].kind, 'unchanged');
  });

  it('a changed user’s plan carries what they held directly, with disabled plans and usage location', () => {
    const plan = planRun(
      [exactly(wants('bob', { assign: ['MCOEV'] }))],
      tenantSkus(),
      found(
        graphUser('bob@contoso.com', {
          direct: [['ENTERPRISEPACK', 'SWAY']],
          viaGroup: [{ group: GROUP, license: ['MCOPSTN1'] }],
        }),
      ),
    );
    assert.deepEqual(plan.users[0].before, {
      licenses: [
        {
          skuId: skuId('ENTERPRISEPACK'),
          partNumber: 'ENTERPRISEPACK',
          disabledPlans: [planId('ENTERPRISEPACK', 'SWAY')],
        },
      ],
      usageLocation: 'US',
    });
  });
});
