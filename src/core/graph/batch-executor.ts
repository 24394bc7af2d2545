import { CancellationSource, MAX_TIMER_MS, neverCancelled, type Cancellation } from './cancellation';
import type { GraphConnection } from './connection';
import { checkBatchEnvelope, type BatchResponseItem } from './graph-answers';
import { retryHandlerOptions, throttleListener, untilDeadline } from './graph-client';
import { explainForbidden, failureFromBatchItem, failureFromThrown, type GraphFailure } from './graph-failure';
import { backoffMs } from './retry-policy';
import { GraphDeadlineError, TransientFaultOptions } from './transient-fault-middleware';

/** Graph's limit: "JSON batch requests are currently limited to 20 individual requests" (json-batching.md). */
export const MAX_BATCH_ITEMS = 20;

export interface BatchRequest<K> {
  readonly key: K;
  readonly method: 'GET' | 'POST' | 'PATCH';
  /** Relative to the version root: `/users/alice%40contoso.com/assignLicense`. */
  readonly url: string;
  readonly body?: unknown;
}

/**
 * How one item ended. `sentMoreThanOnce`: an earlier attempt may have reached Graph (a 5xx, a dropped
 * connection, a throttled retry), so a write may already have been applied.
 */
export type BatchItemResult =
  | { readonly kind: 'ok'; readonly status: number; readonly body: unknown; readonly sentMoreThanOnce: boolean }
  | { readonly kind: 'failed'; readonly failure: GraphFailure; readonly sentMoreThanOnce: boolean }
  /** Cancelled before it was (re)sent. `lastFailure` is what the previous attempt got, if there was one. */
  | { readonly kind: 'not-sent'; readonly lastFailure?: GraphFailure; readonly sentMoreThanOnce: boolean }
  /**
   * A POST the `$batch` answer left out (missing or unknown ids, no `responses`): it may have been
   * applied, so it is not sent again blindly; re-reading the user tells. `reason` says what the answer lacked.
   */
  | { readonly kind: 'lost'; readonly reason: string; readonly sentMoreThanOnce: boolean };

interface ItemState<K> {
  readonly request: BatchRequest<K>;
  sends: number;
  transientFailures: number;
  throttles: number;
  last?: GraphFailure;
}

const isWrite = (r: BatchRequest<unknown>) => r.method !== 'GET';
/** GET reads and PATCH sets the same value again: sending either twice changes nothing. assignLicense may not be. */
const isIdempotent = (r: BatchRequest<unknown>) => r.method !== 'POST';

/**
 * Sends up to 20 requests as `POST /$batch` and retries item by item until each has a final answer:
 * graph-client retries a throttled plain request but never the items of a batch, whose envelope is
 * 200 whatever its items' statuses (json-batching.md), so this does it as Graph's throttling
 * guidance says: "retry all the failed requests in a new batch after the longest retry-after value". 5xx items and
 * dropped envelopes are
 * retried with backoff; other 4xx are final. The JSON is built by hand: graph-client's
 * BatchRequestContent needs fetch `Request` objects and absolute URLs for what is plain JSON.
 * Every attempt, wait and retry ends by `deadlineAt` (default: now + `retry.userDeadlineMs`); what is
 * unfinished then is `failed` with "Graph did not answer in N s". Pass one deadline to several
 * calls to bound all the steps of the same users together.
 */
export async function executeBatch<K>(
  connection: GraphConnection,
  requests: readonly BatchRequest<K>[],
  cancellation: Cancellation = neverCancelled,
  deadlineAt: number = connection.clock.now() + connection.retry.userDeadlineMs,
): Promise<Map<K, BatchItemResult>> {
  if (requests.length > MAX_BATCH_ITEMS) throw new RangeError(`A $batch holds at most ${MAX_BATCH_ITEMS} requests.`);
  // Waits (pacer, backoff) end at the deadline as they end on cancellation; the two are told apart after.
  const deadline = new CancellationSource(cancellation);
  const timer = setTimeout(
    () => deadline.cancel(),
    Math.min(MAX_TIMER_MS, Math.max(0, deadlineAt - connection.clock.now())),
  );
  try {
    return await executeUntil(connection, requests, cancellation, deadline.token, deadlineAt);
  } finally {
    clearTimeout(timer);
    deadline.dispose();
  }
}

