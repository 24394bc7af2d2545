import * as assert from 'node:assert/strict';
import { planRun } from '../../../src/core/plan/whole-plan';
import { planClassOf, notWrittenFix } from '../../../src/core/plan/plan-class';
import { planTotals } from '../../../src/core/plan/totals';
import { planJson } from '../../../src/core/report/format-results';
import { changeSummary, planHeadlines, refusedRunLines } from '../../../src/core/report/preview';
import { previewView } from '../../../src/core/report/preview-view';
import { everyChangeRefused } from '../../../src/core/run/run-licenses';
import type { CurrentUser } from '../../../src/core/reads/tenant-reads';
import type { GroupPlan } from '../../../src/core/plan/group-plan';
import { graphUser, tenantSkus } from '../fixtures/graph-shapes';
import { wants } from '../fixtures/test-tenant';

const notFound: CurrentUser = {
  kind: 'unreadable',
  error: { code: 'Request_ResourceNotFound', message: "Resource 'x' does not exist.", status: 404 },
};

function bulk(change: number, noLocation: number) {
  const desired = [];
  const current = new Map<string, CurrentUser>();
  for (let i = 0; i < change + noLocation; i++) {
    const upn = `u${i}@contoso.com`;
    desired.push(wants(upn, { assign: ['MCOEV'] }));
    current.set(upn, { kind: 'found', user: graphUser(upn, { usageLocation: i < change ? 'US' : null }) });
  }
  desired.push(wants('ghost@contoso.com', { assign: ['MCOEV'] }));
  current.set('ghost@contoso.com', notFound);
  return planRun(desired, tenantSkus(), current);
}

describe('three honest classes: will change, already as wanted, will not be written', () => {
  it('a user with no usage location and none in the block is not written, with the reason and the fix, never a change', () => {
    const plan = bulk(3, 2);
    assert.deepEqual(
      plan.users.map((u) => planClassOf(u)),
      [
        'would-change',
        'would-change',
        'would-change',
        'will-not-be-written',
        'will-not-be-written',
        'will-not-be-written',
      ],
    );
    const json = planJson(plan.users[3]) as Record<string, unknown>;
    assert.equal(json.outcome, 'will-not-be-written');
    assert.equal(json.reason, 'NoUsageLocation');
    assert.equal(json.fix, 'add-usage-location');
    assert.equal((planJson(plan.users[5]) as Record<string, unknown>).fix, 'check-user-name');
    assert.equal(notWrittenFix('SomethingNew'), 'read-hint');
    assert.equal(plan.users[3].add.length, 0, 'nothing is sent for her');
  });

  it('at scale the folded "+SKU" count holds only users that will change; the not-written are their own line with the reason', () => {
    const plan = bulk(1200, 300);
    const totals = planTotals(plan);
    assert.deepEqual([totals.change, totals.unchanged, totals.failing], [1200, 0, 301]);
    const summary = changeSummary(plan);
    assert.ok(summary.includes('+MCOEV (Microsoft Teams Phone Standard): 1,200 users'), summary.join('\n'));
    assert.ok(
      summary.includes('✗ 300 users will not be written: no usage location: add `usage-location XX` to the block'),
      summary.join('\n'),
    );
    assert.ok(summary.includes('✗ 1 user will not be written: not found in the tenant: check the UPN or id'));
    assert.deepEqual(planHeadlines(plan), [
      '1,501 users: 1,200 to change, 0 already as wanted, 301 that will not be written',
    ]);
    const page = previewView(plan, { file: 'f.licenses', tenant: 't', at: new Date(0) });
    const notWritten = page.sections.find((s) => s.id === 'not-written')!;
    assert.equal(notWritten.count, 301);
    assert.equal(page.sections.find((s) => s.id === 'change')!.count, 1200);
  });

  it('a run whose every change is refused stops before writing, and says why', () => {
    const plan = bulk(0, 2);
    assert.equal(everyChangeRefused(planTotals(plan)), true);
    const lines = refusedRunLines(plan);
    assert.match(lines[0], /^Nothing was written/);
    assert.ok(lines.some((l) => l.startsWith('✗ 2 users will not be written: no usage location')));
    assert.equal(everyChangeRefused(planTotals(bulk(1, 2))), false);
  });

  it('a groups-only file is headed by its groups, not "0 users: 0 to change"', () => {
    const group = (kind: GroupPlan['kind']): GroupPlan =>
      ({
        group: 'g',
        line: 1,
        kind,
        add: [],
        remove: [],
        members: 3,
        nestedGroups: 0,
        notes: [],
      }) as unknown as GroupPlan;
    const plan = {
      ...planRun([], tenantSkus(), new Map()),
      groups: [group('change'), group('change'), group('failed')],
    };
    assert.deepEqual(planHeadlines(plan), ['3 groups: 2 to change, 0 already as wanted, 1 that will not be written']);
  });
});
