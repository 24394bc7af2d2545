/**
 * Emulated time. Graph's limits are stated in real seconds (3,000 writes per 150 s); benchmarks of the
 * throttle regime cannot wait that long, so every duration in the emulator is "Graph time" and runs
 * `scale` times faster than the wall clock: with scale 60 a 150 s window lasts 2.5 s, a 100 ms latency
 * lasts ~1.7 ms, and a Retry-After of 30 Graph seconds is reported as 0.5 (what a client really waits).
 */
export class Clock {
  private readonly origin = performance.now();

  constructor(readonly scale = 1) {
    if (!(scale > 0) || !Number.isFinite(scale)) throw new RangeError(`clockScale must be a positive number, got ${scale}`);
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
