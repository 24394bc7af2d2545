import { neverCancelled, sleep, type Cancellation } from './cancellation';
import type { GraphConnection } from './connection';
import { retryHandlerOptions, throttleListener } from './graph-client';
import { failureFromBatchItem, failureFromThrown, type GraphFailure } from './graph-failure';
import { backoffMs } from './retry-policy';
import { TransientFaultOptions } from './transient-fault-middleware';

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
  | { readonly kind: 'not-sent'; readonly lastFailure?: GraphFailure; readonly sentMoreThanOnce: boolean };

interface ItemState<K> {
  readonly request: BatchRequest<K>;
  sends: number;
  transientFailures: number;
  throttles: number;
  last?: GraphFailure;
}

interface BatchResponseItem {
  readonly id: string;
  readonly status: number;
  readonly headers?: Record<string, string>;
  readonly body?: unknown;
}

const isWrite = (r: BatchRequest<unknown>) => r.method !== 'GET';

/**
 * Sends up to 20 requests as `POST /$batch` and retries item by item until each has a final answer:
 * graph-client retries a throttled plain request but never the items of a batch, whose envelope is
 * 200 (graph-notes §4.3), so this does it as Graph's throttling guidance says: "retry all the failed
 * requests in a new batch after the longest retry-after value". 5xx items and dropped envelopes are
 * retried with backoff; other 4xx are final. The JSON is built by hand: graph-client's
 * BatchRequestContent needs fetch `Request` objects and absolute URLs for what is plain JSON.
 */
export async function executeBatch<K>(
  connection: GraphConnection,
  requests: readonly BatchRequest<K>[],
  cancellation: Cancellation = neverCancelled,
): Promise<Map<K, BatchItemResult>> {
  if (requests.length > MAX_BATCH_ITEMS) throw new RangeError(`A $batch holds at most ${MAX_BATCH_ITEMS} requests.`);
  const results = new Map<K, BatchItemResult>();
  const policy = connection.retry;
  let pending: ItemState<K>[] = requests.map((request) => ({ request, sends: 0, transientFailures: 0, throttles: 0 }));
  const notSent = (items: readonly ItemState<K>[]) => {
    for (const s of items) results.set(s.request.key, { kind: 'not-sent', lastFailure: s.last, sentMoreThanOnce: s.sends > 0 });
  };

  while (pending.length > 0) {
    const writes = pending.filter((s) => isWrite(s.request)).length;
    if (cancellation.isCancellationRequested || !(await connection.pacer.acquire(writes, cancellation))) {
      notSent(pending);
      break;
    }
    const answers = await sendOnce(connection, pending);
    const again: ItemState<K>[] = [];
    let waitMs = 0;
    for (const [i, s] of pending.entries()) {
      const answer = answers[i];
      if ('status' in answer && answer.status >= 200 && answer.status < 300) {
        results.set(s.request.key, { kind: 'ok', status: answer.status, body: answer.body, sentMoreThanOnce: s.sends > 1 });
        continue;
      }
      const failure = 'failure' in answer ? answer.failure : failureFromBatchItem(answer.status, answer.headers, answer.body);
      s.last = failure;
      if (failure.class === 'throttled' && ++s.throttles < policy.maxThrottledAttempts) {
        // Retry-After is the least Graph asks for. Throttled again and again, the items of every
        // waiting batch would return together and meet the next 429: add a growing, jittered
        // backoff so that they come back spread out.
        const retryAfter = failure.retryAfterMs ?? 0;
        connection.pacer.pauseFor(retryAfter, isWrite(s.request));
        waitMs = Math.max(waitMs, s.throttles > 1 || failure.retryAfterMs === undefined ? retryAfter + backoffMs(policy, s.throttles) : retryAfter);
        again.push(s);
      } else if (failure.class === 'transient' && ++s.transientFailures < policy.maxAttempts) {
        waitMs = Math.max(waitMs, failure.retryAfterMs ?? backoffMs(policy, s.transientFailures));
        again.push(s);
      } else {
        results.set(s.request.key, { kind: 'failed', failure, sentMoreThanOnce: s.sends > 1 });
      }
    }
    if (again.length > 0 && !(await sleep(waitMs, cancellation))) {
      notSent(again);
      break;
    }
    pending = again;
  }
  return results;
}

type Answer = BatchResponseItem | { readonly failure: GraphFailure };

/** One `$batch` round trip; an envelope that fails gives every item that failure. */
async function sendOnce<K>(connection: GraphConnection, items: ItemState<K>[]): Promise<Answer[]> {
  let envelopeResent = false;
  const body = {
    requests: items.map((s, i) => ({
      id: String(i + 1),
      method: s.request.method,
      url: s.request.url,
      ...(s.request.body !== undefined ? { headers: { 'Content-Type': 'application/json' }, body: s.request.body } : {}),
    })),
  };
  for (const s of items) s.sends++;
  const writes = items.filter((s) => isWrite(s.request)).length;
  connection.counts.writes += writes;
  try {
    const response = (await connection.client
      .api('/$batch')
      .middlewareOptions([
        retryHandlerOptions(connection.retry, (delay, attempt, request, options, res) => {
          envelopeResent = true;
          return throttleListener((ms, write) => connection.pacer.pauseFor(ms, write), writes > 0)(delay, attempt, request, options, res);
        }),
        new TransientFaultOptions(() => (envelopeResent = true)),
      ])
      .post(body)) as { responses?: BatchResponseItem[] };
    if (envelopeResent) for (const s of items) s.sends++;
    const byId = new Map((response?.responses ?? []).map((r) => [String(r.id), r]));
    return items.map((_, i): Answer => byId.get(String(i + 1)) ?? {
      failure: { class: 'transient', code: 'MissingBatchResponse', message: 'The $batch answer had no response for this request.' },
    });
  } catch (thrown) {
    if (envelopeResent) for (const s of items) s.sends++;
    const failure = failureFromThrown(thrown);
    return items.map(() => ({ failure }));
  }
}
