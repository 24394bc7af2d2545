import { neverCancelled, sleep, type Cancellation } from './cancellation';
import { RETRY_AFTER_CAP_MS } from './retry-policy';
import { monotonicNow } from './monotonic-clock';

/** One of Graph's write quotas: `writes` per `perSeconds`, refilled continuously (a token bucket). */
export interface WriteBudget {
  readonly writes: number;
  readonly perSeconds: number;
  readonly scope: string;
}

/**
 * Graph's identity-and-access write quotas, which `assignLicense` and `PATCH /users` fall under
 * (graph-docs concepts/throttling-limits.md, "Identity and access service limits"): there is no
 * licensing-specific limit. Every `$batch` item counts on its own.
 */
export const GRAPH_WRITE_BUDGETS: readonly WriteBudget[] = [
  { writes: 3000, perSeconds: 150, scope: 'application+tenant' },
  { writes: 18000, perSeconds: 300, scope: 'tenant' },
];

/**
 * The write quota of an application across every tenant it writes to (same page, same section:
 * "application (all tenants)", 35,000 writes per 5 minutes; older copies of the page said 70,000).
 * A run over many tenants paces each tenant against GRAPH_WRITE_BUDGETS and all of them together
 * against this one (`WritePacer`'s `shared`).
 */
export const APPLICATION_WRITE_BUDGETS: readonly WriteBudget[] = [
  { writes: 35000, perSeconds: 300, scope: 'application' },
];

/** The same quotas on a clock that runs `clockScale` times faster (the emulator's clockScale option). */
export function scaledBudgets(
  clockScale: number,
  budgets: readonly WriteBudget[] = GRAPH_WRITE_BUDGETS,
): WriteBudget[] {
  return budgets.map((b) => ({ ...b, perSeconds: b.perSeconds / clockScale }));
}

/**
 * Kept back from each bucket: Graph's bucket refills from when our writes arrived, a little after we
 * counted them, and arrival times jitter; staying one batch short of the quota keeps a long run from
 * grazing the limit (a 10,000-user run otherwise meets the odd 429). Costs one batch of the burst.
 */
const SAFETY_MARGIN = 20;

class TokenBucket {
  private tokens: number;
  private last: number;
  /**
   * Taken from full, and no write answered since: Graph's bucket was full too until our writes
   * arrived, and it refills only from then. Counting the refill from when we took would run ahead
   * of Graph's by however late the first writes arrive (at a cold start, while Graph serves the
   * reads of the same run, long enough for a 429 when the burst runs out).
   */
  private heldFull = false;
  readonly ratePerMs: number;
  readonly capacity: number;

  constructor(
    readonly budget: WriteBudget,
    now: number,
  ) {
    this.capacity = Math.max(1, budget.writes - Math.min(SAFETY_MARGIN, Math.floor(budget.writes / 100)));
    this.tokens = this.capacity;
    this.last = now;
    this.ratePerMs = budget.writes / (budget.perSeconds * 1000);
  }

  /** Never backwards: a clock read earlier than the last one refills nothing (and takes nothing away). */
  private refill(now: number) {
    const elapsed = Math.max(0, now - this.last);
    if (!this.heldFull) this.tokens = Math.min(this.capacity, this.tokens + elapsed * this.ratePerMs);
    this.last = Math.max(this.last, now);
  }

  /** Milliseconds until `n` tokens are there (0: now). */
  waitFor(n: number, now: number): number {
    this.refill(now);
    return this.tokens >= n ? 0 : (n - this.tokens) / this.ratePerMs;
  }

  /** Tokens there now. */
  available(now: number): number {
    this.refill(now);
    return this.tokens;
  }

  take(n: number, now: number) {
    this.refill(now);
    if (this.tokens >= this.capacity) this.heldFull = true;
    this.tokens -= n;
  }

  /** A write was answered, so it had arrived: the refill runs from now on. */
  answered(now: number) {
    this.refill(now);
    this.heldFull = false;
  }

  /** Graph said no: whatever we thought was left, its bucket is empty now. */
  empty(now: number) {
    this.refill(now);
    this.tokens = Math.min(this.tokens, 0);
    // Refused, so it had arrived: Graph's bucket refills from here.
    this.heldFull = false;
  }
}

