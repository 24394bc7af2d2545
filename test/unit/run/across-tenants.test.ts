import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectToGraph } from '../../../src/core/graph/connection';
import { WritePacer } from '../../../src/core/graph/write-pacer';
import { planLicenses } from '../../../src/core/run/read-and-plan';
import { runLicensesAcrossTenants, type TenantPlan } from '../../../src/core/run/run-licenses';
import { startTenant, wants, type TestTenant, sharedDemoTenant } from '../fixtures/test-tenant';
import { VirtualClock } from '../fixtures/virtual-clock';

const bulk = (n: number) =>
  Array.from({ length: n }, (_, i) => wants(`user${String(i + 1).padStart(5, '0')}`, { assign: ['MCOEV'] }));

describe('run: several tenants in one run', () => {
  let tenants: TestTenant[] = [];
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'licenses-across-'));
  });
  afterEach(async () => {
    for (const t of tenants) await t.close();
    tenants = [];
    rmSync(dir, { recursive: true, force: true });
  });

  /**
   * Tenants (bulk users from demoTenant past 300) whose connections pace against their own quota and
   * one application-wide quota, on one clock.
   */
  async function start(count: number, users: number, shared: WritePacer, clock: VirtualClock) {
    for (let i = 0; i < count; i++)
      tenants.push(await startTenant({ tenant: sharedDemoTenant({ users: 400 }), graphClock: clock }));
    return tenants.map((t, i) => {
      const connection = connectToGraph({
        baseUrl: t.emulator.baseUrl,
        getAccessToken: async () => t.emulator.token,
        label: `tenant-${i}.example.com`,
        clock: clock.run,
        sharedPacer: shared,
      });
      const tenant = { label: `tenant-${i}.example.com`, id: `tenant-${i}`, named: `tenant-${i}.example.com` };
      return {
        connection,
        tenant,
        files: [`tenant-${i}.licenses`],
        plan: () => planLicenses(connection, bulk(users)),
        journal: { folder: dir, name: `tenant-${i}` },
        lockFolder: dir,
        verify: { timeoutMs: 0 },
      };
    });
  }

  it('the application-wide quota paces every tenant together: none is throttled, and it takes the quota’s time', async () => {
    const clock = new VirtualClock();
    // 60 writes per 10 s across tenants (a small copy of Graph's 35,000 per 5 min): 3 tenants of 40 users.
    const shared = new WritePacer([{ writes: 60, perSeconds: 10, scope: 'application' }], clock.now, (ms, c) =>
      clock.sleep(ms, c),
    );
    const requests = await start(3, 40, shared, clock);
    const outcomes = await runLicensesAcrossTenants({ tenants: requests });
    assert.deepEqual(
      outcomes.map((o) => o.kind === 'applied' && o.report.summary.changed),
      [40, 40, 40],
    );
    assert.equal(
      tenants.reduce((n, t) => n + t.emulator.stats.throttled, 0),
      0,
      'no 429',
    );
    // 120 writes, 59 at once (one short of the burst, the safety margin), then 6 a second: at least 10 s.
    assert.ok(clock.now() >= 10_000, `${clock.now()} ms of Graph time`);
    for (const o of outcomes) {
      assert.equal(o.kind, 'applied');
      const header = JSON.parse(readFileSync(o.kind === 'applied' ? o.journal : '', 'utf8').split('\n')[0]) as {
        fileTenant: string;
      };
      assert.match(header.fileTenant, /^tenant-\d\.example\.com$/, 'each journal names its tenant');
    }
  });

  it('one confirmation for all tenants, once every tenant is planned; a tenant that cannot be read is left out and fails alone', async () => {
    const clock = new VirtualClock();
    const shared = new WritePacer([], clock.now);
    const requests = await start(3, 5, shared, clock);
    await tenants[1].close();
    const asked: (readonly TenantPlan[])[] = [];
    const outcomes = await runLicensesAcrossTenants({
      tenants: requests,
      confirm: async (plans) => {
        asked.push(plans);
        return true;
      },
    });
    assert.equal(asked.length, 1);
    assert.deepEqual(
      asked[0].map((p) => [p.tenant.label, p.totals.change]),
      [
        ['tenant-0.example.com', 5],
        ['tenant-2.example.com', 5],
      ],
    );
    assert.deepEqual(
      outcomes.map((o) => o.kind),
      ['applied', 'tenant-error', 'applied'],
    );
  });

  it('a no at the one confirmation: no tenant writes', async () => {
    const clock = new VirtualClock();
    const requests = await start(2, 5, new WritePacer([], clock.now), clock);
    const outcomes = await runLicensesAcrossTenants({ tenants: requests, confirm: async () => false });
    assert.deepEqual(
      outcomes.map((o) => o.kind),
      ['declined', 'declined'],
    );
    assert.equal(tenants[0].emulator.stats.writes + tenants[1].emulator.stats.writes, 0);
  });
});
