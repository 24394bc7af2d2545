import { sleep, type Cancellation } from '../graph/cancellation';
import { monotonicNow } from '../graph/monotonic-clock';

/**
 * The time the run waits on between looks at an eventually consistent directory. Injected so that
 * a test against the emulator (whose clock runs `clockScale` times faster) waits in Graph time.
 */
export interface RunClock {
  now(): number;
  /** `true` when the time is up, `false` as soon as cancellation is requested. */
  sleep(ms: number, cancellation: Cancellation): Promise<boolean>;
}

export const realClock: RunClock = { now: monotonicNow, sleep };

/** Graph-time milliseconds on a wall clock `scale` times slower: pairs with the emulator's `clockScale`. */
export function scaledClock(scale: number): RunClock {
  if (!(scale > 0) || !Number.isFinite(scale)) throw new RangeError(`scale must be a positive number, got ${scale}`);
  const origin = performance.now();
  return {
    now: () => (performance.now() - origin) * scale,
    sleep: (ms, cancellation) => sleep(ms / scale, cancellation),
  };
}

/** 1 s, 2 s, 4 s … capped: the n-th wait (n from 1) of a poll that doubles. */
export function doublingDelayMs(attempt: number, firstMs: number, capMs: number): number {
  return Math.min(capMs, firstMs * 2 ** Math.max(0, attempt - 1));
}
