import { CancellationSource, neverCancelled, type Cancellation } from '../graph/cancellation';
import type { GraphConnection } from '../graph/connection';
import { MAX_BATCH_ITEMS } from '../graph/batch-executor';
import { chunk, runPool } from '../graph/pool';
import type { PlanBlocker } from '../plan/blockers';
import { describeIds } from '../plan/describe-ids';
import type { RunPlan } from '../plan/plan-run';
import { seatFreeingPhases } from '../plan/seats';
import type { UserPlan } from '../plan/user-plan';
import { applyChunk, type Decided } from './apply-chunk';
import type { ResultSink } from './journal';
import { journalEntry, pendingEntry, resultWithoutWrites, skippedResult } from './results';
import { summarize, type RunSummary, type UserResult } from './user-result';
import { OverlappingVerifier, type VerifyOptions } from './overlapping-verifier';
import { RequestSlots } from './request-slots';
import { realClock, type RunClock } from './run-clock';

export interface ApplyOptions {
  /** VS Code's CancellationToken fits; `fromAbortSignal` adapts an AbortSignal. */
  readonly cancellation?: Cancellation;
  /** Usually a JournalWriter: every result is appended before it is announced. */
  readonly sink?: ResultSink;
  /** One call per user as Graph answers; called again for a user whose verification changes the result. */
  readonly onResult?: (result: UserResult) => void;
  readonly onProgress?: (done: number, total: number) => void;
  /**
   * Re-read changed users while the run goes on (default on): Graph replicates, so a user whose
   * write does not show yet is read again with backoff until `timeoutMs` (default a minute).
   */
  readonly verify?: boolean | VerifyOptions;
  /** What the run waits on between re-reads and precondition retries; default the wall clock. */
  readonly clock?: RunClock;
}

export interface RunReport {
  /** Non-empty: the run was refused before any write (unknown SKU, not enough seats, ...). */
  readonly blockers: readonly PlanBlocker[];
  /** One final result per user, in the file's order. */
  readonly results: readonly UserResult[];
  readonly summary: RunSummary;
  /** The journal could not be written: the run stopped starting new work. */
  readonly journalError?: string;
}

/**
 * Makes the tenant match the plan: users the plan already settled are
 * reported at once; the others are written 20 to a batch, `connection.concurrency` batches at a
 * time, paced to Graph's write quota; each chunk's changed users are read again meanwhile
 * (overlapping-verifier.ts), and the run ends when the last of them is settled or out of time.
 * On cancellation nothing new starts; what is in flight finishes; everyone else is `skipped`.
 */
export async function applyPlan(connection: GraphConnection, plan: RunPlan, options: ApplyOptions = {}): Promise<RunReport> {
  const started = Date.now();
  const countsBefore = { ...connection.counts };
  const stop = new CancellationSource(options.cancellation ?? neverCancelled);
  const finals = new Map<UserPlan, UserResult>();
  const total = plan.users.length;
  let done = 0;
  let journalError: string | undefined;
  const clock = options.clock ?? realClock;
  // Writes and re-reads share the connection's concurrency (request-slots.ts).
  const slots = new RequestSlots(connection.concurrency);
  const verifier =
    options.verify === false
      ? undefined
      : new OverlappingVerifier({
          connection,
          skus: plan.skus,
          slots,
          clock,
          cancellation: stop.token,
          ...(typeof options.verify === 'object' ? { options: options.verify } : {}),
          revise: (revised) => record(revised, true),
          confirm: (p, result) => finals.set(p, result),
        });

  const record = async (given: Decided, revision = false) => {
    // Graph names plans and SKUs by GUID; the journal, the CSV and the output name them.
    const decided = given.map((d) => (d.result.error ? { plan: d.plan, result: { ...d.result, error: { ...d.result.error, message: describeIds(d.result.error.message, plan.skus) } } } : d));
    try {
      await options.sink?.append(decided.map((d) => journalEntry(d.plan, d.result)));
    } catch (e) {
      // Results Graph has given must not go unrecorded: stop starting writes whose answers would be lost.
      journalError ??= (e as Error).message;
      stop.cancel();
    }
    for (const d of decided) {
      finals.set(d.plan, d.result);
      options.onResult?.(d.result);
    }
    if (!revision) {
      done += decided.length;
      options.onProgress?.(done, total);
      verifier?.watch(decided);
    }
  };

  const summary = (cancelled: boolean, verified: number, problems: number): RunSummary =>
    summarize(finals.values(), {
      cancelled,
      httpRequests: connection.counts.httpRequests - countsBefore.httpRequests,
      writeRequests: connection.counts.writes - countsBefore.writes,
      durationMs: Date.now() - started,
      verified,
      verificationProblems: problems,
    });

  try {
    if (plan.blockers.length > 0) return { blockers: plan.blockers, results: [], summary: summary(false, 0, 0) };

    const settled = plan.users.filter((p) => p.kind !== 'change');
    if (settled.length) await record(settled.map((p) => ({ plan: p, result: resultWithoutWrites(p) })));

    const toSend = plan.users.filter((p) => p.kind === 'change');
    try {
      await options.sink?.append(toSend.map(pendingEntry));
    } catch (e) {
      // Without the pending lines a crash could lose users from "retry": write nothing.
      journalError = (e as Error).message;
      stop.cancel();
    }
    // When the quota will hold writes back, one slot is left to the re-reads: a write chunk holds its
    // slot while it waits for the pacer, so every slot would sit in the pacer's queue and the re-reads
    // would get one turn per write batch, too few to catch up after the quota's burst (at 10,000
    // users, 2,000 were left to read after the last write). The burst, a little slower, still ends
    // long before the quota lets the rest through. A run that fits in the burst keeps every slot.
    const quotaBound = toSend.length > connection.pacer.available();
    const writeLanes = verifier && quotaBound && connection.concurrency > 1 ? connection.concurrency - 1 : connection.concurrency;
    for (const [index, phase] of seatFreeingPhases(toSend, plan.skus).entries()) {
      const chunks = chunk(phase, MAX_BATCH_ITEMS);
      // A second phase takes the seats the first one freed (seats.ts).
      const retry = { clock, seatsFreedEarlier: index > 0 };
      await runPool(chunks.length, writeLanes, async (i) => {
        if (stop.token.isCancellationRequested) await record(chunks[i].map((p) => ({ plan: p, result: skippedResult(p, false) })));
        else await slots.with(() => applyChunk(connection, chunks[i], stop.token, (d) => record(d), retry));
      });
    }

    const { verified, problems } = (await verifier?.finish()) ?? { verified: 0, problems: 0 };
    const results = plan.users.map((p) => finals.get(p) ?? skippedResult(p, false));
    return { blockers: [], results, summary: summary(stop.token.isCancellationRequested, verified, problems), ...(journalError ? { journalError } : {}) };
  } finally {
    verifier?.abandon();
    stop.dispose();
  }
}
