import { MAX_BATCH_ITEMS } from '../graph/batch-executor';
import { CancellationSource, type Cancellation } from '../graph/cancellation';
import type { GraphConnection } from '../graph/connection';
import type { GraphUser } from '../graph/resources';
import { readUsers } from '../reads/tenant-reads';
import type { TenantSkus } from '../tenant/tenant-skus';
import type { UserPlan } from '../plan/user-plan';
import type { Decided } from './apply-chunk';
import type { RequestSlots } from './request-slots';
import { doublingDelayMs, type RunClock } from './run-clock';
import type { UserResult } from '../results/user-result';
import { checkAfterWrite } from '../verify/verify';
import { answerWasLost, judgeLostAnswerRead, judgeRead } from '../verify/verify-run';

export interface VerifyOptions {
  /** How long after its write a user is looked at before it is reported not yet visible. Default 60 000. */
  readonly timeoutMs?: number;
  /** Wait before the second look at a user; doubles each look up to `maxPollMs`. Default 1 000. */
  readonly firstPollMs?: number;
  /** Default 4 000: a lag of a few seconds is seen soon after it passes, at one read per 20 users per poll. */
  readonly maxPollMs?: number;
}

const DEFAULT_VERIFY_OPTIONS: Required<VerifyOptions> = {
  timeoutMs: 60_000,
  firstPollMs: 1_000,
  maxPollMs: 4_000,
};

export interface VerifierDeps {
  readonly connection: GraphConnection;
  readonly skus: TenantSkus;
  /** Shared with the writes of the same run. */
  readonly slots: RequestSlots;
  readonly clock: RunClock;
  readonly cancellation: Cancellation;
  readonly options?: VerifyOptions;
  /** A result the re-read changes (failed, noted, not yet visible): journal it and announce it again. */
  readonly revise: (decided: Decided) => Promise<void>;
  /** The tenant agrees and there is nothing to add: the result is marked verified, nothing is journaled. */
  readonly confirm: (plan: UserPlan, result: UserResult) => void;
}

/**
 * Users re-read to a verdict; how many of them the tenant disagreed with; how many were still not visible at their
 * deadline.
 */
export interface VerifyTally {
  readonly verified: number;
  readonly problems: number;
  readonly notYetVisible: number;
}

interface Watched {
  readonly plan: UserPlan;
  readonly result: UserResult;
  readonly deadline: number;
  nextLookAt: number;
  looks: number;
}

/**
 * Re-reads changed users while the run's other writes go on, instead of after them: each user is
 * looked at as soon as its result is recorded (20 to a `$batch`), then again with a doubling wait
 * while its write does not show, until `timeoutMs` after it was recorded. While writes run it keeps
 * one read batch in flight (a slot of the connection's concurrency); once `finish` is called it may
 * use them all, and waits only for the users still pending.
 */
