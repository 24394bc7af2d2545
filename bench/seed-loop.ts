import { connectToGraph } from '../src/core/graph/connection';
import { loadTenantSkus } from '../src/core/tenant/tenant-skus';
import { BENCH_SKUS, bulkUpn } from './engine-arm';
import type { RemoteEmulator } from './remote-emulator';

export interface SeedLoopRun {
  readonly users: number;
  readonly requests: number;
  readonly failures: number;
  readonly wallMs: number;
}

/**
 * What the old PowerShell script did: for each user, for each SKU, one `assignLicense` request,
 * one after the other (Set-MgUserLicense in a foreach), through the same Graph client and retries.
 */
export async function runSeedLoop(emulator: RemoteEmulator, users: number): Promise<SeedLoopRun> {
  await emulator.resetStats();
  const connection = connectToGraph({
    baseUrl: emulator.baseUrl,
    getAccessToken: async () => emulator.token,
    writeBudgets: [],
  });
  const skus = await loadTenantSkus(connection);
  if (!skus.ok) throw new Error(skus.error.message);
  const ids = BENCH_SKUS.map((part) => {
    const r = skus.value.resolve(part);
    if (r.kind !== 'found') throw new Error(`${part} not in the bench tenant`);
    return r.sku.skuId;
  });
  let failures = 0;
  const started = performance.now();
  for (let n = 1; n <= users; n++) {
    for (const skuId of ids) {
      try {
        await connection.client
          .api(`/users/${encodeURIComponent(bulkUpn(n))}/assignLicense`)
          .post({ addLicenses: [{ skuId, disabledPlans: [] }], removeLicenses: [] });
      } catch {
        failures++;
      }
    }
  }
  const wallMs = performance.now() - started;
  return { users, requests: users * ids.length, failures, wallMs };
}
