import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectToGraph } from '../src/core/graph/connection';
import { scaledBudgets } from '../src/core/graph/write-pacer';
import type { DesiredUser } from '../src/core/desired/desired';
import { planAsRead, withWaves } from '../src/core/run/plan-as-read';
import { runLicenses } from '../src/core/run/run-licenses';
import { scaledClock } from '../src/core/run/run-clock';
import { sampleHeap } from './heap-sampler';
import type { RemoteEmulator } from './remote-emulator';
import { tapWrites } from './write-tap';

export const BENCH_SKUS = ['ENTERPRISEPACK', 'MCOEV'];

/** user00001@contoso.com … : the demo tenant's bulk users (usage location US, no licenses). */
export const bulkUpn = (n: number) => `user${String(n).padStart(5, '0')}@contoso.com`;

/** One `assign ENTERPRISEPACK MCOEV` block listing `count` users, as the parser hands it over. */
export function oneAssignBlock(count: number): DesiredUser[] {
  return Array.from({ length: count }, (_, i) => ({
    user: bulkUpn(i + 1),
    line: i + 2,
    assign: BENCH_SKUS.map((sku) => ({ sku })),
    remove: [],
    onPremisesPstn: false,
  }));
}

export interface EngineRun {
  readonly wallMs: number;
  /** From the start until every listed user is read and planned (the first writes start long before). */
  readonly readMs: number;
  /** From the first write sent to the last write's answer (the re-reads between writes included). */
  readonly writeMs: number;
  /** After the last write's answer: the re-reads still pending. */
  readonly verifyMs: number;
  /** From the start to the first write sent: the SKUs and the first users read and planned, the journal's lines. */
  readonly beforeFirstWriteMs: number;
  /** From the first write sent to the end of the run: what the write quota bounds from below. */
  readonly firstWriteToEndMs: number;
  /** HTTP requests the emulator received (reads, writes, verification, retries). */
  readonly httpRequests: number;
  /** HTTP requests that carried writes ($batch envelopes of assignLicense), retries included (write-tap.ts). */
  readonly writeHttpRequests: number;
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

/**
 * One file against the emulator through the product's run path: `runLicenses`, as `m365-licenses
 * apply --yes` calls it (lock, planAsRead with the first users written while the rest are read, the
 * journal streamed to disk, apply, verify). Only the bench's watches are added: when the last user was
 * read (the plan's waves, timed as they pass) and when writes went out (write-tap.ts).
 */
export async function runEngine(
  emulator: RemoteEmulator,
  desired: readonly DesiredUser[],
  clockScale: number,
): Promise<EngineRun> {
  await emulator.resetStats();
  const connection = connectToGraph({
    baseUrl: emulator.baseUrl,
    getAccessToken: async () => emulator.token,
    label: 'bench',
    // Graph's documented quotas, on the emulator's clock.
    writeBudgets: scaledBudgets(clockScale),
  });
  const folder = mkdtempSync(join(tmpdir(), 'licenses-bench-'));
  const heap = sampleHeap();
  const tap = tapWrites();
  const started = performance.now();
  let readDone = started;
  const outcome = await runLicenses({
    connection,
    tenant: { label: 'bench', id: 'bench' },
    files: ['bench.licenses'],
    plan: async () => {
      const planned = await planAsRead(connection, desired);
      if (planned.kind !== 'planning') return planned;
      const planning = planned.planning;
      const waves = planning.waves.map((wave) => ({
        ...wave,
        plans: timed(wave.plans, () => (readDone = performance.now())),
      }));
      return { kind: 'planning', planning: withWaves(planning, waves) };
    },
    journal: { folder, name: 'bench' },
    lockFolder: join(folder, 'locks'),
    // Verification waits (replication lag) in Graph time, like the emulator's latency and quotas.
    clock: scaledClock(clockScale),
  });
  const finished = performance.now();
  tap.stop();
  if (outcome.kind !== 'applied')
    throw new Error(`bench run ended ${outcome.kind}: ${JSON.stringify(outcome).slice(0, 500)}`);
  // A re-run reads every user before the seats settle: the plan is then whole, read when it came.
  if (readDone === started) readDone = tap.firstSentAt ?? finished;
  const report = outcome.report;
  const firstWrite = tap.firstSentAt ?? finished;
  const writesDone = tap.lastAnsweredAt ?? finished;
  const peakHeapBytes = heap.stop();
  rmSync(folder, { recursive: true, force: true });
  const stats = await emulator.stats();
  return {
    wallMs: finished - started,
    readMs: readDone - started,
    writeMs: tap.firstSentAt === undefined ? 0 : writesDone - firstWrite,
    verifyMs: finished - writesDone,
    beforeFirstWriteMs: firstWrite - started,
    firstWriteToEndMs: finished - firstWrite,
    httpRequests: stats.requests,
    writeHttpRequests: tap.envelopes,
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

/** The same arrivals, noting when the last one came. */
async function* timed<T>(arrivals: AsyncIterable<T>, onEach: () => void): AsyncIterable<T> {
  for await (const arrival of arrivals) {
    onEach();
    yield arrival;
  }
}
