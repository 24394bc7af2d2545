import { executeBatch, type BatchItemResult } from '../graph/batch-executor';
import type { Cancellation } from '../graph/cancellation';
import type { GraphConnection } from '../graph/connection';
import type { GraphFailure } from '../graph/graph-failure';
import type { UserPlan } from '../plan/user-plan';
import type { RunClock } from './run-clock';
import { assignLicenseRequest } from './write-requests';

/**
 * Two refusals that can be the directory's replication, not the user: assignLicense reads the user
 * and the subscription from a replica that may not have this run's own earlier write yet
 * (Entra, "designing for eventual consistency"). Matched on Graph's wording, as error-hints.ts does.
 */
const INVALID_USAGE_LOCATION = /invalid usage location|without a usage location/i;
const NO_SEATS_LEFT = /does not have any available licenses/i;

/** Waits before each new attempt: four more tries, about 15 s in all. */
const PRECONDITION_RETRY_DELAYS_MS: readonly number[] = [1_000, 2_000, 4_000, 8_000];

export interface PreconditionRetry {
  readonly clock: RunClock;
  /** The chunk is in the second, seat-taking phase: the first phase's removes freed the seats it takes. */
  readonly seatsFreedEarlier: boolean;
  readonly delaysMs?: readonly number[];
}

/**
 * Retried only where this run itself made the precondition true: the user's usage location was
 * PATCHed by this run, or the seats were freed by this run's first phase. Anywhere else the same
 * answer is the tenant's real state and retrying would only delay the failure.
 */
export function isStalePrecondition(
  plan: UserPlan,
  failure: GraphFailure,
  locatedByThisRun: boolean,
  seatsFreedEarlier: boolean,
): boolean {
  if (failure.status !== 400) return false;
  if (locatedByThisRun && INVALID_USAGE_LOCATION.test(failure.message)) return true;
  return seatsFreedEarlier && plan.add.some((a) => a.takesSeat) && NO_SEATS_LEFT.test(failure.message);
}

/** A refusal stays the answer when the retry was never sent (cancelled). */
function merge(before: BatchItemResult, after: BatchItemResult): BatchItemResult {
  if (after.kind === 'not-sent') return before;
  return { ...after, sentMoreThanOnce: before.sentMoreThanOnce || after.sentMoreThanOnce };
}

/**
 * `assignLicense` for each plan (one `$batch`), sent again with backoff while Graph gives a stale-precondition refusal.
 */
export async function assignLicensesRetryingPreconditions(
  connection: GraphConnection,
  plans: readonly UserPlan[],
  located: ReadonlySet<UserPlan>,
  retry: PreconditionRetry,
  cancellation: Cancellation,
  deadlineAt?: number,
): Promise<Map<UserPlan, BatchItemResult>> {
  const answers = await executeBatch(
    connection,
    plans.map((p) => assignLicenseRequest(p, p)),
    cancellation,
    deadlineAt,
  );
  for (const delay of retry.delaysMs ?? PRECONDITION_RETRY_DELAYS_MS) {
    const stale = plans.filter((p) => {
      const a = answers.get(p);
      return a?.kind === 'failed' && isStalePrecondition(p, a.failure, located.has(p), retry.seatsFreedEarlier);
    });
    if (stale.length === 0 || !(await retry.clock.sleep(delay, cancellation))) break;
    const again = await executeBatch(
      connection,
      stale.map((p) => assignLicenseRequest(p, p)),
      cancellation,
      deadlineAt,
    );
    for (const p of stale) answers.set(p, merge(answers.get(p)!, again.get(p)!));
  }
  return answers;
}
