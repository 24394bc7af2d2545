/**
 * The emulator in a worker thread for the benchmark: Graph is remote in real life, so the engine
 * must not share its event loop or its heap with the server (the heap figure is the engine's own).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { demoTenant, startEmulator } from '../src/emulator';
import type { ReplicationLagOptions } from '../src/emulator/directory/replication';
import { benchNumber } from './bench-numbers';

export interface EmulatorWorkerOptions {
  readonly users: number;
  readonly clockScale: number;
  /** Eventual consistency (src/emulator/replication.ts); none when absent. */
  readonly replicationLag?: ReplicationLagOptions;
  /** Free Operator Connect numbers added to the demo tenant's inventory (the number arm, number-arm.ts). */
  readonly freeNumbers?: number;
  /** Graph seconds before Teams sees a new voice license (the demo tenant's default otherwise). */
  readonly teamsLicenseLagSeconds?: number;
}

async function main() {
  const options = workerData as EmulatorWorkerOptions;
  // Default latency (100 ms) and default throttle budget (Graph's 3,000 / 150 s, 18,000 / 5 min).
  const seedStarted = performance.now();
  const tenant = demoTenant({ users: options.users, replicationLag: options.replicationLag ?? false });
  const free = Array.from({ length: options.freeNumbers ?? 0 }, (_, i) => ({
    telephoneNumber: benchNumber(i),
    numberType: 'operatorConnect' as const,
    isoCountryCode: 'GB',
    city: 'London',
  }));
  const emulator = await startEmulator({
    tenant: free.length
      ? { ...tenant, teams: { ...tenant.teams, numbers: [...(tenant.teams?.numbers ?? []), ...free] } }
      : tenant,
    clockScale: options.clockScale,
    ...(options.teamsLicenseLagSeconds !== undefined ? { teamsLicenseLagSeconds: options.teamsLicenseLagSeconds } : {}),
  });
  const seedMs = performance.now() - seedStarted;
  parentPort!.on('message', async (message: string) => {
    if (message === 'stats')
      parentPort!.postMessage({
        stats: { ...emulator.stats, byRoute: { ...emulator.stats.byRoute } },
        heapBytes: process.memoryUsage().heapUsed,
      });
    if (message === 'reset') {
      emulator.resetStats();
      parentPort!.postMessage({ reset: true });
    }
    if (message === 'close') {
      await emulator.close();
      parentPort!.postMessage({ closed: true });
    }
  });
  parentPort!.postMessage({
    baseUrl: emulator.baseUrl,
    token: emulator.token,
    seedMs,
    heapBytes: process.memoryUsage().heapUsed,
  });
}

void main();
