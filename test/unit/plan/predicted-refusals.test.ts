import * as assert from 'node:assert/strict';
import { planLicenses } from '../../../src/core/run/read-and-plan';
import { applyPlan } from '../../../src/core/run/apply';
import { formatResultLine } from '../../../src/core/report/format-results';
import { MemorySink, resultOf, run, startTenant, UPN, wants, type TestTenant } from '../fixtures/test-tenant';

/**
 * Demo tenant users (src/emulator/demo-tenant.ts): adele.vance holds E5 + MCOPSTN2, patti.fernandez
 * E1, debra.berger nothing, erin E5 + MCOPSTN1, megan.bowen Microsoft 365 E5, alice nothing.
 */
describe('engine: refusals predicted from the resulting licenses are never sent', () => {
  let t: TestTenant;
  beforeEach(async () => {
    t = await startTenant();
  });
  afterEach(() => t.close());

  const refusals: [user: string, wish: Parameters<typeof wants>[1], code: string, graphSays: RegExp][] = [
    ['adele.vance', { assign: ['MCOPSTN1'] }, 'MutuallyExclusivePlans', /are mutually exclusive/],
    ['patti.fernandez', { assign: ['ENTERPRISEPACK'] }, 'MutuallyExclusivePlans', /are mutually exclusive/],
    ['debra.berger', { assign: ['MCOPSTN1'] }, 'MissingRequiredPlan', /depends on the service plan/],
    ['erin', { remove: ['ENTERPRISEPREMIUM'] }, 'MissingRequiredPlan', /depends on the service plan/],
  ];

  it('each refused user fails with the reason and a fix, without a write; the others are written', async () => {
    const heldBefore = (user: string) => JSON.stringify(t.emulator.tenant.findUser(UPN(user))!.licenses);
    const before = new Map(refusals.map(([user]) => [user, heldBefore(user)]));
    const report = await run(t.connection, [
      ...refusals.map(([user, wish]) => wants(user, wish)),
      wants('alice', { assign: ['MCOEV'] }),
      wants('megan.bowen', { assign: ['MCOEV'] }),
    ]);
    for (const [user, , code] of refusals) {
      const r = resultOf(report, user);
      assert.equal(r.outcome, 'failed', user);
      assert.equal(r.error?.code, code, user);
      assert.ok(r.error?.hint, `${user} is told what to change`);
      assert.equal(heldBefore(user), before.get(user), `${user}'s licenses are untouched`);
    }
    assert.equal(t.emulator.stats.writes, 2, 'only alice and megan are written');
    assert.equal(report.summary.writeRequests, 2);
    assert.equal(resultOf(report, 'megan.bowen').outcome, 'changed', 'a redundant license is a warning, not a refusal');
    assert.deepEqual(
      report.plan.users.find((u) => u.user === UPN('megan.bowen'))?.redundant?.map((r) => r.coveredBy),
      [['SPE_E5']],
    );
  });

  it('the demo tenant refuses exactly what the plan predicted, when sent anyway', async () => {
    const planned = await planLicenses(
      t.connection,
      refusals.map(([user, wish]) => wants(user, wish)),
    );
    assert.equal(planned.kind, 'planned');
    if (planned.kind !== 'planned') return;
    const sku = (part: string) => t.emulator.tenant.findSku(part)!.skuId;
    for (const [user, wish, , graphSays] of refusals) {
      const body = {
        addLicenses: (wish?.assign ?? []).map((p) => ({ skuId: sku(p as string), disabledPlans: [] })),
        removeLicenses: (wish?.remove ?? []).map(sku),
      };
      const answer = await fetch(`${t.emulator.baseUrl}/users/${UPN(user)}/assignLicense`, {
        method: 'POST',
        headers: { authorization: `Bearer ${t.emulator.token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      assert.equal(answer.status, 400, user);
      assert.match(((await answer.json()) as { error: { message: string } }).error.message, graphSays, user);
      assert.equal(planned.plan.users.find((u) => u.user === UPN(user))?.kind, 'failed', `${user} was predicted`);
    }
  });

  it('when Graph refuses anyway, the result (journal, CSV, output line) names the plans instead of their ids', async () => {
    const planned = await planLicenses(t.connection, [wants('christie.cline', { assign: ['ENTERPRISEPACK'] })]);
    assert.equal(planned.kind, 'planned');
    if (planned.kind !== 'planned') return;
    // Someone gives christie E1 between the plan and the write.
    const tenant = t.emulator.tenant;
    tenant.findUser(UPN('christie.cline'))!.licenses.push({
      skuId: tenant.findSku('STANDARDPACK')!.skuId,
      disabledPlans: [],
      lastUpdatedDateTime: '2026-01-01T00:00:00Z',
    });
    const sink = new MemorySink();
    const report = await applyPlan(t.connection, planned.plan, { sink });
    const r = resultOf(report, 'christie.cline');
    const journalled = sink.entries.find((e) => e.user === UPN('christie.cline'));
    assert.equal(journalled?.error?.message, r.error!.message, 'the journal holds what the output shows');
    assert.doesNotMatch(
      r.error!.message,
      /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-/,
      'Graph named the plans by id; the result names them',
    );
    const line = formatResultLine(r);
    assert.match(
      line,
      /service plans (SHAREPOINTENTERPRISE \(SharePoint \(Plan 2\).*\), SHAREPOINTSTANDARD \(SharePoint \(Plan 1\)\)|SHAREPOINTSTANDARD \(SharePoint \(Plan 1\)\), SHAREPOINTENTERPRISE .*) are mutually exclusive/,
    );
    assert.doesNotMatch(line, /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-/);
  });
});