async function executeUntil<K>(
  connection: GraphConnection,
  requests: readonly BatchRequest<K>[],
  cancellation: Cancellation,
  /** Cancelled by the caller or at the deadline. */
  endOfWaits: Cancellation,
  deadlineAt: number,
): Promise<Map<K, BatchItemResult>> {
  const results = new Map<K, BatchItemResult>();
  const policy = connection.retry;
  let pending: ItemState<K>[] = requests.map((request) => ({ request, sends: 0, transientFailures: 0, throttles: 0 }));
  const notSent = (items: readonly ItemState<K>[]) => {
    for (const s of items)
      results.set(s.request.key, { kind: 'not-sent', lastFailure: s.last, sentMoreThanOnce: s.sends > 0 });
  };
  const outOfTime = (items: readonly ItemState<K>[]) => {
    const failure = failureFromThrown(new GraphDeadlineError(policy.userDeadlineMs), connection.redact);
    for (const s of items) results.set(s.request.key, { kind: 'failed', failure, sentMoreThanOnce: s.sends > 1 });
  };
  /** A wait ended early: the caller cancelled (not sent), or the deadline came (failed). */
  const stopped = (items: readonly ItemState<K>[]) =>
    cancellation.isCancellationRequested ? notSent(items) : outOfTime(items);

  while (pending.length > 0) {
    const writes = pending.filter((s) => isWrite(s.request)).length;
    if (endOfWaits.isCancellationRequested || !(await connection.pacer.acquire(writes, endOfWaits))) {
      stopped(pending);
      break;
    }
    const answers = await sendOnce(connection, pending, deadlineAt);
    if (writes > 0) connection.pacer.writesAnswered();
    const again: ItemState<K>[] = [];
    let waitMs = 0;
    for (const [i, s] of pending.entries()) {
      const answer = answers[i];
      if ('lost' in answer) {
        results.set(s.request.key, { kind: 'lost', reason: answer.lost, sentMoreThanOnce: true });
        continue;
      }
      if ('status' in answer && answer.status >= 200 && answer.status < 300) {
        results.set(s.request.key, {
          kind: 'ok',
          status: answer.status,
          body: answer.body,
          sentMoreThanOnce: s.sends > 1,
        });
        continue;
      }
      const failure = explainForbidden(
        'failure' in answer
          ? answer.failure
          : failureFromBatchItem(answer.status, answer.headers, answer.body, connection.redact),
        isWrite(s.request) ? 'write' : 'read',
        connection.accessClaims(),
        connection.t,
      );
      s.last = failure;
      if (failure.class === 'throttled' && ++s.throttles < policy.maxThrottledAttempts) {
        // Retry-After is the least Graph asks for. Throttled again and again, the items of every
        // waiting batch would return together and meet the next 429: add a growing, jittered
        // backoff so that they come back spread out.
        const retryAfter = failure.retryAfterMs ?? 0;
        connection.pacer.pauseFor(retryAfter, isWrite(s.request));
        waitMs = Math.max(
          waitMs,
          s.throttles > 1 || failure.retryAfterMs === undefined
            ? retryAfter + backoffMs(policy, s.throttles)
            : retryAfter,
        );
        again.push(s);
      } else if (failure.class === 'transient' && ++s.transientFailures < policy.maxAttempts) {
        waitMs = Math.max(waitMs, failure.retryAfterMs ?? backoffMs(policy, s.transientFailures));
        again.push(s);
      } else {
        results.set(s.request.key, { kind: 'failed', failure, sentMoreThanOnce: s.sends > 1 });
      }
    }
    if (
      again.length > 0 &&
      (connection.clock.now() + waitMs >= deadlineAt || !(await connection.clock.sleep(waitMs, endOfWaits)))
    ) {
      stopped(again);
      break;
    }
    pending = again;
  }
  return results;
}

type Answer = BatchResponseItem | { readonly failure: GraphFailure } | { readonly lost: string };

/**
 * One `$batch` round trip; an envelope that fails gives every item that failure. An envelope that
 * is malformed or leaves requests out: reads and PATCHes are sent again, POSTs are `lost`.
 */
async function sendOnce<K>(connection: GraphConnection, items: ItemState<K>[], deadlineAt: number): Promise<Answer[]> {
  let envelopeResent = false;
  const body = {
    requests: items.map((s, i) => ({
      id: String(i + 1),
      method: s.request.method,
      url: s.request.url,
      ...(s.request.body !== undefined
        ? { headers: { 'Content-Type': 'application/json' }, body: s.request.body }
        : {}),
    })),
  };
  for (const s of items) s.sends++;
  const writes = items.filter((s) => isWrite(s.request)).length;
  connection.counts.writes += writes;
  try {
    const response = (await connection.client
      .api('/$batch')
      .middlewareOptions([
        retryHandlerOptions(
          connection.retry,
          untilDeadline(deadlineAt, (delay, attempt, request, options, res) => {
            envelopeResent = true;
            return throttleListener((ms, write) => connection.pacer.pauseFor(ms, write), writes > 0)(
              delay,
              attempt,
              request,
              options,
              res,
            );
          }),
        ),
        new TransientFaultOptions(() => (envelopeResent = true), undefined, deadlineAt),
      ])
      .post(body)) as unknown;
    if (envelopeResent) for (const s of items) s.sends++;
    const envelope = checkBatchEnvelope(response, new Set(items.map((_, i) => String(i + 1))), connection.t);
    const missing = connection.t(
      '{0}; the write may have been applied',
      envelope.problem ?? connection.t('the $batch answer has no response for this request'),
    );
    return items.map((s, i): Answer => {
      const answer = envelope.answers.get(String(i + 1));
      if (answer) return answer;
      if (!isIdempotent(s.request)) return { lost: missing };
      return {
        failure: {
          class: 'transient',
          code: 'MissingBatchResponse',
          message: connection.t(
            "Graph's answer was incomplete: {0}.",
            envelope.problem ?? connection.t('no response for this request'),
          ),
        },
      };
    });
  } catch (thrown) {
    if (envelopeResent) for (const s of items) s.sends++;
    const failure = failureFromThrown(thrown, connection.redact);
    return items.map(() => ({ failure }));
  }
}
