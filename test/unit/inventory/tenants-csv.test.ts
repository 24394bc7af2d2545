import * as assert from 'node:assert/strict';
import { tenantsReportCsv, type TenantReportRow } from '../../../src/core/inventory/report-format';
import type { TenantReport } from '../../../src/core/inventory/tenant-report';

const ID = '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0';

const report = (over: Partial<TenantReport> = {}): TenantReport => ({
  tenant: 'x',
  readAt: '2026-01-01T00:00:00.000Z',
  users: 3,
  skus: [
    {
      skuId: '05e9a617-0261-4cee-bb44-138d3ef5d965',
      partNumber: 'SPE_E3',
      paid: 2,
      assigned: 3,
      left: -1,
      direct: 3,
      inherited: 1,
      both: 1,
    },
  ],
  redundantDirect: [],
  disabledAccounts: [
    {
      user: 'a@x.com',
      userId: '1',
      displayName: null,
      direct: [{ skuId: '05e9a617-0261-4cee-bb44-138d3ef5d965', partNumber: 'SPE_E3' }],
      inherited: [],
      lastSignIn: null,
    },
  ],
  inactive: { available: true, days: 90, users: [], notRead: 0 },
  ...over,
});

/** What a spreadsheet reads from `report --all-tenants --csv`, tenant names being the customers' own text. */
describe('report --all-tenants --csv keeps tenant text as text', () => {
  it('a tenant name that starts like a formula stays text, quotes and commas stay in their cell', () => {
    const names = ['=HYPERLINK("http://x","pay")', '+1', '-2', '@SUM(A1)', 'Contoso, "Ltd"\r\n=1+1'];
    const rows: TenantReportRow[] = names.map((tenant) => ({ tenant, tenantId: ID, report: report() }));
    const lines = tenantsReportCsv(rows).split('\r\n');
    assert.equal(lines.length, names.length + 2, 'one line per tenant and SKU, the header, the last line break');
    assert.deepEqual(
      lines.slice(1, -1).map((l) => l.slice(0, l.indexOf(`,${ID}`))),
      ['"\'=HYPERLINK(""http://x"",""pay"")"', "'+1", "'-2", "'@SUM(A1)", '"Contoso, ""Ltd"" =1+1"'],
    );
  });

  it('counts are numbers (a negative seats left too); a tenant not read has one row with its problem', () => {
    const rows: TenantReportRow[] = [
      { tenant: 'Fabrikam', tenantId: ID, report: report() },
      { tenant: 'Tailspin', tenantId: ID, problem: '-bad\nthing' },
      {
        tenant: 'Empty',
        tenantId: ID,
        report: report({ skus: [], inactive: { available: false, days: 90, reason: 'P1' } }),
      },
    ];
    const lines = tenantsReportCsv(rows).split('\r\n');
    assert.equal(
      lines[1],
      `Fabrikam,${ID},SPE_E3,05e9a617-0261-4cee-bb44-138d3ef5d965,Microsoft 365 E3,2,3,-1,1,1,0,yes,`,
    );
    assert.equal(lines[2], `Tailspin,${ID},,,,,,,,,,,'-bad thing`);
    assert.equal(lines[3], `Empty,${ID},,,,,,,,,,no,`);
  });
});
