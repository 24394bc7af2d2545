import * as assert from 'node:assert/strict';
import { mergeDesiredUsers } from '../../../src/core/desired/merge-desired';
import { withDefaultSkus } from '../../../src/core/desired/default-skus';
import { planRun } from '../../../src/core/plan/whole-plan';
import type { CurrentUser } from '../../../src/core/reads/tenant-reads';
import { assignLicenseBody } from '../../../src/core/run/write-requests';
import { formatPlanLine } from '../../../src/core/report/format-results';
import { changeSummary } from '../../../src/core/report/preview';
import { planTotals } from '../../../src/core/plan/totals';
import { found, graphUser, planId, skuId, subscribed, tenantSkus } from '../fixtures/graph-shapes';
import { wants } from '../fixtures/test-tenant';

const GROUP = '11111111-2222-3333-4444-555555555555';

describe('engine: planner (pure, no network)', () => {
  it('a license the user already holds with the same disabled plans is not sent again', () => {
    const plan = planRun(
      [wants('bob', { assign: [{ sku: 'ENTERPRISEPACK', disable: ['SWAY'] }] })],
      tenantSkus(),
      found(graphUser('bob@contoso.com', { direct: [['ENTERPRISEPACK', 'SWAY']] })),
    );
    assert.equal(plan.users[0].kind, 'unchanged');
  });

  it('without `disable`, a held SKU keeps the disabled plans the user has: nothing is re-sent with []', () => {
    const plan = planRun(
      [wants('bob', { assign: ['ENTERPRISEPACK', 'MCOEV'] })],
      tenantSkus(),
      found(graphUser('bob@contoso.com', { direct: [['ENTERPRISEPACK', 'YAMMER_ENTERPRISE']] })),
    );
    const bob = plan.users[0];
    assert.equal(bob.kind, 'change');
    assert.deepEqual(
      bob.add.map((a) => a.partNumber),
      ['MCOEV'],
      'E3 is not in addLicenses, so its YAMMER_ENTERPRISE stays disabled',
    );
  });

  it('with `disable`, the file’s set is the wanted set and a different set is a change sent in full', () => {
    const plan = planRun(
      [wants('bob', { assign: [{ sku: 'enterprisepack', disable: ['SWAY', 'YAMMER_ENTERPRISE'] }] })],
      tenantSkus(),
      found(graphUser('bob@contoso.com', { direct: [['ENTERPRISEPACK', 'YAMMER_ENTERPRISE']] })),
    );
    const add = plan.users[0].add[0];
    assert.equal(add.why, 'disabled-plans');
    assert.equal(add.takesSeat, false);
    assert.deepEqual(
      new Set(add.disabledPlans),
      new Set([planId('ENTERPRISEPACK', 'SWAY'), planId('ENTERPRISEPACK', 'YAMMER_ENTERPRISE')]),
    );
  });

  it('`disable` with an empty result (re-enabling everything) is honoured only when written', () => {
    const plan = planRun(
      [wants('bob', { assign: [{ sku: 'ENTERPRISEPACK', disable: [] }] })],
      tenantSkus(),
      found(graphUser('bob@contoso.com', { direct: [['ENTERPRISEPACK', 'SWAY']] })),
    );
    assert.deepEqual(plan.users[0].add[0].disabledPlans, []);
  });

  it('a license assigned only by a group cannot be removed: the user fails naming the group, and nothing is sent', () => {
    const plan = planRun(
      [wants('dave', { remove: ['ENTERPRISEPACK'] })],
      tenantSkus(),
      found(graphUser('dave@contoso.com', { viaGroup: [{ group: GROUP, license: ['ENTERPRISEPACK'] }] })),
    );
    const dave = plan.users[0];
    assert.equal(dave.kind, 'failed');
    assert.equal(dave.error?.code, 'LicenseInheritedFromGroup');
    assert.match(dave.error!.message, new RegExp(GROUP));
    assert.match(dave.error!.hint!, new RegExp(GROUP));
    assert.equal(dave.add.length + dave.remove.length, 0);
  });

  it('a license held directly and through a group: the direct copy is removed and the user is told the group keeps it', () => {
    const plan = planRun(
      [wants('frank', { remove: ['ENTERPRISEPACK'] })],
      tenantSkus(),
      found(
        graphUser('frank@contoso.com', {
          direct: [['ENTERPRISEPACK']],
          viaGroup: [{ group: GROUP, license: ['ENTERPRISEPACK'] }],
        }),
      ),
    );
    const frank = plan.users[0];
    assert.equal(frank.kind, 'change');
    assert.equal(frank.remove[0].freesSeat, false, 'the group still holds the seat');
    assert.match(frank.notes.join(), new RegExp(`keeps ENTERPRISEPACK through group ${GROUP}`));
  });

  it('a license held through a group counts as held: assigning it again is not a change and takes no seat', () => {
    const plan = planRun(
      [wants('dave', { assign: ['ENTERPRISEPACK'] })],
      tenantSkus(subscribed('ENTERPRISEPACK', 0)),
      found(graphUser('dave@contoso.com', { viaGroup: [{ group: GROUP, license: ['ENTERPRISEPACK'] }] })),
    );
    assert.equal(plan.users[0].kind, 'unchanged');
    assert.equal(plan.blockers.length, 0);
  });

  it('a user Graph does not know is reported with Graph’s error and never written', () => {
    const notFound = {
      code: 'Request_ResourceNotFound',
      message: "Resource 'ghost@contoso.com' does not exist",
      status: 404,
    };
    const plan = planRun(
      [wants('ghost', { assign: ['MCOEV'] })],
      tenantSkus(),
      new Map([['ghost@contoso.com', { kind: 'unreadable' as const, error: notFound }]]),
    );
    assert.equal(plan.users[0].kind, 'failed');
    assert.equal(plan.users[0].error?.code, 'Request_ResourceNotFound');
  });

  it('an on-premises PSTN user is never given a Calling Plan, not even inside a bundle', () => {
    const pstn = (assign: (string | { sku: string; disable: string[] })[]) =>
      planRun([wants('carol', { assign, pstn: true })], tenantSkus(), found(graphUser('carol@contoso.com'))).users[0];
    assert.equal(pstn(['MCOEV', 'MCOPSTN1']).error?.code, 'CallingPlanForOnPremisesPstn');
    assert.equal(
      pstn(['MCOTEAMS_ESSENTIALS']).error?.code,
      'CallingPlanForOnPremisesPstn',
      'Teams Phone with Calling Plan holds MCOPSTN1',
    );
    assert.equal(
      pstn([{ sku: 'MCOTEAMS_ESSENTIALS', disable: ['MCOPSTN1'] }]).kind,
      'change',
      'with the Calling Plan disabled it is fine',
    );
    assert.equal(pstn(['MCOEV']).kind, 'change');
  });

  it('seats are checked across all users before any write; the blocker names the SKU and how many are missing', () => {
    const users = ['a', 'b', 'c', 'd'].map((n) => wants(n, { assign: ['MCOEV'] }));
    const plan = planRun(
      users,
      tenantSkus(subscribed('MCOEV', 1)),
      found(...['a', 'b', 'c', 'd'].map((n) => graphUser(`${n}@contoso.com`))),
    );
    assert.equal(plan.blockers.length, 1);
    assert.equal(plan.blockers[0].code, 'NotEnoughSeats');
    assert.match(plan.blockers[0].message, /MCOEV lacks 3 seats/);
    assert.deepEqual(
      plan.shortfalls.map((s) => [s.partNumber, s.missing]),
      [['MCOEV', 3]],
    );
  });

  it('seats this run gives back count, and the users who give them back go first', () => {
    const plan = planRun(
      [wants('joiner', { assign: ['MCOEV'] }), wants('leaver', { remove: ['MCOEV'] })],
      tenantSkus(subscribed('MCOEV', 0)),
      found(graphUser('joiner@contoso.com'), graphUser('leaver@contoso.com', { direct: [['MCOEV']] })),
    );
    assert.equal(plan.blockers.length, 0);
  });

  it('part numbers resolve through the tenant, case-insensitively; a part number naming two tenant SKUs is refused', () => {
    const ok = planRun([wants('a', { assign: ['mcoev'] })], tenantSkus(), found(graphUser('a@contoso.com')));
    assert.equal(ok.users[0].add[0].skuId, skuId('MCOEV'));
    const twice = tenantSkus(
      subscribed('MCOPSTN5', 5),
      subscribed('MCOPSTN5', 5, { skuId: '11dee6af-eca8-419f-8061-6864517c1875' }),
    );
    const ambiguous = planRun([wants('a', { assign: ['MCOPSTN5'] })], twice, found(graphUser('a@contoso.com')));
    assert.equal(ambiguous.blockers[0].code, 'SkuAmbiguous');
    assert.match(ambiguous.blockers[0].hint, /skuId/);
    const bySkuId = planRun(
      [wants('a', { assign: ['11DEE6AF-ECA8-419F-8061-6864517C1875'] })],
      twice,
      found(graphUser('a@contoso.com')),
    );
    assert.equal(bySkuId.blockers.length, 0, 'a skuId settles it');
  });

  it('a SKU the tenant does not have, a plan not in the SKU, or a company-only SKU blocks the run with a fix', () => {
    const users = found(graphUser('a@contoso.com'));
    assert.equal(planRun([wants('a', { assign: ['SPE_E5'] })], tenantSkus(), users).blockers[0].code, 'SkuNotInTenant');
    assert.match(planRun([wants('a', { assign: ['SPE_E5'] })], tenantSkus(), users).blockers[0].hint, /ENTERPRISEPACK/);
    assert.equal(
      planRun([wants('a', { assign: [{ sku: 'ENTERPRISEPACK', disable: ['NOPE'] }] })], tenantSkus(), users).blockers[0]
        .code,
      'PlanNotInSku',
    );
    const company = tenantSkus(subscribed('ENTERPRISEPACK', 5, { appliesTo: 'Company' }));
    assert.equal(
      planRun([wants('a', { assign: ['ENTERPRISEPACK'] })], company, users).blockers[0].code,
      'SkuNotAssignable',
    );
  });

  it('plan names in `disable` become servicePlanIds, matched by name or id', () => {
    const sway = planId('ENTERPRISEPACK', 'SWAY');
    const plan = planRun(
      [wants('a', { assign: [{ sku: 'ENTERPRISEPACK', disable: ['sway', sway.toUpperCase()] }] })],
      tenantSkus(),
      found(graphUser('a@contoso.com')),
    );
    assert.deepEqual(plan.users[0].add[0].disabledPlans, [sway]);
  });

  it('the usage location is set only on users that have none', () => {
    const plan = planRun(
      [
        wants('has', { assign: ['MCOEV'], usageLocation: 'FR' }),
        wants('lacks', { assign: ['MCOEV'], usageLocation: 'FR' }),
        wants('none', { assign: ['MCOEV'] }),
      ],
      tenantSkus(),
      found(
        graphUser('has@contoso.com', { usageLocation: 'US' }),
        graphUser('lacks@contoso.com', { usageLocation: null }),
        graphUser('none@contoso.com', { usageLocation: null }),
      ),
    );
    assert.equal(plan.users[0].setUsageLocation, undefined);
    assert.equal(plan.users[1].setUsageLocation, 'FR');
    assert.equal(plan.users[2].kind, 'failed', 'never sent: Graph refuses a license without a usage location');
    assert.equal(plan.users[2].error?.code, 'NoUsageLocation');
    assert.match(plan.users[2].error?.hint ?? '', /usage-location XX/);
    assert.deepEqual([planTotals(plan).change, planTotals(plan).failing], [2, 1], 'not counted as a change');
  });

  it('one account listed under its UPN and its object id is written once; the second listing fails', () => {
    const id = '0f0f0f0f-1111-2222-3333-444444444444';
    const u = graphUser('a@contoso.com', { id });
    const current = new Map<string, CurrentUser>([
      ['a@contoso.com', { kind: 'found', user: u }],
      [id, { kind: 'found', user: u }],
    ]);
    const plan = planRun([wants('a', { assign: ['MCOEV'] }), wants(id, { assign: ['MCOEV'] })], tenantSkus(), current);
    assert.equal(plan.users[0].kind, 'change');
    assert.equal(plan.users[1].error?.code, 'DuplicateUser');
  });

  it('the same SKU assigned and removed for one user is refused for that user', () => {
    const plan = planRun(
      [wants('a', { assign: ['MCOEV'], remove: ['MCOEV'] })],
      tenantSkus(),
      found(graphUser('a@contoso.com')),
    );
    assert.equal(plan.users[0].error?.code, 'AssignAndRemoveSameSku');
  });

  it('assignLicense always carries both keys and disabledPlans on every add (Graph 400s otherwise)', () => {
    const plan = planRun(
      [wants('a', { assign: ['MCOEV'] }), wants('b', { remove: ['MCOEV'] })],
      tenantSkus(),
      found(graphUser('a@contoso.com'), graphUser('b@contoso.com', { direct: [['MCOEV']] })),
    );
    assert.deepEqual(assignLicenseBody(plan.users[0]), {
      addLicenses: [{ skuId: skuId('MCOEV'), disabledPlans: [] }],
      removeLicenses: [],
    });
    assert.deepEqual(assignLicenseBody(plan.users[1]), { addLicenses: [], removeLicenses: [skuId('MCOEV')] });
  });

  it('a plain UPN list takes its SKUs from --assign/--remove; users with their own keep theirs', () => {
    const filled = withDefaultSkus([wants('a'), wants('b', { assign: ['MCOEV'] })], {
      assign: ['contoso:ENTERPRISEPACK'],
      remove: ['STANDARDPACK'],
    });
    assert.deepEqual(filled[0].assign, [{ sku: 'ENTERPRISEPACK' }], 'the MSOnline tenant: prefix is dropped');
    assert.deepEqual(filled[0].remove, ['STANDARDPACK']);
    assert.deepEqual(filled[1].assign, [{ sku: 'MCOEV' }]);
  });

  it('a user in two files gets one merged wish, so one assignLicense', () => {
    const merged = mergeDesiredUsers([
      [wants('a', { assign: ['ENTERPRISEPACK'] })],
      [wants('A', { assign: ['MCOEV'], usageLocation: 'FR', pstn: true })],
    ]);
    assert.equal(merged.length, 1);
    assert.deepEqual(
      merged[0].assign.map((l) => l.sku),
      ['ENTERPRISEPACK', 'MCOEV'],
    );
    assert.equal(merged[0].usageLocation, 'FR');
    assert.equal(merged[0].onPremisesPstn, true);
  });
});