export class OverlappingVerifier {
  private readonly options: Required<VerifyOptions>;
  private readonly stop: CancellationSource;
  private readonly waiting: Watched[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private readonly tally = { verified: 0, problems: 0, notYetVisible: 0 };
  private running?: Promise<void>;
  private writesDone = false;
  private wake?: () => void;
  private woken = false;

  constructor(private readonly deps: VerifierDeps) {
    this.options = { ...DEFAULT_VERIFY_OPTIONS, ...deps.options };
    this.stop = new CancellationSource(deps.cancellation);
  }

  /** Starts looking at the `changed` users among these results, and at those whose answer was lost. */
  watch(decided: Decided): void {
    const now = this.deps.clock.now();
    for (const d of decided) {
      if ((d.result.outcome !== 'changed' && !answerWasLost(d.result)) || !d.plan.userId) continue;
      this.waiting.push({
        plan: d.plan,
        result: d.result,
        deadline: now + this.options.timeoutMs,
        nextLookAt: now,
        looks: 0,
      });
    }
    // Asking for a slot now, while the chunk that recorded these users still holds its own, puts the
    // re-read first in line when that slot is given back: the writes and the re-reads take turns.
    if (this.running) this.launchDue();
    this.running ??= this.pump();
    this.poke();
  }

  /** The writes are over: waits for the users still pending (each bounded by its deadline). */
  async finish(): Promise<VerifyTally> {
    this.writesDone = true;
    this.poke();
    await this.running;
    return { ...this.tally };
  }

  /** The run is ending another way: no new look starts. */
  abandon(): void {
    this.stop.cancel();
    this.stop.dispose();
  }

  private async pump(): Promise<void> {
    const token = this.stop.token;
    while (!token.isCancellationRequested) {
      this.launchDue();
      if (this.writesDone && this.waiting.length === 0 && this.inFlight.size === 0) break;
      const soonest = this.hasRoom()
        ? this.waiting.reduce((min, w) => Math.min(min, w.nextLookAt), Infinity)
        : Infinity;
      await this.nap(soonest - this.deps.clock.now());
    }
    await Promise.all(this.inFlight);
  }

  /** One read batch in flight while the writes go on; all of the connection's concurrency after. */
  private hasRoom(): boolean {
    return this.inFlight.size < (this.writesDone ? this.deps.connection.concurrency : 1);
  }

  private launchDue(): void {
    if (this.stop.token.isCancellationRequested) return;
    while (this.hasRoom()) {
      const due = this.takeDue(this.deps.clock.now());
      if (due.length === 0) return;
      this.launch(due);
    }
  }

  /** Up to 20 users whose next look is due, oldest first in arrival order. */
  private takeDue(now: number): Watched[] {
    const due: Watched[] = [];
    for (let i = 0; i < this.waiting.length && due.length < MAX_BATCH_ITEMS;) {
      if (this.waiting[i].nextLookAt <= now) due.push(...this.waiting.splice(i, 1));
      else i++;
    }
    return due;
  }

  private launch(due: Watched[]): void {
    const look: Promise<void> = this.look(due)
      // A read that throws leaves these users `changed` as recorded: nothing is lost, they are just not verified.
      .catch(() => undefined)
      .finally(() => {
        this.inFlight.delete(look);
        this.poke();
      });
    this.inFlight.add(look);
  }

  private async look(due: Watched[]): Promise<void> {
    const { connection, skus, slots, clock } = this.deps;
    const token = this.stop.token;
    const current = await slots.with(() =>
      readUsers(
        connection,
        due.map((w) => w.plan.userId!),
        token,
      ),
    );
    const now = clock.now();
    const revised: { plan: UserPlan; result: UserResult }[] = [];
    for (const w of due) {
      const read = current.get(w.plan.userId!.toLowerCase());
      // Not read (cancelled) or unreadable: the recorded result stands, unverified, as before any re-read.
      if (!read || read.kind !== 'found') continue;
      w.looks++;
      // In the connection's language (connection.ts): these words end up in the user's result.
      const findings = checkAfterWrite(w.plan, read.user as GraphUser, skus, connection.t);
      const lastLook = now >= w.deadline;
      const verdict = answerWasLost(w.result)
        ? judgeLostAnswerRead(w.plan, w.result, findings, lastLook, connection.t)
        : judgeRead(w.result, findings, lastLook, connection.t);
      if (verdict.kind === 'look-again') {
        w.nextLookAt = Math.min(
          w.deadline,
          now + doublingDelayMs(w.looks, this.options.firstPollMs, this.options.maxPollMs),
        );
        this.waiting.push(w);
        continue;
      }
      if (verdict.kind === 'not-yet-visible') this.tally.notYetVisible++;
      else this.tally.verified++;
      if (verdict.kind === 'fails') this.tally.problems++;
      if (verdict.kind === 'agrees' && !verdict.noted) this.deps.confirm(w.plan, verdict.result);
      else revised.push({ plan: w.plan, result: verdict.result });
    }
    if (revised.length > 0) await this.deps.revise(revised);
  }

  private poke(): void {
    if (this.wake) this.wake();
    else this.woken = true;
  }

  /** Sleeps `ms` (forever when not finite) or until `poke`: a new user, a finished read, the end of the writes. */
  private async nap(ms: number): Promise<void> {
    if (this.woken) {
      this.woken = false;
      return;
    }
    const alarm = new CancellationSource(this.stop.token);
    this.wake = () => alarm.cancel();
    try {
      if (Number.isFinite(ms)) await this.deps.clock.sleep(Math.max(0, ms), alarm.token);
      else await new Promise<void>((resolve) => alarm.token.onCancellationRequested(resolve));
    } finally {
      this.wake = undefined;
      this.woken = false;
      alarm.dispose();
    }
  }
}
