import * as assert from 'node:assert/strict';
import { runExportCommand } from '../../../src/cli/export';
import { runReportCommand } from '../../../src/cli/report';
import { capturedIo } from '../fixtures/captured-io';
import { onGraphTime } from '../fixtures/virtual-clock';

/** The demo is a partner with three customers: Fabrikam and Northwind active, Tailspin's relationship expired. */
describe('export and report name their tenant', () => {
  it('report --all-tenants: one table, a row per active customer tenant with its seats and reclaim', async () => {
    const io = capturedIo();
    assert.equal(await runReportCommand(['--all-tenants', '--demo'], io, onGraphTime()), 0, io.err.join('\n'));
    const table = io.out.join('\n').split('\n');
    assert.equal(table[0], '# License report: 2 tenants');
    const rows = table.filter((l) => l.startsWith('| ') && !l.startsWith('| Tenant'));
    assert.equal(rows.length, 2);
    assert.match(rows[0], /^\| Fabrikam, Inc\. \([0-9a-f-]{36}\) \| MCOEV 0\/5, SPE_E3 6\/10 \| 9 \| 0 \| 0 \| 6 \|$/);
    assert.match(rows[1], /^\| Northwind Traders \([0-9a-f-]{36}\) \| /);
    assert.ok(!io.out.join('\n').includes('Tailspin'), 'an expired relationship is no customer to report on');
  });

  it('report --all-tenants --json: each tenant with its report', async () => {
    const io = capturedIo();
    assert.equal(await runReportCommand(['--all-tenants', '--json', '--demo'], io, onGraphTime()), 0);
    const rows = JSON.parse(io.out.join('\n')) as { tenant: string; report: { users: number } }[];
    assert.deepEqual(
      rows.map((r) => r.tenant.split(' (')[0]),
      ['Fabrikam, Inc.', 'Northwind Traders'],
    );
  });

  it('report --tenant: that tenant only; --all-tenants with --reclaim is refused', async () => {
    const io = capturedIo();
    assert.equal(
      await runReportCommand(['--tenant', 'northwindtraders.onmicrosoft.com', '--demo'], io, onGraphTime()),
      0,
    );
    assert.match(io.out[0], /^# License report: northwindtraders\.onmicrosoft\.com \(demo tenant\)/);
    const refused = capturedIo();
    assert.equal(await runReportCommand(['--all-tenants', '--reclaim', 'inactive', '--demo'], refused), 2);
    assert.match(refused.err[0], /--all-tenants reports on every customer tenant/);
  });

  it('export --tenant: the file starts with its tenant line and holds that tenant’s users', async () => {
    const io = capturedIo();
    assert.equal(
      await runExportCommand(['--tenant', 'fabrikam.onmicrosoft.com', '--demo'], io, onGraphTime()),
      0,
      io.err.join('\n'),
    );
    assert.equal(io.out.join('\n').split('\n')[0], 'tenant fabrikam.onmicrosoft.com');
    const text = io.out.join('\n');
    assert.match(text, /ava\.martin@fabrikam\.onmicrosoft\.com/);
    assert.ok(!/@contoso\.com/.test(text), 'no user of another tenant');
    const bad = capturedIo();
    assert.equal(await runExportCommand(['--tenant', 'contoso', '--demo'], bad), 2);
  });
});
