import type { Context, Middleware, MiddlewareOptions } from '@microsoft/microsoft-graph-client';
import { MAX_TIMER_MS, neverCancelled } from './cancellation';
import { wallClock, type Clock } from './clock';
import { backoffMs, parseRetryAfter, type RetryPolicy } from './retry-policy';
import { setRequestHeader } from '../auth/bearer-token-middleware';
import {
  AnswerTooLargeError,
  GraphRedirectError,
  readBoundedAnswer,
  readBoundedBytes,
  readWholeAnswer,
  UnexpectedContentTypeError,
} from './whole-answer';

/**
 * The request never got a whole answer: the connection dropped (before or during the body), or the answer took too
 * long.
 */
class ConnectionDroppedError extends Error {
  override readonly name: 'ConnectionDropped' | 'RequestTimeout';
  constructor(
    override readonly cause: unknown,
    timedOut: boolean,
  ) {
    super(
      timedOut
        ? 'Graph did not answer in time.'
        : `The connection to Graph dropped: ${(cause as Error)?.message ?? String(cause)}`,
    );
    this.name = timedOut ? 'RequestTimeout' : 'ConnectionDropped';
  }
}

/** The request's deadline (RetryPolicy.userDeadlineMs) passed before Graph gave a final answer. */
export class GraphDeadlineError extends Error {
  override readonly name = 'GraphDeadline';
  constructor(deadlineMs: number) {
    super(graphDidNotAnswer(deadlineMs));
  }
}

const graphDidNotAnswer = (deadlineMs: number) => `Graph did not answer in ${Math.round(deadlineMs / 100) / 10} s.`;

/**
 * Per-request: told each time a request is sent again, so callers know a write may have landed
 * twice. `deadlineAt` (ms on the connection's clock): the caller's deadline for all attempts, shared with its
 * own retries.
 */
export class TransientFaultOptions implements MiddlewareOptions {
  constructor(
    readonly onRetry: (reason: string) => void,
    readonly maxAttempts?: number,
    readonly deadlineAt?: number,
  ) {}
}

const STATUSES_THE_SDK_RETRIES = new Set([429, 503, 504]);

/**
 * Retries what graph-client's RetryHandler leaves alone: dropped connections and timeouts (fetch
 * throws; the RetryHandler only looks at responses), bodies lost or cut short (whole-answer.ts),
 * and 5xx answers other than 503/504 (its list is 429/503/504 only, while Graph's errors.md treats
 * 500/502 as transient as well). Sits below the RetryHandler, so each of its attempts gets this
 * protection too. No attempt and no wait runs past the request's deadline.
 */
export class TransientFaultMiddleware implements Middleware {
  private next?: Middleware;

  constructor(
    private readonly policy: RetryPolicy,
    private readonly clock: Clock = wallClock,
  ) {}

  async execute(context: Context): Promise<void> {
    const options = context.middlewareControl?.getMiddlewareOptions(TransientFaultOptions) as
      TransientFaultOptions | undefined;
    const maxAttempts = options?.maxAttempts ?? this.policy.maxAttempts;
    const deadlineAt = options?.deadlineAt ?? this.clock.now() + this.policy.userDeadlineMs;
    for (let attempt = 1; ; attempt++) {
      const remaining = deadlineAt - this.clock.now();
      if (remaining <= 0) throw new GraphDeadlineError(this.policy.userDeadlineMs);
      const cutByDeadline = remaining < this.policy.requestTimeoutMs;
      const timeout = AbortSignal.timeout(Math.ceil(Math.min(this.policy.requestTimeoutMs, remaining, MAX_TIMER_MS)));
      // No redirect is followed (a 3xx would re-send a write's body elsewhere), and no compression
      // is asked for: every answer's size is bounded as it arrives (whole-answer.ts).
      context.options = { ...(context.options ?? {}), signal: timeout, redirect: 'manual' };
      setRequestHeader(context, 'Accept-Encoding', 'identity');
      let reason: string;
      let waitMs: number | undefined;
      try {
        await this.next!.execute(context);
        const status = context.response?.status ?? 0;
        if (context.response && status >= 200 && status < 300) {
          context.response = await readWholeAnswer(context.response);
          return;
        }
        if (status >= 300 && status < 400) {
          await context.response?.body?.cancel().catch(() => undefined);
          throw new GraphRedirectError(status, context.response?.headers.get('location') ?? null);
        }
        if (status < 500 || STATUSES_THE_SDK_RETRIES.has(status) || attempt >= maxAttempts) {
          // graph-client reads the error from the body: in memory and bounded, like any answer.
          if (context.response) context.response = await readBoundedAnswer(context.response);
          return;
        }
        reason = `HTTP ${status}`;
        waitMs = parseRetryAfter(context.response?.headers.get('Retry-After'));
        // Read the body so the connection goes back to the pool instead of hanging.
        if (context.response) await readBoundedBytes(context.response).catch(() => undefined);
      } catch (e) {
        // Answers a retry cannot change: the same request would meet them again.
        if (
          e instanceof UnexpectedContentTypeError ||
          e instanceof GraphRedirectError ||
          e instanceof AnswerTooLargeError
        )
          throw e;
        if (timeout.aborted && cutByDeadline) throw new GraphDeadlineError(this.policy.userDeadlineMs);
        if (attempt >= maxAttempts) throw new ConnectionDroppedError(e, timeout.aborted);
        reason = timeout.aborted ? 'timeout' : 'connection dropped';
      }
      const wait = waitMs ?? backoffMs(this.policy, attempt);
      if (this.clock.now() + wait >= deadlineAt) throw new GraphDeadlineError(this.policy.userDeadlineMs);
      options?.onRetry(reason);
      await this.clock.sleep(wait, neverCancelled);
    }
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}