describe('engine: planner judges each user’s resulting licenses as Graph will', () => {
  const skus = tenantSkus(
    ...['ENTERPRISEPACK', 'STANDARDPACK', 'ENTERPRISEPREMIUM', 'MCOEV', 'MCOPSTN1', 'MCOPSTN2', 'MCOMEETADV'].map((p) =>
      subscribed(p),
    ),
  );
  const planOf = (w: ReturnType<typeof wants>, u: ReturnType<typeof graphUser>) => planRun([w], skus, found(u));

  it('a Calling Plan next to another one the user holds directly is refused by name, not sent, and the fix is the swap', () => {
    const holder = graphUser('a@contoso.com', { direct: [['MCOEV'], ['MCOPSTN2']], usageLocation: null });
    const plan = planOf(wants('a', { assign: ['MCOPSTN1'], usageLocation: 'US' }), holder);
    const a = plan.users[0];
    assert.equal(a.kind, 'failed');
    assert.equal(a.error?.code, 'MutuallyExclusivePlans');
    assert.match(
      a.error!.message,
      /^MCOPSTN1 \(Microsoft 365 Domestic Calling Plan\) in MCOPSTN1 .*and MCOPSTN2 .* in MCOPSTN2 \(held directly\) cannot be held together/,
    );
    assert.match(a.error!.hint!, /"remove MCOPSTN2"/);
    assert.deepEqual(
      [a.add, a.remove, a.setUsageLocation],
      [[], [], undefined],
      'nothing is written, not even the usage location',
    );
    assert.equal(assignLicenseCount(plan), 0);
    const swap = planOf(wants('a', { assign: ['MCOPSTN1'], remove: ['MCOPSTN2'], usageLocation: 'US' }), holder)
      .users[0];
    assert.equal(swap.kind, 'change', 'removing the other Calling Plan in the same call is fine');
  });

  it('E3 for a user holding E1 is refused (SharePoint plans are mutually exclusive), naming the group when E1 is inherited', () => {
    const direct = planOf(
      wants('a', { assign: ['ENTERPRISEPACK'] }),
      graphUser('a@contoso.com', { direct: [['STANDARDPACK']] }),
    ).users[0];
    assert.equal(direct.error?.code, 'MutuallyExclusivePlans');
    assert.match(direct.error!.message, /SHAREPOINTENTERPRISE .*ENTERPRISEPACK .*SHAREPOINTSTANDARD .*STANDARDPACK/);
    assert.match(direct.error!.hint!, /"remove STANDARDPACK"/);
    const inherited = planOf(
      wants('a', { assign: ['ENTERPRISEPACK'] }),
      graphUser('a@contoso.com', { viaGroup: [{ group: GROUP, license: ['STANDARDPACK'] }] }),
    ).users[0];
    assert.equal(inherited.error?.code, 'MutuallyExclusivePlans');
    assert.match(inherited.error!.hint!, new RegExp(`from group ${GROUP}: take the user out of that group`));
    const disabled = planOf(
      wants('a', { assign: [{ sku: 'ENTERPRISEPACK', disable: ['SHAREPOINTENTERPRISE'] }] }),
      graphUser('a@contoso.com', { direct: [['STANDARDPACK']] }),
    ).users[0];
    assert.equal(disabled.kind, 'change', 'a disabled plan is not held');
    const swapped = planOf(
      wants('a', { assign: ['ENTERPRISEPACK'], remove: ['STANDARDPACK'] }),
      graphUser('a@contoso.com', { direct: [['STANDARDPACK']] }),
    ).users[0];
    assert.equal(swapped.kind, 'change');
  });

  it('a group license in state Error is not held, so it neither conflicts nor gives a required plan', () => {
    const errored = (license: string) => {
      const u = graphUser('a@contoso.com', { viaGroup: [{ group: GROUP, license: [license] }] });
      // Graph leaves a license the group could not give out of assignedLicenses.
      return {
        ...u,
        assignedLicenses: [],
        licenseAssignmentStates: u.licenseAssignmentStates!.map((s) => ({
          ...s,
          state: 'Error',
          error: 'CountViolation',
        })),
      };
    };
    assert.equal(planOf(wants('a', { assign: ['ENTERPRISEPACK'] }), errored('STANDARDPACK')).users[0].kind, 'change');
    assert.equal(
      planOf(wants('a', { assign: ['MCOPSTN1'] }), errored('MCOEV')).users[0].error?.code,
      'MissingRequiredPlan',
    );
  });

  it('a Calling Plan without Phone System in the resulting set is refused, whether missing, removed or disabled', () => {
    const missing = planOf(wants('a', { assign: ['MCOPSTN1'] }), graphUser('a@contoso.com')).users[0];
    assert.equal(missing.error?.code, 'MissingRequiredPlan');
    assert.match(
      missing.error!.message,
      /MCOPSTN1 .* needs MCOEV \(Microsoft 365 Phone System\), which this user would not have\.$/,
    );
    assert.match(missing.error!.hint!, /^Assign MCOEV or /);
    const e5User = graphUser('a@contoso.com', { direct: [['ENTERPRISEPREMIUM'], ['MCOPSTN1']] });
    const removed = planOf(wants('a', { remove: ['ENTERPRISEPREMIUM'] }), e5User).users[0];
    assert.match(removed.error!.message, /removing ENTERPRISEPREMIUM takes it away/);
    assert.match(removed.error!.hint!, /^Keep ENTERPRISEPREMIUM, or assign MCOEV/);
    const off = planOf(wants('a', { assign: [{ sku: 'ENTERPRISEPREMIUM', disable: ['MCOEV'] }] }), e5User).users[0];
    assert.match(off.error!.message, /it is disabled in ENTERPRISEPREMIUM/);
    assert.equal(
      planOf(wants('a', { assign: ['MCOEV', 'MCOPSTN1'] }), graphUser('a@contoso.com')).users[0].kind,
      'change',
      'both in one call is fine',
    );
    const viaGroup = graphUser('a@contoso.com', { viaGroup: [{ group: GROUP, license: ['MCOEV'] }] });
    assert.equal(
      planOf(wants('a', { assign: ['MCOPSTN1'] }), viaGroup).users[0].kind,
      'change',
      'Phone System inherited from a group counts',
    );
  });

  it('refused users count as failing in the totals and are named in the confirmation summary', () => {
    const plan = planRun(
      [wants('a', { assign: ['MCOPSTN1'] }), wants('b', { assign: ['MCOEV'] })],
      skus,
      found(graphUser('a@contoso.com'), graphUser('b@contoso.com')),
    );
    assert.deepEqual(
      plan.users.map((u) => u.kind),
      ['failed', 'change'],
    );
    assert.ok(
      changeSummary(plan).includes(
        '✗ 1 user Graph would refuse (mutually exclusive plans or a missing required plan): not sent',
      ),
      changeSummary(plan).join('\n'),
    );
    assert.deepEqual(plan.shortfalls, [], 'a refused user takes no seat');
  });

  it('a new license whose plans the user already has (MCOEV for an E5 user) is sent with a warning, shown and counted', () => {
    const plan = planOf(
      wants('a', { assign: ['MCOEV'] }),
      graphUser('a@contoso.com', { direct: [['ENTERPRISEPREMIUM']] }),
    );
    const a = plan.users[0];
    assert.equal(a.kind, 'change');
    assert.deepEqual(a.redundant, [{ skuId: skuId('MCOEV'), partNumber: 'MCOEV', coveredBy: ['ENTERPRISEPREMIUM'] }]);
    assert.match(
      formatPlanLine(a),
      /^~ a@contoso.com \+MCOEV \(Microsoft Teams Phone Standard\) \(⚠ MCOEV adds nothing ENTERPRISEPREMIUM does not already give: a seat used for nothing\)$/,
    );
    assert.ok(
      changeSummary(plan).includes(
        '⚠ +MCOEV: 1 user already gets its plans from another license (a seat used for nothing)',
      ),
    );
    const e5WithoutPhone = graphUser('a@contoso.com', { direct: [['ENTERPRISEPREMIUM', 'MCOEV']] });
    assert.equal(
      planOf(wants('a', { assign: ['MCOEV'] }), e5WithoutPhone).users[0].redundant,
      undefined,
      'E5 with Phone System disabled does not give it',
    );
    assert.equal(planOf(wants('a', { assign: ['MCOEV'] }), graphUser('a@contoso.com')).users[0].redundant, undefined);
  });
});

const assignLicenseCount = (plan: ReturnType<typeof planRun>) =>
  plan.users.filter((u) => u.kind === 'change' && (u.add.length || u.remove.length)).length;
