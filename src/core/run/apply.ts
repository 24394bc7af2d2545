import { CancellationSource, neverCancelled, type Cancellation } from '../graph/cancellation';
import { monotonicNow } from '../graph/monotonic-clock';
import type { GraphConnection } from '../graph/connection';
import { MAX_BATCH_ITEMS } from '../graph/batch-executor';
import type { PlanBlocker } from '../plan/blockers';
import { describeIds } from '../plan/describe-ids';
import type { RunPlan } from '../plan/whole-plan';
import type { UserPlan } from '../plan/user-plan';
import { applyChunk, type Decided } from './apply-chunk';
import { sendAsTheyArrive } from './chunk-queue';
import { plannedUsersOf, type PlannedUsers } from './planned-users';
import type { ResultSink } from '../journal/journal';
import { journalEntry, pendingEntry, resultWithoutWrites, skippedResult } from '../results/results';
import { summarize, type RunSummary, type UserResult } from '../results/user-result';
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
  /** Each user once, as the run first decides them, with their plan: the number stage follows from here. */
  readonly onDecided?: (plan: UserPlan, result: UserResult) => void;
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
export async function applyPlan(
  connection: GraphConnection,
  plan: RunPlan,
  options: ApplyOptions = {},
): Promise<RunReport> {
  if (plan.blockers.length > 0)
    return {
      blockers: plan.blockers,
      results: [],
      summary: summarize([], {
        cancelled: false,
        httpRequests: 0,
        writeRequests: 0,
        durationMs: 0,
        verified: 0,
        verificationProblems: 0,
      }),
    };
  return applyPlanned(connection, plannedUsersOf(plan), options);
}

/**
 * applyPlan's engine, for users given as they are planned (planned-users.ts): each arrival's
 * settled users are reported at once, its changes journaled `pending` and cut into batches that
 * start while later users are still being read.
 */
export async function applyPlanned(
  connection: GraphConnection,
  planned: PlannedUsers,
  options: ApplyOptions = {},
): Promise<RunReport> {
  const started = monotonicNow();
  const countsBefore = { ...connection.counts };
  const stop = new CancellationSource(options.cancellation ?? neverCancelled);
  const finals = new Map<UserPlan, UserResult>();
  const { total, skus } = planned;
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
          skus,
          slots,
          clock,
          cancellation: stop.token,
          ...(typeof options.verify === 'object' ? { options: options.verify } : {}),
          revise: (revised) => record(revised, true),
          confirm: (p, result) => finals.set(p, result),
        });

  const record = async (given: Decided, revision = false) => {
    // Graph names plans and SKUs by GUID; the journal, the CSV and the output name them.
    const decided = given.map((d) =>
      d.result.error
        ? {
            plan: d.plan,
            result: { ...d.result, error: { ...d.result.error, message: describeIds(d.result.error.message, skus) } },
          }
        : d,
    );
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
      for (const d of decided) options.onDecided?.(d.plan, d.result);
      done += decided.length;
      options.onProgress?.(done, total);
      verifier?.watch(decided);
    }
  };

  /** An arrival of plans: the settled ones reported, the changes journaled pending; the changes to send. */
  async function* toSend(arrivals: AsyncIterable<readonly UserPlan[]>): AsyncIterable<readonly UserPlan[]> {
    for await (const plans of arrivals) {
      const settled = plans.filter((p) => p.kind !== 'change');
      if (settled.length) await record(settled.map((p) => ({ plan: p, result: resultWithoutWrites(p) })));
      const changes = plans.filter((p) => p.kind === 'change');
      if (changes.length === 0) continue;
      try {
        await options.sink?.append(changes.map(pendingEntry));
      } catch (e) {
        // Without the pending lines a crash could lose users from "retry": write nothing more.
        journalError ??= (e as Error).message;
        stop.cancel();
      }
      yield changes;
    }
  }

  const summary = (cancelled: boolean, verified: number, problems: number): RunSummary =>
    summarize(finals.values(), {
      cancelled,
      httpRequests: connection.counts.httpRequests - countsBefore.httpRequests,
      writeRequests: connection.counts.writes - countsBefore.writes,
      durationMs: Math.round(monotonicNow() - started),
      verified,
      verificationProblems: problems,
    });

  try {
    // When the quota will hold writes back, one slot is left to the re-reads: a write chunk holds its
    // slot while it waits for the pacer, so every slot would sit in the pacer's queue and the re-reads
    // would get one turn per write batch, too few to catch up after the quota's burst (at 10,000
    // users, 2,000 were left to read after the last write). The burst, a little slower, still ends
    // long before the quota lets the rest through. A run that fits in the burst keeps every slot.
    const quotaBound = planned.changesAtMost > connection.pacer.available();
    const writeLanes =
      verifier && quotaBound && connection.concurrency > 1 ? connection.concurrency - 1 : connection.concurrency;
    for (const wave of planned.waves) {
      const retry = { clock, seatsFreedEarlier: wave.takesFreedSeats };
      await sendAsTheyArrive(toSend(wave.plans), MAX_BATCH_ITEMS, writeLanes, async (chunk) => {
        if (stop.token.isCancellationRequested)
          await record(chunk.map((p) => ({ plan: p, result: skippedResult(p, false) })));
        else await slots.with(() => applyChunk(connection, chunk, stop.token, (d) => record(d), retry));
      });
    }
    const { users, unplanned } = planned.settle();
    // Cancelled while they were still being read: never written, and recorded so a retry has them.
    if (unplanned.length) await record(unplanned.map((p) => ({ plan: p, result: skippedResult(p, false) })));

    const { verified, problems } = (await verifier?.finish()) ?? { verified: 0, problems: 0 };
    const results = users.map((p) => finals.get(p) ?? skippedResult(p, false));
    return {
      blockers: [],
      results,
      summary: summary(stop.token.isCancellationRequested, verified, problems),
      ...(journalError ? { journalError } : {}),
    };
  } finally {
    verifier?.abandon();
    stop.dispose();
  }
}
