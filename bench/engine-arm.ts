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
import { scaledClock } from '../src/core/run/run-clock';
import { sampleHeap } from './heap-sampler';
import type { RemoteEmulator } from './remote-emulator';
import { tapWrites } from './write-tap';

export const BENCH_SKUS = ['ENTERPRISEPACK', 'MCOEV'];

/** user00001@contoso.com … : the demo tenant's bulk users (usage location US, no licenses). */
export const bulkUpn = (n: number) => `user${String(n).padStart(5, '0')}@contoso.com`;

/** One `assign ENTERPRISEPACK MCOEV` block listing `count` users, as the parser hands it over. */
export function oneAssignBlock(count: number): DesiredUser[] {
  return Array.from({ length: count }, (_, i) => ({ user: bulkUpn(i + 1), line: i + 2, assign: BENCH_SKUS.map((sku) => ({ sku })), remove: [], onPremisesPstn: false }));
}

export interface EngineRun {
  readonly wallMs: number;
  /** The plan: the SKUs and every listed user read, before any write may start. */
  readonly readMs: number;
  /** From the plan to the last write's answer (the re-reads between writes included). */
  readonly writeMs: number;
  /** After the last write's answer: the re-reads still pending. */
  readonly verifyMs: number;
  /** From the plan to the first write sent: the journal's pending lines, chunking. */
  readonly beforeFirstWriteMs: number;
  /** From the first write sent to the end of the run: what the write quota bounds from below. */
  readonly firstWriteToEndMs: number;
  /** HTTP requests the emulator received (reads, writes, verification, retries). */
  readonly httpRequests: number;
  /** HTTP requests that carried writes ($batch envelopes of assignLicense), retries included (write-tap.ts). */
  readonly writeHttpRequests: number;
  /** HTTP requests from the plan's end to the last write's answer: writes and the re-reads between them. */
  readonly httpRequestsDuringWrites: number;
  /** Write requests as Graph counts them (each $batch item), retries of throttled items included. */
  readonly writeRequests: number;
  /** Every 429 the emulator answered, reads included. */
  readonly throttled: number;
  /**
   * Write requests Graph did not apply. The bench injects no faults and every user can take both
   * licenses, so a write that was not applied is one that was throttled (the emulator counts 429s
   * without telling writes from reads; this tells them apart).
   */
  readonly throttledWrites: number;
  readonly changed: number;
  readonly unchanged: number;
  /** Every bench user can be licensed: any failure, under replication lag or not, is a wrong one. */
  readonly failed: number;
  /** Users the run re-read and found as written. */
  readonly verified: number;
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
  let countsAfterWrites: RequestCounts = countsAfterRead;
  const tap = tapWrites();
  const journal = await JournalWriter.open(journalPath, { files: ['bench.licenses'], tenant: 'bench', startedAt: new Date().toISOString() });
  const report = await applyPlan(connection, planned.plan, {
    sink: journal,
    // Verification waits (replication lag) in Graph time, like the emulator's latency and quotas.
    clock: scaledClock(clockScale),
    onProgress: (done, total) => {
      if (done === total) countsAfterWrites = { ...connection.counts };
    },
  });
  await journal.close();
  const finished = performance.now();
  tap.stop();
  const firstWrite = tap.firstSentAt ?? finished;
  const writesDone = tap.lastAnsweredAt ?? readDone;
  const peakHeapBytes = heap.stop();
  rmSync(journalPath, { force: true });
  const stats = await emulator.stats();
  return {
    wallMs: finished - started,
    readMs: readDone - started,
    writeMs: writesDone - readDone,
    verifyMs: finished - writesDone,
    beforeFirstWriteMs: firstWrite - readDone,
    firstWriteToEndMs: finished - firstWrite,
    httpRequests: stats.requests,
    writeHttpRequests: tap.envelopes,
    httpRequestsDuringWrites: countsAfterWrites.httpRequests - countsAfterRead.httpRequests,
    writeRequests: stats.writes,
    throttled: stats.throttled,
    throttledWrites: stats.writes - stats.writesApplied,
    changed: report.summary.changed,
    unchanged: report.summary.unchanged,
    failed: report.summary.failed,
    verified: report.summary.verified,
    peakHeapBytes,
  };
}
