import {
  Client,
  HTTPMessageHandler,
  RetryHandler,
  RetryHandlerOptions,
  type ShouldRetry,
} from '@microsoft/microsoft-graph-client';
import { monotonicNow } from './monotonic-clock';
import type { AccessTokenProvider } from '../auth/access-token';
import { neverCancelled } from './cancellation';
import type { Clock } from './clock';
import { BearerTokenMiddleware } from '../auth/bearer-token-middleware';
import { RequestCounterMiddleware, type RequestCounts } from './request-counter';
import { parseRetryAfter, type RetryPolicy } from './retry-policy';
import { TransientFaultMiddleware } from './transient-fault-middleware';

/** graph-client wants the version apart from the host ("Do not include the version in the baseUrl"). */
export function splitBaseUrl(baseUrl: string): { host: string; version: string } {
  const url = new URL(baseUrl.replace(/\/+$/, ''));
  const segments = url.pathname.split('/').filter(Boolean);
  const version = segments.pop() ?? 'v1.0';
  return { host: `${url.origin}${segments.length ? `/${segments.join('/')}` : ''}`, version };
}

/** The SDK's RetryHandler caps retries at 10 and its base delay at 180 s. */
export function retryHandlerOptions(policy: RetryPolicy, onRetry: ShouldRetry): RetryHandlerOptions {
  return new RetryHandlerOptions(
    Math.min(180, policy.baseDelayMs / 1000),
    Math.min(10, policy.maxThrottledAttempts),
    onRetry,
  );
}

/**
 * Tells the pacer about a 429 the RetryHandler is about to wait out, so other senders wait too;
 * `write` when the refused request was a write (a `$batch` envelope says so through `isWrite`).
 */
export function throttleListener(onThrottled: (ms: number, write: boolean) => void, isWrite?: boolean): ShouldRetry {
  return (delay, _attempt, _request, options, response) => {
    const write = isWrite ?? (options?.method ?? 'GET').toUpperCase() !== 'GET';
    if (response.status === 429)
      onThrottled(parseRetryAfter(response.headers.get('Retry-After')) ?? delay * 1000, write);
    return true;
  };
}

/** The SDK RetryHandler's own cap on one wait, in seconds. */
const SDK_MAX_DELAY_S = 180;

/**
 * How long the SDK RetryHandler is about to wait: its ShouldRetry callback gets the base delay, not
 * the wait, which it computes afterwards the same way (Retry-After, else a doubling backoff).
 */
function sdkWaitMs(baseDelayS: number, attempt: number, response: Response): number {
  const retryAfter = parseRetryAfter(response.headers.get('Retry-After'));
  if (retryAfter !== undefined) return Math.min(retryAfter, SDK_MAX_DELAY_S * 1000);
  const seconds = attempt >= 2 ? Math.round((2 ** attempt - 1) / 2) + baseDelayS : baseDelayS;
  return Math.min(seconds, SDK_MAX_DELAY_S) * 1000;
}

/**
 * The RetryHandler stops (its last answer stands) rather than wait past `deadlineAt` on `now`'s clock; `onStop`
 * is told.
 */
export function untilDeadline(
  deadlineAt: number,
  next: ShouldRetry,
  onStop?: () => void,
  now: () => number = monotonicNow,
): ShouldRetry {
  return (delay, attempt, request, options, response) => {
    if (now() + sdkWaitMs(delay, attempt, response) < deadlineAt)
      return next(delay, attempt, request, options, response);
    onStop?.();
    return false;
  };
}

export interface GraphClientOptions {
  readonly baseUrl: string;
  readonly getAccessToken: AccessTokenProvider;
  readonly retry: RetryPolicy;
  readonly counts: RequestCounts;
  /** What TransientFaultMiddleware and the SDK RetryHandler wait on between attempts (the wall clock when absent). */
  readonly clock?: Clock;
  /** Each token as it is sent (redaction, 403 hints). */
  readonly onToken?: (token: string) => void;
  readonly onThrottled: (ms: number, write: boolean) => void;
}

/**
 * The SDK RetryHandler, waiting out Retry-After and its backoff on `clock` instead of its own timer:
 * the same wait on the wall clock, and Graph time when a test hands the connection a virtual clock.
 */
function clockedRetryHandler(options: RetryHandlerOptions, clock?: Clock): RetryHandler {
  const handler = new RetryHandler(options);
  // `sleep(seconds)` is the one wait of RetryHandler.executeWithRetry (private in its typings).
  if (clock)
    (handler as unknown as { sleep: (seconds: number) => Promise<void> }).sleep = async (seconds) => {
      await clock.sleep(seconds * 1000, neverCancelled);
    };
  return handler;
}

/**
 * graph-client with our own chain: token → SDK RetryHandler (429/503/504 with Retry-After, for plain
 * requests; a `$batch` envelope is 200 even when its items are throttled, so items are retried by
 * the batch executor) → TransientFaultMiddleware (dropped connections, other 5xx) → counter →
 * SDK HTTPMessageHandler. Node ≥ 20 has a global fetch, which is all the SDK needs: no polyfill.
 */
export function createGraphClient(o: GraphClientOptions): Client {
  const { host, version } = splitBaseUrl(o.baseUrl);
  return Client.initWithMiddleware({
    baseUrl: host,
    defaultVersion: version,
    middleware: [
      new BearerTokenMiddleware(o.getAccessToken, o.onToken),
      clockedRetryHandler(retryHandlerOptions(o.retry, throttleListener(o.onThrottled)), o.clock),
      new TransientFaultMiddleware(o.retry, o.clock),
      new RequestCounterMiddleware(o.counts),
      new HTTPMessageHandler(),
    ],
  });
}
