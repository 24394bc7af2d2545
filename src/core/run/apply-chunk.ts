import { executeBatch, type BatchItemResult } from '../graph/batch-executor';
import type { Cancellation } from '../graph/cancellation';
import type { GraphConnection } from '../graph/connection';
import { hintFor } from '../graph/error-hints';
import { toUserError } from '../graph/graph-failure';
import { ENGINE_CODES } from '../graph/user-error';
import { needsAssignLicense, type UserPlan } from '../plan/user-plan';
import { assignLicensesRetryingPreconditions, type PreconditionRetry } from './precondition-retry';
import { changedResult, failedResult, skippedResult } from '../results/results';
import type { UserResult } from '../results/user-result';
import { realClock } from './run-clock';
import { usageLocationRequest } from './write-requests';
import { deferred, type Translate } from '../text/translate';

export type Decided = readonly { readonly plan: UserPlan; readonly result: UserResult }[];

/**
 * A retried remove can find its license already gone: the first attempt landed but its answer was
 * lost. That is the wanted state, not a failure; verification re-reads the user.
 * When a group also grants the SKU, the retry is answered "inherited from a group membership"
 * instead: the direct copy is gone all the same, which the plan knew the group would keep.
 */
const ALREADY_REMOVED = /does not have a corresponding license/i;
const ONLY_GROUP_COPY_LEFT = /inherited from a group membership/i;

/** A note, kept in English in the record and translated where shown (format-results.ts), as verify-run.ts's are. */
const RETRY_FOUND_REMOVED = deferred('a retry found the removed license already gone');

function retryFoundRemoveDone(plan: UserPlan, message: string): boolean {
  if (ALREADY_REMOVED.test(message)) return true;
  return ONLY_GROUP_COPY_LEFT.test(message) && plan.remove.some((r) => !r.freesSeat);
}

/**
 * A request that never got a final answer: throttled (never applied) or transient (may have been).
 * A `lost` answer is `failed` with code AnswerLost until verification re-reads the user
 * (verify-run.ts): sending it again blindly could report a failure for a write that landed.
 */
function unanswered(
  plan: UserPlan,
  answer: Extract<BatchItemResult, { kind: 'not-sent' | 'lost' }>,
  usageLocationSet: boolean,
  t: Translate,
): UserResult {
  if (answer.kind === 'lost') {
    // In the connection's language, as the failures Graph words are not: the code, AnswerLost, is what verification
    // reads.
    const message = t("Graph's answer was lost ({0}).", answer.reason);
    return failedResult(
      plan,
      { code: ENGINE_CODES.answerLost, message, hint: hintFor(undefined, ENGINE_CODES.answerLost, message) },
      usageLocationSet,
    );
  }
  if (answer.lastFailure?.class === 'transient')
    return failedResult(plan, toUserError(answer.lastFailure), usageLocationSet);
  return skippedResult(plan, usageLocationSet);
}

/**
 * Writes one chunk (≤ 20 users): the usage locations first (`PATCH /users/{id}`), then one
 * assignLicense per user, each step one `$batch`. Results are handed to `publish` as soon as each
 * step is answered. A user whose PATCH failed is not sent licenses Graph would refuse anyway.
 * Both steps share one deadline (`retry.userDeadlineMs`): each user's attempts end together.
 * `retry`: when a refusal may only be replication lag behind this run's own writes (precondition-retry.ts).
 */
export async function applyChunk(
  connection: GraphConnection,
  plans: readonly UserPlan[],
  cancellation: Cancellation,
  publish: (decided: Decided) => Promise<void>,
  retry: PreconditionRetry = { clock: realClock, seatsFreedEarlier: false },
): Promise<void> {
  const deadlineAt = connection.clock.now() + connection.retry.userDeadlineMs;
  const usageLocationSet = new Set<UserPlan>();
  const needLocation = plans.filter((p) => p.setUsageLocation);
  if (needLocation.length > 0) {
    const answers = await executeBatch(
      connection,
      needLocation.map((p) => usageLocationRequest(p, p)),
      cancellation,
      deadlineAt,
    );
    const decided: { plan: UserPlan; result: UserResult }[] = [];
    for (const plan of needLocation) {
      const answer = answers.get(plan)!;
      if (answer.kind === 'ok') usageLocationSet.add(plan);
      else if (answer.kind === 'failed')
        decided.push({ plan, result: failedResult(plan, toUserError(answer.failure), false) });
      else decided.push({ plan, result: unanswered(plan, answer, false, connection.t) });
    }
    if (decided.length) await publish(decided);
  }

  const ready = plans.filter((p) => !p.setUsageLocation || usageLocationSet.has(p));
  const onlyLocation = ready.filter((p) => !needsAssignLicense(p));
  const licensing = ready.filter(needsAssignLicense);
  const decided: { plan: UserPlan; result: UserResult }[] = onlyLocation.map((plan) => ({
    plan,
    result: changedResult(plan, false),
  }));
  if (licensing.length > 0) {
    const answers = await assignLicensesRetryingPreconditions(
      connection,
      licensing,
      usageLocationSet,
      retry,
      cancellation,
      deadlineAt,
    );
    for (const plan of licensing) {
      const answer = answers.get(plan)!;
      const located = usageLocationSet.has(plan);
      if (answer.kind === 'ok') decided.push({ plan, result: changedResult(plan, true) });
      else if (
        answer.kind === 'failed' &&
        answer.sentMoreThanOnce &&
        retryFoundRemoveDone(plan, answer.failure.message)
      ) {
        decided.push({ plan, result: changedResult(plan, true, [RETRY_FOUND_REMOVED]) });
      } else if (answer.kind === 'failed')
        decided.push({ plan, result: failedResult(plan, toUserError(answer.failure), located) });
      else decided.push({ plan, result: unanswered(plan, answer, located, connection.t) });
    }
  }
  if (decided.length) await publish(decided);
}
