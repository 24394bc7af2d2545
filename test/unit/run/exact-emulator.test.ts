import * as assert from 'node:assert/strict';
import { parseLicensesFile } from '../../../src/core/format';
import { desiredUsers } from '../../../src/core/desired/desired-users';
import { readUsers } from '../../../src/core/reads/tenant-reads';
import { ALL_SALES_GROUP_ID } from '../../../src/emulator';
import { catalog } from '../helpers';
import { resultOf, run, startTenant, type TestTenant, UPN } from '../fixtures/test-tenant';
import { skuId } from '../fixtures/graph-shapes';

const desiredOf = (...lines: string[]) => desiredUsers(parseLicensesFile(lines.join('\n')), catalog);

describe('exact: against the demo tenant', () => {
  let tenant: TestTenant;
  beforeEach(async () => (tenant = await startTenant()));
  afterEach(() => tenant.close());

  it('erin (E5 + MCOPSTN1) stated as exactly SPE_E3: one assignLicense adds E3 and removes both, and she holds E3 alone', async () => {
    tenant.emulator.resetStats();
    const report = await run(tenant.connection, desiredOf('exact', 'assign ENTERPRISEPACK', UPN('erin')));
    const erin = resultOf(report, 'erin');
    assert.equal(erin.outcome, 'changed', JSON.stringify(erin));
    assert.deepEqual(erin.added, ['ENTERPRISEPACK']);
    assert.deepEqual(new Set(erin.removed), new Set(['ENTERPRISEPREMIUM', 'MCOPSTN1']));
    assert.equal(
      tenant.emulator.stats.byRoute['POST /users/{id}/assignLicense'],
      1,
      'one call, so no moment without a license and no dependency refusal between two calls',
    );
    const now = (await readUsers(tenant.connection, [UPN('erin')])).get(UPN('erin'));
    assert.ok(now?.kind === 'found');
    assert.deepEqual(
      now.user.assignedLicenses?.map((l) => l.skuId),
      [skuId('ENTERPRISEPACK')],
    );
  });

  it('frank and dave keep the E3 that "All Sales" gives: only frank’s direct copy goes, and nothing fails', async () => {
    const report = await run(tenant.connection, desiredOf('exact', 'assign MCOEV', UPN('frank'), UPN('dave')));
    for (const name of ['frank', 'dave']) assert.equal(resultOf(report, name).outcome, 'changed', name);
    assert.deepEqual(resultOf(report, 'frank').removed, ['ENTERPRISEPACK']);
    assert.deepEqual(resultOf(report, 'dave').removed, []);
    const dave = report.plan.users.find((u) => u.user === UPN('dave'));
    assert.match(dave?.keptFromGroups?.[0].groups ?? '', /All Sales/);
    const now = await readUsers(tenant.connection, [UPN('frank'), UPN('dave')]);
    for (const name of ['frank', 'dave']) {
      const u = now.get(UPN(name));
      assert.ok(u?.kind === 'found');
      const states = u.user.licenseAssignmentStates ?? [];
      assert.ok(
        states.some((s) => s.skuId === skuId('ENTERPRISEPACK') && s.assignedByGroup === ALL_SALES_GROUP_ID),
        `${name} still has E3 from All Sales`,
      );
      assert.ok(
        !states.some((s) => s.skuId === skuId('ENTERPRISEPACK') && !s.assignedByGroup),
        `${name} has no direct E3`,
      );
    }
  });
});
