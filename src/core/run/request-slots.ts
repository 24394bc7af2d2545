/**
 * The connection's `concurrency` shared by the writes and the re-reads of one run: a re-read is not
 * a write, but it is a request in flight against the same service. Served in arrival order, so the
 * verifier (one batch at a time while writes go on) gets a turn between write chunks and the
 * writes are never starved by it.
 */
export class RequestSlots {
  private readonly waiting: (() => void)[] = [];

  constructor(private free: number) {}

  /** Resolves with the function that gives the slot back (call it exactly once). */
  async acquire(): Promise<() => void> {
    if (this.free > 0) this.free--;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.free++;
    };
  }

  /** Runs `task` holding a slot. */
  async with<T>(task: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await task();
    } finally {
      release();
    }
  }
}
