import { sleep, type Cancellation } from './cancellation';
import { monotonicNow } from './monotonic-clock';

/**
 * What the Graph layer waits on between attempts: Retry-After, backoff, the write quota's refill.
 * A monotonic clock in the product (a wall clock stepped back an hour must not stall a run); a test hands in a virtual
 * one that the emulator shares, so a
 * 7.5 s Retry-After is waited out in Graph time, not on the machine's clock. Deadlines
 * (RetryPolicy.userDeadlineMs) are on this clock too, so a test's retries inside a deadline are counted in Graph
 * time whatever the machine's load; request timeouts stay on the machine's timers: they bound real waits.
 */
export interface Clock {
  now(): number;
  /** `true` when the time is up, `false` as soon as cancellation is requested. */
  sleep(ms: number, cancellation: Cancellation): Promise<boolean>;
}

export const wallClock: Clock = { now: monotonicNow, sleep };