/**
 * Client-side pacing: writes leave no faster than Graph's quotas refill, so a 10,000-user run
 * streams at the quota's rate instead of bursting into a wall of 429s and sleeping through
 * Retry-After (which wastes the refill that happens meanwhile). A 429 still pauses every sender:
 * the quota is shared by the whole app, so one throttled batch means the others would be too.
 * Callers are served in arrival order so that no batch starves.
 */
export class WritePacer {
  private readonly buckets: TokenBucket[];
  private pausedUntil = 0;
  private queue: Promise<void> = Promise.resolve();

  /**
   * `shared`: a pacer whose quotas span this one and others (the application-wide quota over every
   * tenant of a run): a write leaves when both have room, and is taken from both. A 429 pauses only
   * this pacer: it names one tenant's bucket.
   */
  constructor(
    budgets: readonly WriteBudget[],
    private readonly now: () => number = monotonicNow,
    private readonly wait: (ms: number, cancellation: Cancellation) => Promise<boolean> = sleep,
    private readonly shared?: WritePacer,
  ) {
    this.buckets = budgets.map((b) => new TokenBucket(b, now()));
  }

  /** Milliseconds until `writes` may leave by this pacer's own quotas and pause (0: now). */
  private waitFor(writes: number, now: number): number {
    return Math.max(
      this.pausedUntil - now,
      ...this.buckets.map((b) => b.waitFor(Math.min(writes, b.capacity), now)),
      this.shared ? this.shared.waitFor(writes, this.shared.now()) : 0,
    );
  }

  private take(writes: number, now: number): void {
    for (const b of this.buckets) b.take(writes, now);
    this.shared?.take(writes, this.shared.now());
  }

  /** Waits until `writes` requests may be sent. `false`: cancelled while waiting, nothing taken. */
  acquire(writes: number, cancellation: Cancellation = neverCancelled): Promise<boolean> {
    if (writes <= 0 || (this.buckets.length === 0 && !this.shared))
      return Promise.resolve(!cancellation.isCancellationRequested);
    const turn = this.queue.then(() => this.waitAndTake(writes, cancellation));
    this.queue = turn.then(() => undefined);
    return turn;
  }

  /**
   * Writes that could leave now without waiting (Infinity without quotas): more than this in one run
   * and the quota, not the latency, sets its pace.
   */
  available(): number {
    const now = this.now();
    return Math.min(
      this.shared ? this.shared.available() : Infinity,
      ...this.buckets.map((b) => Math.max(0, Math.floor(b.available(now)))),
    );
  }

  /**
   * After a 429: nobody sends before `ms` has passed. When it was a write that Graph refused, the
   * buckets also restart from empty: the write quota is evidently spent (another app of the tenant,
   * an earlier run, clock drift), and what resumes must come back at the refill rate, not as a burst
   * into the next 429. A throttled read (resource units) says nothing about the write quota.
   */
  pauseFor(ms: number, writeQuotaSpent = false) {
    const now = this.now();
    // One answer never pauses the run past the documented cap, whatever number it carried.
    const pause = Number.isFinite(ms) ? Math.min(Math.max(0, ms), RETRY_AFTER_CAP_MS) : RETRY_AFTER_CAP_MS;
    this.pausedUntil = Math.max(this.pausedUntil, now + pause);
    if (writeQuotaSpent) for (const b of this.buckets) b.empty(now);
  }

  /** Graph answered writes this pacer let through (whatever the answer): they had reached Graph's buckets. */
  writesAnswered(): void {
    const now = this.now();
    for (const b of this.buckets) b.answered(now);
    this.shared?.writesAnswered();
  }

  private async waitAndTake(writes: number, cancellation: Cancellation): Promise<boolean> {
    for (;;) {
      if (cancellation.isCancellationRequested) return false;
      const now = this.now();
      const wait = this.waitFor(writes, now);
      if (wait <= 0) {
        this.take(writes, now);
        return true;
      }
      if (!(await this.wait(Math.ceil(wait), cancellation))) return false;
    }
  }
}
