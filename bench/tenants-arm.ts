/**
 * The tenants arm of `npm run bench`: 50 tenants of 1,000 users each (BENCH_TENANTS,
 * BENCH_TENANT_USERS for a subset), one run over all of them through the product's run path
 * (runLicensesAcrossTenants: each tenant's runLicenses, its own pacing, and one pacing for the
 * application-wide write quota), against one emulator holding every tenant, each reached with a
 * token of its own. Floors: wall time within 1.05x of the larger of one tenant's quota minimum and
 * the application-wide quota minimum; no write throttled; the run's heap per tenant flat (the heap it
 * takes over 10 tenants and over all of them, per tenant, within 1.5x). Run alone with
 * `BENCH_ARMS=tenants`; a full run writes bench/results/tenants.json. Clock: BENCH_TENANTS_CLOCK_SCALE (1).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectToGraph } from '../src/core/graph/connection';
import {
  APPLICATION_WRITE_BUDGETS,
  GRAPH_WRITE_BUDGETS,
  scaledBudgets,
  WritePacer,
} from '../src/core/graph/write-pacer';
import { planAsRead } from '../src/core/run/plan-as-read';
import { runLicensesAcrossTenants } from '../src/core/run/run-licenses';
import { demoTenant, startEmulator, type TenantFixture } from '../src/emulator';
import { DEFAULT_DEMO_USERS } from '../src/emulator/demo-tenant';
import { sampleHeap } from './heap-sampler';
import { throttleMinimumSeconds } from './throttle-minimum';

const TENANTS = Number(process.env.BENCH_TENANTS ?? 50);
const USERS = Number(process.env.BENCH_TENANT_USERS ?? 1000);
/**
 * Real time by default: at 50 tenants the application-wide minimum is 128.6 Graph seconds, and a
 * faster clock would ask this one process (engine and emulator) to handle 50,000 users in less time
 * than their CPU takes, measuring the machine instead of the pacing.
 */
const CLOCK_SCALE = Number(process.env.BENCH_TENANTS_CLOCK_SCALE ?? 1);
/** The few tenants the heap per tenant is compared with. */
const FEW = Math.min(10, TENANTS);

interface TenantsRun {
  readonly tenants: number;
  readonly wallMs: number;
  readonly minimumMs: number;
  readonly writes: number;
  readonly throttledWrites: number;
  readonly changed: number;
  readonly heapGrowthBytes: number;
}

