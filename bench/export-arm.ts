/**
 * The export arm of `npm run bench`: 10,000 licensed users exported as a `.licenses` file, read in
 * pages of 999 (`GET /users`), not one read per user, then planned back against the same tenant
 * (the round trip: zero changes). Run alone with `BENCH_ARMS=export`. Writes
 * bench/results/export.json (its own file: a partial run of the other arms leaves it as it was).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Catalog } from '../src/core/catalog/catalog';
import { parseLicensesFile } from '../src/core/format';
import { connectToGraph } from '../src/core/graph/connection';
import { USER_PAGE_SIZE } from '../src/core/reads/user-listing';
import { exportTenant } from '../src/core/inventory/export-tenant';
import { desiredUsers } from '../src/core/desired/desired-users';
import { planLicenses } from '../src/core/run/read-and-plan';
import { demoTenant, startEmulator } from '../src/emulator';

const USERS = 10_000;
const CLOCK_SCALE = Number(process.env.BENCH_CLOCK_SCALE ?? 20);
/** The SKUs' read, the pages of users, a few group-name batches: far below one request per user. */
const MAX_EXPORT_REQUESTS = 20;

export async function measureExportArm(only?: readonly string[]): Promise<Record<string, boolean>> {
  if (only && !only.includes('export')) return {};
  // The demo tenant grown to 10,000 users, every one licensed: each user without a direct license
  // gets E3 (group memberships do not count: a member of an unlicensed group holds nothing).
  const base = demoTenant({ users: USERS, replicationLag: false });
  const e3 = base.skus.find((s) => s.skuPartNumber === 'ENTERPRISEPACK')!.skuId;
  const users = base.users.map((u) => (u.licenses?.length ? u : { ...u, licenses: [{ skuId: e3 }] }));
  const skus = base.skus.map((s) =>
    s.skuId === e3 ? { ...s, prepaidUnits: { ...s.prepaidUnits, enabled: USERS * 2 } } : s,
  );
  const emulator = await startEmulator({
    tenant: { ...base, users, skus },
    clockScale: CLOCK_SCALE,
    replicationLag: false,
  });
  try {
    const licensed = emulator.tenant.users.filter((u) => emulator.tenant.heldSkuIds(u).size > 0).length;
    const connection = connectToGraph({
      baseUrl: emulator.baseUrl,
      getAccessToken: async () => emulator.token,
      label: 'bench',
    });
    const started = performance.now();
    const exported = await exportTenant(connection, { kind: 'licensed' }, { tenantLabel: 'bench' });
    const exportMs = performance.now() - started;
    if (exported.kind !== 'exported') throw new Error(`export failed: ${JSON.stringify(exported)}`);
    const exportRequests = connection.counts.httpRequests;
    const listingPages = emulator.stats.byRoute['GET /users'] ?? 0;
    const planStarted = performance.now();
    const catalog = Catalog.builtIn();
    const planned = await planLicenses(connection, desiredUsers(parseLicensesFile(exported.file.text), catalog));
    const planMs = performance.now() - planStarted;
    const plan = planned.kind === 'planned' ? planned.plan : undefined;
    const unchanged = plan?.users.filter((u) => u.kind === 'unchanged').length ?? 0;
    const result = {
      users: exported.file.users,
      blocks: exported.file.blocks,
      exportRequests,
      listingPages,
      expectedPages: Math.ceil(exported.file.users / USER_PAGE_SIZE),
      exportMs: Math.round(exportMs),
      planMs: Math.round(planMs),
      planned: plan?.users.length ?? 0,
      unchanged,
      blockers: plan?.blockers.length ?? -1,
      clockScale: CLOCK_SCALE,
      fileBytes: Buffer.byteLength(exported.file.text),
    };
    console.log(
      `Export: ${result.users.toLocaleString('en-US')} licensed users in ${result.blocks} blocks, ${exportRequests} Graph requests (${listingPages} pages of GET /users at ${USER_PAGE_SIZE}), ${(exportMs / 1000).toFixed(2)} s at ×${CLOCK_SCALE}; planned back: ${unchanged} of ${result.planned} unchanged, ${result.blockers} blocker(s), ${(planMs / 1000).toFixed(2)} s.`,
    );
    const out = join(__dirname, '..', '..', 'bench', 'results');
    mkdirSync(out, { recursive: true });
    writeFileSync(
      join(out, 'export.json'),
      `${JSON.stringify({ generatedAt: new Date().toISOString(), node: process.version, ...result }, null, 2)}\n`,
    );
    return {
      export10000UsersInAtMost20Requests:
        result.users === licensed &&
        licensed === USERS &&
        exportRequests <= MAX_EXPORT_REQUESTS &&
        listingPages === result.expectedPages,
      exportRoundTripChangesNothing: result.blockers === 0 && unchanged === result.users,
    };
  } finally {
    await emulator.close();
  }
}
