/**
 * One arm of the bulk-assignment bench: a fresh emulator (a full quota), the engine's run and re-run
 * of one `assign` block, and the old script's loop for comparison.
 */
import { GRAPH_WRITE_BUDGETS } from '../src/core/graph/write-pacer';
import type { ReplicationLagOptions } from '../src/emulator/directory/replication';
import { oneAssignBlock, runEngine, type EngineRun } from './engine-arm';
import { startRemoteEmulator } from './remote-emulator';
import { runSeedLoop, type SeedLoopRun } from './seed-loop';
import { throttleMinimumSeconds } from './throttle-minimum';

const DEMO_USERS = 300;
/** The seed loop is sequential and never throttled (≈ 10 writes/s < 20/s), so a sample extrapolates linearly. */
const SEED_SAMPLE: Readonly<Record<number, number>> = { 1000: 1000, 10000: 200 };

export interface ArmSpec {
  readonly name: string;
  readonly users: number;
  readonly clockScale: number;
  readonly replicationLag?: ReplicationLagOptions;
  /** Compare with the old script's loop (costly: it is sequential). */
  readonly seedLoop: boolean;
  /** Run the file a second time to show it writes nothing (costly at 100,000: every user is read again). */
  readonly rerun: boolean;
  /**
   * Run this arm in its own process whose V8 heap is capped at this many MB: finishing proves the
   * run's live memory fits, whatever garbage the sampled peak also counts (arm-process.ts).
   */
  readonly heapCapMb?: number;
}

export interface Arm {
  name: string;
  users: number;
  clockScale: number;
  replicationLag: ReplicationLagOptions | null;
  engine: EngineRun;
  rerun: EngineRun | null;
  seed: (SeedLoopRun & { extrapolatedMs: number; extrapolated: boolean }) | null;
  throttleMinimumMs: number;
  /** The whole run (plan, writes, verification) over the throttle minimum. */
  ratioToThrottleMinimum: number | null;
  /** From the first write sent to the end of the run, over the throttle minimum: the engine's use of the quota. */
  writesRatioToThrottleMinimum: number | null;
  speedupOverSeedLoop: number | null;
  /** The best any client could do against the seed loop under the quota: seed time / throttle minimum. */
  speedupBoundByQuota: number | null;
  writesPerUser: number;
  minimumWriteBatches: number;
  /** The emulator's own start: building and seeding the tenant in its worker, and its heap then. */
  emulatorSeedMs: number;
  emulatorHeapBytes: number;
}

export async function measure(spec: ArmSpec): Promise<Arm> {
  const { users, clockScale } = spec;
  const options = {
    users: DEMO_USERS + users,
    clockScale,
    ...(spec.replicationLag ? { replicationLag: spec.replicationLag } : {}),
  };
  const desired = oneAssignBlock(users);
  const emulator = await startRemoteEmulator(options);
  const emulatorHeapBytes = await emulator.heapBytes();
  let engine: EngineRun;
  let rerun: EngineRun | null = null;
  try {
    engine = await runEngine(emulator, desired, clockScale);
    if (spec.rerun) rerun = await runEngine(emulator, desired, clockScale);
  } finally {
    await emulator.close();
  }
  let seed: Arm['seed'] = null;
  if (spec.seedLoop) {
    const seedEmulator = await startRemoteEmulator({ users: DEMO_USERS + users, clockScale });
    try {
      const run = await runSeedLoop(seedEmulator, SEED_SAMPLE[users] ?? users);
      seed = { ...run, extrapolatedMs: (run.wallMs * users) / run.users, extrapolated: run.users < users };
    } finally {
      await seedEmulator.close();
    }
  }
  const throttleMinimumMs = (throttleMinimumSeconds(users, GRAPH_WRITE_BUDGETS) * 1000) / clockScale;
  return {
    name: spec.name,
    users,
    clockScale,
    replicationLag: spec.replicationLag ?? null,
    engine,
    rerun,
    seed,
    throttleMinimumMs,
    ratioToThrottleMinimum: throttleMinimumMs > 0 ? engine.wallMs / throttleMinimumMs : null,
    writesRatioToThrottleMinimum: throttleMinimumMs > 0 ? engine.firstWriteToEndMs / throttleMinimumMs : null,
    speedupOverSeedLoop: seed ? seed.extrapolatedMs / engine.wallMs : null,
    speedupBoundByQuota: seed && throttleMinimumMs > 0 ? seed.extrapolatedMs / throttleMinimumMs : null,
    writesPerUser: engine.writeRequests / users,
    minimumWriteBatches: Math.ceil(users / 20),
    emulatorSeedMs: emulator.seedMs,
    emulatorHeapBytes,
  };
}