/** Customer tenants made from the demo tenant's bulk users, each with its id and domain, the app consented. */
function customers(count: number, appId: string): TenantFixture[] {
  // The demo's own 300 users, then USERS generated ones (user00001@…): those are the run's.
  const base = demoTenant({ users: USERS + DEFAULT_DEMO_USERS, replicationLag: false });
  const skus = base.skus.map((s) =>
    s.skuPartNumber === 'MCOEV' ? { ...s, prepaidUnits: { ...s.prepaidUnits, enabled: USERS * 2 } } : s,
  );
  return Array.from({ length: count }, (_, i) => ({
    ...base,
    skus,
    tenantId: `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
    domains: [`bench${i + 1}.example.com`],
    consentedApps: [{ appId }],
  }));
}

const bulkUser = (n: number) => `user${String(n).padStart(5, '0')}@contoso.com`;

async function measure(count: number): Promise<TenantsRun> {
  const home = demoTenant({ replicationLag: false });
  const emulator = await startEmulator({
    tenant: home,
    tenants: customers(count, home.appId!),
    clockScale: CLOCK_SCALE,
    replicationLag: false,
  });
  const folder = mkdtempSync(join(tmpdir(), 'bench-tenants-'));
  try {
    const shared = new WritePacer(scaledBudgets(CLOCK_SCALE, APPLICATION_WRITE_BUDGETS));
    const desired = Array.from({ length: USERS }, (_, i) => ({
      user: bulkUser(i + 1),
      line: i + 1,
      assign: [{ sku: 'MCOEV' }],
      remove: [],
      onPremisesPstn: false,
    }));
    const requests = await Promise.all(
      Array.from({ length: count }, async (_, i) => {
        const name = `bench${i + 1}.example.com`;
        const answer = await fetch(emulator.tokenUrlFor(name), {
          method: 'POST',
          body: new URLSearchParams({
            grant_type: 'client_credentials',
            client_id: home.appId!,
            scope: `${emulator.origin}/.default`,
          }),
        });
        const token = ((await answer.json()) as { access_token: string }).access_token;
        const connection = connectToGraph({
          baseUrl: emulator.baseUrl,
          getAccessToken: async () => token,
          label: name,
          writeBudgets: scaledBudgets(CLOCK_SCALE, GRAPH_WRITE_BUDGETS),
          sharedPacer: shared,
        });
        return {
          connection,
          tenant: { label: name, id: name, named: name },
          files: [`${name}.licenses`],
          plan: () => planAsRead(connection, desired),
          journal: { folder, name },
          lockFolder: folder,
          verify: { timeoutMs: 0 },
        };
      }),
    );
    global.gc?.();
    const before = process.memoryUsage().heapUsed;
    const heap = sampleHeap();
    const started = performance.now();
    const outcomes = await runLicensesAcrossTenants({ tenants: requests });
    const wallMs = performance.now() - started;
    const peak = heap.stop();
    const changed = outcomes.reduce((n, o) => n + (o.kind === 'applied' ? o.report.summary.changed : 0), 0);
    const minimumSeconds = Math.max(
      throttleMinimumSeconds(USERS, GRAPH_WRITE_BUDGETS),
      throttleMinimumSeconds(USERS * count, APPLICATION_WRITE_BUDGETS),
    );
    return {
      tenants: count,
      wallMs,
      minimumMs: (minimumSeconds * 1000) / CLOCK_SCALE,
      writes: emulator.stats.writes,
      throttledWrites: emulator.stats.throttled,
      changed,
      heapGrowthBytes: peak - before,
    };
  } finally {
    await emulator.close();
    rmSync(folder, { recursive: true, force: true });
  }
}

export async function measureTenantsArm(only?: readonly string[]): Promise<Record<string, boolean>> {
  if (only && !only.includes('tenants')) return {};
  const few = await measure(FEW);
  const all = TENANTS === FEW ? few : await measure(TENANTS);
  const ratio = all.minimumMs > 0 ? all.wallMs / all.minimumMs : Infinity;
  const perTenant = (r: TenantsRun) => r.heapGrowthBytes / r.tenants;
  console.log(
    `Tenants arm: ${all.tenants} tenants of ${USERS} users at clock x${CLOCK_SCALE}: ${(all.wallMs / 1000).toFixed(2)} s ` +
      `(minimum ${(all.minimumMs / 1000).toFixed(2)} s, ratio ${ratio.toFixed(3)}), ${all.changed} changed, ` +
      `${all.throttledWrites} throttled, heap per tenant ${(perTenant(all) / 2 ** 20).toFixed(2)} MB ` +
      `(${FEW} tenants: ${(perTenant(few) / 2 ** 20).toFixed(2)} MB)`,
  );
  const floors = {
    tenantsEveryUserChanged: all.changed === all.tenants * USERS,
    // With no quota to wait for (a subset under the burst), latency sets the time and there is no ratio to hold.
    tenantsWallAtMost1_05xQuotaMinimum: all.minimumMs === 0 || ratio <= 1.05,
    tenantsNoThrottledWrite: all.throttledWrites === 0,
    tenantsHeapFlatPerTenant: perTenant(all) <= 1.5 * Math.max(perTenant(few), 1),
  };
  if (!only) {
    const out = join(__dirname, '..', '..', 'bench', 'results');
    mkdirSync(out, { recursive: true });
    writeFileSync(
      join(out, 'tenants.json'),
      `${JSON.stringify({ generatedAt: new Date().toISOString(), clockScale: CLOCK_SCALE, users: USERS, few, all, floors }, null, 2)}\n`,
    );
  }
  return floors;
}
