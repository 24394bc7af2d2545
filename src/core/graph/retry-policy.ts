/** How hard the engine retries what Graph documents as retryable (throttling.md, errors.md). */
export interface RetryPolicy {
  /** Attempts for a 5xx or a dropped connection, the first one included. */
  readonly maxAttempts: number;
  /** 429s are Graph asking us to wait, not failing: allow many more of them. */
  readonly maxThrottledAttempts: number;
  /** First backoff when Graph gives no Retry-After; doubles each attempt, with jitter. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** A request that has not answered by then is treated like a dropped connection. */
  readonly requestTimeoutMs: number;
  /**
   * All attempts of one request, retries and waits included, end by then: the user is reported
   * `failed` ("Graph did not answer in N s") and the run goes on. Without it a hanging endpoint
   * held a batch for 5×5 nested attempts × the request timeout.
   */
  readonly userDeadlineMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 5,
  maxThrottledAttempts: 30,
  baseDelayMs: 1000,
  maxDelayMs: 60_000,
  requestTimeoutMs: 100_000,
  userDeadlineMs: 300_000,
};

/** Exponential backoff with "equal jitter", so many workers that failed together do not retry together. */
export function backoffMs(policy: RetryPolicy, attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return ceiling / 2 + (ceiling / 2) * random();
}

/**
 * The longest wait one `Retry-After` can ask of the engine: 180 s, the cap graph-client's own
 * RetryHandler puts on a wait. Graph asks for seconds (throttling.md); a value beyond this (a
 * proxy's error, `999999999`, a date years ahead) is read as this cap, so one answer cannot pause
 * every sender of the run without bound. A request still 429 after the wait is retried until its
 * deadline (RetryPolicy.userDeadlineMs), as any other. Documented in the README and
 * docs/graph-notes.md.
 */
export const RETRY_AFTER_CAP_MS = 180_000;

/**
 * `Retry-After` as milliseconds, at most RETRY_AFTER_CAP_MS: Graph sends seconds, sometimes
 * fractional ("2.128", throttling.md); HTTP also allows a date. Undefined when absent or unreadable.
 */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (value === null || value === undefined || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.min(RETRY_AFTER_CAP_MS, Math.max(0, seconds * 1000));
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.min(RETRY_AFTER_CAP_MS, Math.max(0, date - now));
}

/** Header lookup in a batch item's plain `headers` object: names are case-insensitive. */
export function headerOf(headers: Readonly<Record<string, string>> | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : String(headers[key]);
}
