import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectToGraph } from '../src/core/graph/connection';
import type { RequestCounts } from '../src/core/graph/request-counter';
import { scaledBudgets } from '../src/core/graph/write-pacer';
import type { DesiredUser } from '../src/core/plan/desired';
import { applyPlan } from '../src/core/run/apply';
import { JournalWriter } from '../src/core/run/journal';
import { planLicenses } from '../src/core/run/plan-licenses';
import { sampleHeap } from './heap-sampler';
import type { RemoteEmulator } from './remote-emulator';

export const BENCH_SKUS = ['ENTERPRISEPACK', 'MCOEV'];

/** user00001@contoso.com … : the demo tenant's bulk users (usage location US, no licenses). */
export const bulkUpn = (n: number) => `user${String(n).padStart(5, '0')}@contoso.com`;

/** One `assign ENTERPRISEPACK MCOEV` block listing `count` users, as the parser hands it over. */
export function oneAssignBlock(count: number): DesiredUser[] {
  return Array.from({ length: count }, (_, i) => ({ user: bulkUpn(i + 1), line: i + 2, assign: BENCH_SKUS.map((sku) => ({ sku })), remove: [], onPremisesPstn: false }));
}

export interface EngineRun {
  readonly wallMs: number;
  readonly readMs: number;
  readonly writeMs: number;
  readonly verifyMs: number;
  /** HTTP requests the emulator received (reads, writes, verification, retries). */
  readonly httpRequests: number;
  /** HTTP requests that carried writes ($batch envelopes of assignLicense), retries included. */
  readonly writeHttpRequests: number;
  /** Write requests as Graph counts them (each $batch item), retries of throttled items included. */
  readonly writeRequests: number;
  readonly throttled: number;
  readonly changed: number;
  readonly unchanged: number;
  readonly failed: number;
  readonly peakHeapBytes: number;
}

/** plan + apply (+ verify) of one file against the emulator, with the journal streamed to disk. */
export async function runEngine(emulator: RemoteEmulator, desired: readonly DesiredUser[], clockScale: number): Promise<EngineRun> {
  await emulator.resetStats();
  const connection = connectToGraph({
    baseUrl: emulator.baseUrl,
    getAccessToken: async () => emulator.token,
    label: 'bench',
    // Graph's documented quotas, on the emulator's clock.
    writeBudgets: scaledBudgets(clockScale),
  });
  const journalPath = join(tmpdir(), `licenses-bench-${process.pid}-${Date.now()}.jsonl`);
  const heap = sampleHeap();
  const started = performance.now();
  const planned = await planLicenses(connection, desired);
  if (planned.kind !== 'planned' || planned.plan.blockers.length) throw new Error(`bench plan failed: ${JSON.stringify(planned)}`);
  const readDone = performance.now();
  const countsAfterRead: RequestCounts = { ...connection.counts };
  let writesDone = readDone;
  let countsAfterWrites: RequestCounts = countsAfterRead;
  const journal = await JournalWriter.open(journalPath, { files: ['bench.licenses'], tenant: 'bench', startedAt: new Date().toISOString() });
  const report = await applyPlan(connection, planned.plan, {
    sink: journal,
    onProgress: (done, total) => {
      if (done === total) {
        writesDone = performance.now();
        countsAfterWrites = { ...connection.counts };
      }
    },
  });
  await journal.close();
  const finished = performance.now();
  const peakHeapBytes = heap.stop();
  rmSync(journalPath, { force: true });
  const stats = await emulator.stats();
  return {
    wallMs: finished - started,
    readMs: readDone - started,
    writeMs: writesDone - readDone,
    verifyMs: finished - writesDone,
    httpRequests: stats.requests,
    writeHttpRequests: countsAfterWrites.httpRequests - countsAfterRead.httpRequests,
    writeRequests: stats.writes,
    throttled: stats.throttled,
    changed: report.summary.changed,
    unchanged: report.summary.unchanged,
    failed: report.summary.failed,
    peakHeapBytes,
  };
}
