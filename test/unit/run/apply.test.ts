import * as assert from 'node:assert/strict';
import { ALL_SALES_GROUP_ID, PHONE_PILOT_GROUP_ID } from '../../../src/emulator';
import { planLicenses } from '../../../src/core/run/read-and-plan';
import { applyPlan } from '../../../src/core/run/apply';
import { MemorySink, resultOf, run, startTenant, UPN, wants, type TestTenant } from '../fixtures/test-tenant';

const ASSIGN_ROUTE = 'POST /users/{id}/assignLicense';
const PATCH_ROUTE = 'PATCH /users/{id}';

describe('engine: apply against the emulator over loopback', () => {
  let t: TestTenant;
  beforeEach(async () => {
    t = await startTenant();
  });
  afterEach(() => t.close());

  it('every user ends as exactly one outcome: changed, unchanged or failed, each with what it needs to say', async () => {
    const sink = new MemorySink();
    const seen: string[] = [];
    const report = await run(
      t.connection,
      [
        wants('alice', { assign: ['MCOEV'] }),
        wants('megan.bowen', { assign: ['SPE_E5'] }),
        wants('ghost', { assign: ['MCOEV'] }),
        wants('carol', { assign: ['MCOEV'] }),
        wants('isaiah.langer', { assign: ['MCOEV'], usageLocation: 'US' }),
      ],
      { sink, onResult: (r) => seen.push(r.user) },
    );
    assert.deepEqual(
      report.results.map((r) => [r.user, r.outcome]),
      [
        [UPN('alice'), 'changed'],
        [UPN('megan.bowen'), 'unchanged'],
        [UPN('ghost'), 'failed'],
        [UPN('carol'), 'failed'],
        [UPN('isaiah.langer'), 'changed'],
      ],
    );
    assert.deepEqual(resultOf(report, 'alice').added, ['MCOEV']);
    assert.equal(resultOf(report, 'ghost').error?.code, 'Request_ResourceNotFound');
    assert.match(resultOf(report, 'ghost').error!.hint!, /spelling/);
    assert.equal(resultOf(report, 'carol').error?.code, 'NoUsageLocation', 'predicted, never sent to Graph');
    assert.match(resultOf(report, 'carol').error!.hint!, /usage-location/);
    assert.equal(
      resultOf(report, 'isaiah.langer').usageLocation,
      'US',
      'the usage location was set first, then the license',
    );
    assert.equal(t.emulator.tenant.findUser(UPN('isaiah.langer'))!.usageLocation, 'US');
    assert.equal(new Set(seen).size, 5, 'one announcement per user');
    assert.equal(sink.entries.length, 5, 'one journal line per user');
    assert.equal(t.emulator.stats.byRoute[ASSIGN_ROUTE], 2, 'neither the user not found nor carol is written');
    assert.equal(t.emulator.stats.byRoute[PATCH_ROUTE], 1);
    assert.deepEqual(
      [report.summary.changed, report.summary.unchanged, report.summary.failed, report.summary.skipped],
      [2, 1, 2, 0],
    );
    assert.equal(report.summary.verified, 2, 'changed users were re-read');
  });

  it('one assignLicense per user carries all its adds and removes, and a second run of the same file writes nothing', async () => {
    const file = [
      wants('erin', { assign: ['MCOEV'], remove: ['MCOPSTN1'] }),
      wants('alice', { assign: ['MCOEV', 'MCOPSTN1'] }),
      wants('christie.cline', { assign: ['MCOEV', 'MCOPSTN1'] }),
    ];
    const first = await run(t.connection, file);
    assert.deepEqual(
      first.results.map((r) => r.outcome),
      ['changed', 'changed', 'changed'],
    );
    assert.deepEqual([resultOf(first, 'erin').added, resultOf(first, 'erin').removed], [['MCOEV'], ['MCOPSTN1']]);
    assert.equal(t.emulator.stats.writes, 3, 'three users, three writes');
    assert.equal(
      t.emulator.stats.requests,
      4,
      'HTTP: subscribedSkus, one read $batch, one write $batch, one verify $batch',
    );
    t.emulator.resetStats();
    const second = await run(t.connection, file);
    assert.deepEqual(
      second.results.map((r) => r.outcome),
      ['unchanged', 'unchanged', 'unchanged'],
    );
    assert.equal(t.emulator.stats.writes, 0, 'an applied file makes zero write requests');
  });

  it('disabled plans are never reset by accident: without `disable` a held SKU keeps them; with one, the file’s set is applied', async () => {
    const tenant = t.emulator.tenant;
    const e3 = tenant.findSku('ENTERPRISEPACK')!;
    const plan = (name: string) => e3.servicePlans.find((p) => p.servicePlanName === name)!.servicePlanId;
    const bobE3 = () => tenant.findUser(UPN('bob'))!.licenses.find((l) => l.skuId === e3.skuId)!.disabledPlans;
    assert.deepEqual(bobE3(), [plan('YAMMER_ENTERPRISE')]);

    const keep = await run(t.connection, [wants('bob', { assign: ['ENTERPRISEPACK', 'MCOEV'] })]);
    assert.deepEqual(resultOf(keep, 'bob').added, ['MCOEV']);
    assert.deepEqual(bobE3(), [plan('YAMMER_ENTERPRISE')], 'Yammer is still disabled');

    const change = await run(t.connection, [
      wants('bob', { assign: [{ sku: 'ENTERPRISEPACK', disable: ['SWAY', 'YAMMER_ENTERPRISE'] }] }),
    ]);
    assert.deepEqual(resultOf(change, 'bob').updated, ['ENTERPRISEPACK']);
    assert.deepEqual(new Set(bobE3()), new Set([plan('SWAY'), plan('YAMMER_ENTERPRISE')]));
  });

  it('removing a license that only a group gives is reported naming the group, and never sent', async () => {
    const report = await run(t.connection, [wants('dave', { remove: ['ENTERPRISEPACK'] })]);
    const dave = resultOf(report, 'dave');
    assert.equal(dave.outcome, 'failed');
    assert.equal(dave.error?.code, 'LicenseInheritedFromGroup');
    assert.match(dave.error!.message, new RegExp(ALL_SALES_GROUP_ID));
    assert.match(dave.error!.message, /"All Sales"/, 'the group is named as admins know it, not only by id');
    assert.equal(t.emulator.stats.writes, 0);
  });

  it('not enough seats stops the run before any write and says which SKU lacks how many', async () => {
    const users = [
      'alice',
      'christie.cline',
      'debra.berger',
      'emily.braun',
      'enrico.cattaneo',
      'pradeep.gupta',
      'allan.deyoung',
    ];
    const sink = new MemorySink();
    const report = await run(
      t.connection,
      users.map((u) => wants(u, { assign: ['MCOEV', 'MCOPSTN2'] })),
      { sink },
    );
    assert.equal(report.blockers.length, 1);
    assert.match(report.blockers[0].message, /MCOPSTN2 lacks 2 seats: 7 new assignments, 5 seats left/);
    assert.equal(t.emulator.stats.writes, 0, 'nothing written');
    assert.equal(sink.entries.length, 0);
  });

  it('a SKU the tenant lacks blocks the run before a single user is read', async () => {
    const planned = await planLicenses(t.connection, [wants('alice', { assign: ['ENTERPRISEPACKK'] })]);
    assert.equal(planned.kind, 'planned');
    if (planned.kind === 'planned') assert.equal(planned.plan.blockers[0].code, 'SkuNotInTenant');
    assert.equal(t.emulator.stats.byRoute['GET /users/{id}'] ?? 0, 0);
  });

  it('Graph’s refusals are reported with its code, its message and a hint: seats, mutually exclusive, dependency', async () => {
    const tenant = t.emulator.tenant;
    tenant.findUser(UPN('debra.berger'))!.groups.push(PHONE_PILOT_GROUP_ID);
    const planned = await planLicenses(t.connection, [
      wants('christie.cline', { assign: ['ENTERPRISEPACK'] }),
      wants('debra.berger', { assign: ['MCOPSTN1'] }),
      wants('joni.sherman', { assign: ['MCOMEETADV', 'ENTERPRISEPACK'] }),
    ]);
    assert.equal(planned.kind, 'planned');
    if (planned.kind !== 'planned') return;
    // Between the plan and the write, someone else gives christie E1, takes debra's Phone System
    // away, and takes the last Audio Conferencing seats: refusals the plan could not foresee.
    tenant.findUser(UPN('christie.cline'))!.licenses.push({
      skuId: tenant.findSku('STANDARDPACK')!.skuId,
      disabledPlans: [],
      lastUpdatedDateTime: '2026-01-01T00:00:00Z',
    });
    tenant.findUser(UPN('debra.berger'))!.groups.length = 0;
    const conf = tenant.findSku('MCOMEETADV')!;
    conf.prepaidUnits.enabled = conf.consumedUnits;
    const report = await applyPlan(t.connection, planned.plan);
    const expectations: [string, RegExp, RegExp][] = [
      ['christie.cline', /mutually exclusive/, /cannot be combined/],
      ['debra.berger', /depends on the service plan/, /Teams Phone Standard/],
      ['joni.sherman', /does not have any available licenses/, /seats/],
    ];
    for (const [user, message, hint] of expectations) {
      const r = resultOf(report, user);
      assert.equal(r.outcome, 'failed', user);
      assert.equal(r.error?.code, 'Request_BadRequest');
      assert.equal(r.error?.status, 400);
      assert.match(r.error!.message, message);
      assert.match(r.error!.hint!, hint);
    }
    assert.equal(t.emulator.stats.writes, 3, 'a 4xx other than 429 is never retried');
  });
});
