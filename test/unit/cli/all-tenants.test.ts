import * as assert from 'node:assert/strict';
import { runReportCommand } from '../../../src/cli/report';
import { DEMO_CUSTOMERS, demoTenant, startEmulator, type RunningEmulator } from '../../../src/emulator';
import { capturedIo } from '../fixtures/captured-io';
import { onGraphTime, VirtualClock } from '../fixtures/virtual-clock';
import { appOnlyEnv } from '../fixtures/test-tenant';

const DAY_MS = 86_400_000;

/** The CSV as a spreadsheet splits it: rows of cells, quotes undone (no cell of these holds a line break). */
const cells = (csv: string): string[][] =>
  csv
    .split(/\r?\n/)
    .filter((l) => l !== '')
    .map((l) => [...l.matchAll(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)].slice(0, -1).map((m) => m[1].replace(/^"|"$/g, '')));

/** The demo is a partner with three customers: Fabrikam and Northwind active, Tailspin's relationship expired. */
describe('report --all-tenants', () => {
  it('--csv: a row per tenant and SKU, with its product name, seats and what can be reclaimed', async () => {
    const io = capturedIo();
    assert.equal(await runReportCommand(['--all-tenants', '--csv', '--demo'], io, onGraphTime()), 0, io.err.join('\n'));
    const [header, ...rows] = cells(io.out.join('\n'));
    assert.deepEqual(header, [
      'tenant',
      'tenantId',
      'sku',
      'skuId',
      'productName',
      'paid',
      'assigned',
      'left',
      'redundantDirect',
      'disabledAccounts',
      'inactive',
      'inactiveRead',
      'problem',
    ]);
    const seats = rows.map((r) => [r[0], r[1], r[2], r[4], r[5], r[6], r[7], r[10], r[11]]);
    const fabrikam = DEMO_CUSTOMERS.fabrikam.tenantId;
    const northwind = DEMO_CUSTOMERS.northwind.tenantId;
    assert.deepEqual(seats, [
      ['Fabrikam, Inc.', fabrikam, 'MCOEV', 'Microsoft Teams Phone Standard', '5', '0', '5', '0', 'yes'],
      ['Fabrikam, Inc.', fabrikam, 'SPE_E3', 'Microsoft 365 E3', '10', '6', '4', '6', 'yes'],
      ['Northwind Traders', northwind, 'EXCHANGESTANDARD', 'Exchange Online (Plan 1)', '3', '0', '3', '', 'no'],
      [
        'Northwind Traders',
        northwind,
        'O365_BUSINESS_PREMIUM',
        'Microsoft 365 Business Standard',
        '7',
        '5',
        '2',
        '',
        'no',
      ],
    ]);
    assert.ok(!io.out.join('\n').includes('Tailspin'), 'an expired relationship is no customer to report on');
  });

  /**
   * The partner's own emulator, reached app-only as CI would (AZURE_CLIENT_ID with a secret): Tailspin's relationship
   * is active again but the app was never consented there; Graph time is the test's virtual clock, and the
   * application's read quota is small enough that reading the customers together meets 429s.
   */
  describe('app-only, on the command’s clock', () => {
    let clock: VirtualClock;
    let emu: RunningEmulator;
    const env = () => appOnlyEnv(emu);
    const start = async (throttle: { applicationUnitsPer20s?: number } = {}) => {
      clock = new VirtualClock();
      const partner = demoTenant();
      const today = Math.floor(Date.now() / DAY_MS) * DAY_MS;
      const relationships = partner.delegatedAdminRelationships!.map((r) =>
        r.customer.tenantId === DEMO_CUSTOMERS.tailspin.tenantId
          ? { ...r, status: 'active' as const, endDateTime: new Date(today + 100 * DAY_MS).toISOString() }
          : r,
      );
      emu = await startEmulator({
        tenant: { ...partner, delegatedAdminRelationships: relationships },
        clock: clock.emulator,
        replicationLag: false,
        throttle,
      });
    };
    afterEach(() => emu?.close());

    it('a tenant that cannot be reached has its row saying why; the others are reported, in the relationships’ order', async () => {
      await start();
      const io = capturedIo();
      const code = await runReportCommand(['--all-tenants'], io, { env: env(), clock: clock.run });
      assert.equal(code, 1, 'a tenant not read makes the report incomplete');
      const rows = io.out
        .join('\n')
        .split('\n')
        .filter((l) => l.startsWith('| ') && !l.startsWith('| Tenant'));
      assert.equal(rows.length, 3, io.out.join('\n'));
      assert.match(rows[0], /^\| Fabrikam, Inc\. \([0-9a-f-]{36}\) \| MCOEV 0\/5, SPE_E3 6\/10 \| 9 \|/);
      assert.match(rows[1], /^\| Northwind Traders \(/);
      assert.equal(
        rows[2],
        `| Tailspin Toys (${DEMO_CUSTOMERS.tailspin.tenantId}) | not read: Cannot reach tenant ` +
          `${DEMO_CUSTOMERS.tailspin.tenantId}: the app is not consented there. An administrator of that tenant ` +
          'grants admin consent to the app (or the partner does, through Partner Center), then run again. | | | | |',
      );
    });

    it('cancelled (Ctrl-C): the tenants not started are not reached, each row says so', async () => {
      await start();
      const controller = new AbortController();
      controller.abort();
      const io = capturedIo();
      const code = await runReportCommand(['--all-tenants', '--csv'], io, {
        env: env(),
        clock: clock.run,
        signal: controller.signal,
      });
      assert.equal(code, 1);
      const rows = cells(io.out.join('\n')).slice(1);
      assert.deepEqual(
        rows.map((r) => [r[0], r[12]]),
        [
          ['Fabrikam, Inc.', 'cancelled'],
          ['Northwind Traders', 'cancelled'],
          ['Tailspin Toys', 'cancelled'],
        ],
      );
      assert.equal(emu.stats.tokenRequests, 1, 'the partner’s token only: no customer tenant was asked');
    });

    it('customers are read at once, four at a time: a throttled fleet waits on the clock and every row comes', async () => {
      // One tenant alone, for the time its reads take.
      await start();
      const one = capturedIo();
      const alone = clock.now();
      const fabrikam = DEMO_CUSTOMERS.fabrikam.domain;
      assert.equal(await runReportCommand(['--tenant', fabrikam], one, { env: env(), clock: clock.run }), 0);
      const oneTenantMs = clock.now() - alone;
      assert.ok(oneTenantMs > 0, 'the emulator’s latency is Graph time');
      await emu.close();

      await start();
      const io = capturedIo();
      const code = await runReportCommand(['--all-tenants', '--csv'], io, { env: env(), clock: clock.run });
      assert.equal(code, 1);
      const tenants = cells(io.out.join('\n'))
        .slice(1)
        .map((r) => r[0]);
      assert.deepEqual([...new Set(tenants)], ['Fabrikam, Inc.', 'Northwind Traders', 'Tailspin Toys']);
      // Three customers one after the other would take three tenants' time, plus the relationships.
      assert.ok(clock.now() < 2 * oneTenantMs, `${clock.now()} ms of Graph time for 3 tenants, ${oneTenantMs} for one`);
      await emu.close();

      // The application's read quota, shared by every tenant, spent by reading them together.
      await start({ applicationUnitsPer20s: 4 });
      const throttled = capturedIo();
      assert.equal(
        await runReportCommand(['--all-tenants', '--csv'], throttled, { env: env(), clock: clock.run }),
        1,
        throttled.err.join('\n'),
      );
      assert.ok(emu.stats.throttled > 0, 'the quota was met');
      assert.ok(clock.now() >= 1000, 'Retry-After was waited on the command’s clock, in Graph time');
      assert.deepEqual(cells(throttled.out.join('\n')), cells(io.out.join('\n')), 'the same rows, once waited for');
    });
  });
});
