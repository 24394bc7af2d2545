/**
 * Emulated time. Graph's limits are stated in real seconds (3,000 writes per 150 s); benchmarks of the
 * throttle regime cannot wait that long, so every duration in the emulator is "Graph time" and runs
 * `scale` times faster than the wall clock: with scale 60 a 150 s window lasts 2.5 s, a 100 ms latency
 * lasts ~1.7 ms, and a Retry-After of 30 Graph seconds is reported as 0.5 (what a client really waits).
 */
export interface EmulatorClock {
  /** Graph-time milliseconds since the emulator started. */
  now(): number;
  /** Waits `graphMs` of Graph time. */
  sleep(graphMs: number): Promise<void>;
  /** A Retry-After header value for `graphSeconds` of Graph time, in the seconds a client must wait. */
  retryAfterHeader(graphSeconds: number): string;
}

export class Clock implements EmulatorClock {
  private readonly origin = performance.now();

  constructor(readonly scale = 1) {
    if (!(scale > 0) || !Number.isFinite(scale))
      throw new RangeError(`clockScale must be a positive number, got ${scale}`);
  }

  /** Graph-time milliseconds since the emulator started. */
  now(): number {
    return (performance.now() - this.origin) * this.scale;
  }

  /** Waits `graphMs` of Graph time (graphMs / scale on the wall clock). */
  sleep(graphMs: number): Promise<void> {
    if (graphMs <= 0) return Promise.resolve();
    return new Promise((resolve) => setTimeout(resolve, graphMs / this.scale));
  }

  /**
   * A Retry-After value: Graph-time seconds turned into the wall-clock seconds a client must wait.
   * Rounded up to the millisecond so that waiting exactly that long is always enough; integers stay
   * integers (Graph sends "10" as well as "2.128", graph-docs concepts/throttling.md).
   */
  retryAfterHeader(graphSeconds: number): string {
    const wall = Math.ceil((graphSeconds / this.scale) * 1000) / 1000;
    return String(Math.max(wall, 0.001));
  }
}

/**
 * A clock that moves only when a test says so, for behaviour defined over Graph time (replication lag,
 * throttle windows) without waiting on the wall clock. `sleep` resolves when `advance` passes its end, so
 * pair it with `latencyMs: 0` unless the test advances time while requests are in flight. Retry-After
 * headers are reported in Graph seconds.
 */
export class ManualClock implements EmulatorClock {
  private current = 0;
  private waiters: { readonly at: number; readonly resolve: () => void }[] = [];

  now(): number {
    return this.current;
  }

  /** Moves Graph time forward and wakes the sleepers whose time has come. */
  advance(graphMs: number): void {
    if (!(graphMs >= 0)) throw new RangeError(`advance needs a non-negative duration, got ${graphMs}`);
    this.current += graphMs;
    const due = this.waiters.filter((w) => w.at <= this.current);
    this.waiters = this.waiters.filter((w) => w.at > this.current);
    for (const w of due) w.resolve();
  }

  sleep(graphMs: number): Promise<void> {
    if (graphMs <= 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ at: this.current + graphMs, resolve }));
  }

  retryAfterHeader(graphSeconds: number): string {
    return String(graphSeconds);
  }
}
