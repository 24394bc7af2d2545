import type { Context, Middleware, MiddlewareOptions } from '@microsoft/microsoft-graph-client';
import { sleep } from './cancellation';
import { backoffMs, parseRetryAfter, type RetryPolicy } from './retry-policy';

/** The request never got an answer: the connection dropped, or the answer took too long. */
export class ConnectionDroppedError extends Error {
  override readonly name: 'ConnectionDropped' | 'RequestTimeout';
  constructor(override readonly cause: unknown, timedOut: boolean) {
    super(timedOut ? 'Graph did not answer in time.' : `The connection to Graph dropped: ${(cause as Error)?.message ?? String(cause)}`);
    this.name = timedOut ? 'RequestTimeout' : 'ConnectionDropped';
  }
}

/** Per-request: told each time a request is sent again, so callers know a write may have landed twice. */
export class TransientFaultOptions implements MiddlewareOptions {
  constructor(readonly onRetry: (reason: string) => void, readonly maxAttempts?: number) {}
}

const STATUSES_THE_SDK_RETRIES = new Set([429, 503, 504]);

/**
 * Retries what graph-client's RetryHandler leaves alone: dropped connections and timeouts (fetch
 * throws; the RetryHandler only looks at responses) and 5xx answers other than 503/504 (its list is
 * 429/503/504 only, while Graph's errors.md treats 500/502 as transient as well). Sits below the
 * RetryHandler, so each of its attempts gets this protection too.
 */
export class TransientFaultMiddleware implements Middleware {
  private next?: Middleware;

  constructor(private readonly policy: RetryPolicy) {}

  async execute(context: Context): Promise<void> {
    const options = context.middlewareControl?.getMiddlewareOptions(TransientFaultOptions) as TransientFaultOptions | undefined;
    const maxAttempts = options?.maxAttempts ?? this.policy.maxAttempts;
    for (let attempt = 1; ; attempt++) {
      const timeout = AbortSignal.timeout(this.policy.requestTimeoutMs);
      context.options = { ...(context.options ?? {}), signal: timeout };
      let reason: string;
      let waitMs: number | undefined;
      try {
        await this.next!.execute(context);
        const status = context.response?.status ?? 0;
        if (status < 500 || STATUSES_THE_SDK_RETRIES.has(status) || attempt >= maxAttempts) return;
        reason = `HTTP ${status}`;
        waitMs = parseRetryAfter(context.response?.headers.get('Retry-After'));
        // Read the body so the connection goes back to the pool instead of hanging.
        await context.response?.arrayBuffer().catch(() => undefined);
      } catch (e) {
        if (attempt >= maxAttempts) throw new ConnectionDroppedError(e, timeout.aborted);
        reason = timeout.aborted ? 'timeout' : 'connection dropped';
      }
      options?.onRetry(reason);
      await sleep(waitMs ?? backoffMs(this.policy, attempt));
    }
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}
