import * as assert from 'node:assert/strict';
import { readTenantReport } from '../../../src/core/inventory/tenant-report';
import { reportCsv, reportMarkdown } from '../../../src/core/inventory/report-format';
import { tenantReportView } from '../../../src/core/report/tenant-report-view';
import { startTenant, type TestTenant } from '../fixtures/test-tenant';
import { startNumbersTenant, type NumbersTenant } from '../numbers/helpers';

describe('tenant report: Teams numbers paid for and idle', () => {
  let t: TestTenant | undefined;
  let n: NumbersTenant | undefined;
  afterEach(async () => {
    await t?.close();
    await n?.close();
    t = undefined;
    n = undefined;
  });

  it('names users licensed for calling without a number, and numbers of disabled or unlicensed users', async () => {
    t = await startTenant();
    const tenant = t.emulator.tenant;
    // erin's account is blocked; megan.bowen loses every direct license; both keep their numbers.
    tenant.findUser('erin@contoso.com')!.accountEnabled = false;
    tenant.findUser('megan.bowen@contoso.com')!.licenses = [];
    const outcome = await readTenantReport(t.connection, { tenantLabel: 'test tenant' });
    assert.ok(outcome.kind === 'report');
    const numbers = outcome.report.numbers;
    assert.ok(numbers?.available);
    assert.deepEqual(
      numbers.idleNumbers.map((i) => [i.user, i.telephoneNumber, i.reason]),
      [
        ['erin@contoso.com', '+14255550100', 'disabled'],
        ['megan.bowen@contoso.com', '+442079460100', 'unlicensed'],
      ],
    );
    // adele.vance holds a Calling Plan and a number: not named; a Calling Plan holder without one is.
    const calling = numbers.callingWithoutNumber.map((c) => c.user);
    assert.ok(calling.includes('nestor.wilke@contoso.com'), calling.join(', '));
    assert.ok(!calling.includes('adele.vance@contoso.com'));
    assert.ok(!calling.includes('erin@contoso.com'), 'a disabled account is reported as such, not as unable to call');
    const md = reportMarkdown(outcome.report);
    assert.match(md, /## Licensed for calling without a number: paid for and unable to call \(\d+\)/);
    assert.match(md, /\| \+14255550100 \| erin@contoso\.com \| account disabled \|/);
    assert.match(md, /\| \+442079460100 \| megan\.bowen@contoso\.com \| no license \|/);
    // The Tenant Report page: the same two findings, as tables.
    const page = tenantReportView(outcome.report);
    const idle = page.sections.find((x) => x.id === 'idle-numbers');
    assert.deepEqual(idle?.table?.rows, [
      ['+14255550100', 'erin@contoso.com', 'account disabled'],
      ['+442079460100', 'megan.bowen@contoso.com', 'no license'],
    ]);
    assert.equal(page.sections.find((x) => x.id === 'calling-without-number')?.table?.rows.length, calling.length);
    // The CSV guards the cell a spreadsheet would read as a formula.
    assert.match(reportCsv(outcome.report), /number-unlicensed,,,megan\.bowen@contoso\.com,{7}'\+442079460100/);
  });

  it('without the permission to read numbers: the report as before, and one line saying why', async () => {
    n = await startNumbersTenant({
      tokenFor: (emu) => emu.mintToken({ roles: ['User.ReadWrite.All', 'Organization.Read.All'] }),
    });
    const outcome = await readTenantReport(n.connection, { tenantLabel: 'test tenant' });
    assert.ok(outcome.kind === 'report');
    assert.equal(outcome.report.numbers?.available, false);
    assert.match(
      reportMarkdown(outcome.report),
      /Teams numbers are not reported: [^\n]*TeamsTelephoneNumber\.Read\.All/,
    );
  });
});
