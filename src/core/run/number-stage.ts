import type { Cancellation } from '../graph/cancellation';
import type { GraphConnection } from '../graph/connection';
import { assignNumber, unassignNumber, type NumberOutcome } from '../numbers/number-writes';
import { systemClock, type NumbersClock } from '../numbers/teams-transport';
import type { UserPlan } from '../plan/user-plan';
import {
  numberLine,
  numberLineWithoutWrites,
  numberPendingLine,
  type NumberLine,
  type NumberSink,
} from '../results/number-result';
import type { UserResult } from '../results/user-result';
import { english, type Translate } from '../text/translate';
import { NUMBER_WAIT_MINUTES } from '../settings/setting-values';

export interface NumberStageOptions {
  /**
   * The bound of the "not licensed yet" retries, in minutes (`licenses.numberWaitMinutes`, `--number-wait`,
   * LICENSES_NUMBER_WAIT_MINUTES); default 15. 0: a user Teams does not see licensed at once is left pending.
   */
  readonly waitMinutes?: number;
  /** The command that picks pending numbers up again, shown with each pending user. */
  readonly resumeCommand: string;
  /** Teams' time: the waits for the license and the operations' polling. Default: the wall clock. */
  readonly clock?: NumbersClock;
  /** One call per user whose line gives a number, when its outcome is known (pending lines are not announced). */
  readonly onNumberResult?: (line: NumberLine) => void;
  /** The operations' polling interval (tests shorten it; docs/numbers.md gives the default). */
  readonly pollIntervalMs?: number;
}

/**
 * The run's number stage: a user's number goes out once that user's license writes are done, while the license
 * stage goes on for the others (the run offers each user as the license stage decides them). Numbers taken back
 * first, then the new one assigned; each operation polled to its end and read back. Requests share the
 * connection's concurrency; a user waiting for Teams to see a license holds no lane while it waits.
 */
export class NumberStage {
  private readonly running: Promise<void>[] = [];
  private readonly lines = new Map<UserPlan, NumberLine>();
  private free: number;
  private readonly queue: (() => void)[] = [];
  private sinkError?: string;

  constructor(
    private readonly connection: GraphConnection,
    private readonly options: NumberStageOptions,
    private readonly sink: NumberSink | undefined,
    private readonly cancellation: Cancellation | undefined,
    private readonly t: Translate = connection.t ?? english,
  ) {
    this.free = Math.max(1, connection.concurrency);
  }

  /** A user the license stage has decided: the number follows, or is reported as the plan left it. */
  offer(plan: UserPlan, licenses: UserResult): void {
    if (!plan.number) return;
    this.running.push(this.settle(plan, licenses));
  }

  /** Every offered user's number at its end; in the order offered. */
  async finish(): Promise<{ readonly lines: readonly NumberLine[]; readonly journalError?: string }> {
    await Promise.all(this.running);
    return { lines: [...this.lines.values()], ...(this.sinkError ? { journalError: this.sinkError } : {}) };
  }

  private async settle(plan: UserPlan, licenses: UserResult): Promise<void> {
    const n = plan.number!;
    if (n.kind !== 'change') return this.record(plan, numberLineWithoutWrites(plan));
    if (licenses.outcome === 'failed' || licenses.outcome === 'skipped' || this.cancellation?.isCancellationRequested) {
      const skipped = licenses.outcome === 'skipped' || this.cancellation?.isCancellationRequested;
      return this.record(
        plan,
        numberLine(plan, {
          outcome: skipped ? 'skipped' : 'failed',
          ...(skipped
            ? {}
            : {
                error: {
                  code: 'LicensesNotWritten',
                  message: this.t(
                    "The number was not sent: this user's licenses failed ({0}).",
                    licenses.error?.code ?? 'Error',
                  ),
                  hint: this.t('Fix the licenses, then retry: the number follows them.'),
                },
              }),
        }),
      );
    }
    await this.sinkAppend([numberPendingLine(plan)]);
    await this.lane();
    let line: NumberLine;
    try {
      line = await this.write(plan);
    } catch (e) {
      if (!(e instanceof StageCancelled)) throw e;
      // Cancelled while waiting for Teams or an operation: what was sent stays; the rest is for a retry.
      line = numberLine(plan, { outcome: 'skipped' });
    } finally {
      this.release();
    }
    await this.record(plan, line);
  }

  /** Takes back, then assigns: one NumberLine for the user. */
  private async write(plan: UserPlan): Promise<NumberLine> {
    const n = plan.number!;
    const userId = plan.userId!;
    const write = {
      clock: this.laneClock(),
      resumeCommand: this.options.resumeCommand,
      t: this.t,
      licenseWait: { boundMs: (this.options.waitMinutes ?? NUMBER_WAIT_MINUTES.default) * 60_000 },
      ...(this.options.pollIntervalMs ? { polling: { intervalMs: this.options.pollIntervalMs } } : {}),
    };
    const unassigned: string[] = [];
    for (const held of n.unassign) {
      const out = await unassignNumber(this.connection, { userId, ...held }, write);
      if (out.kind === 'failed') return numberLine(plan, { outcome: 'failed', error: out.error, ...taken(unassigned) });
      if (out.kind === 'unassigned') unassigned.push(out.telephoneNumber);
    }
    if (!n.assign)
      return numberLine(plan, { outcome: unassigned.length ? 'changed' : 'unchanged', ...taken(unassigned) });
    const out = await assignNumber(
      this.connection,
      {
        userId,
        telephoneNumber: n.assign.telephoneNumber,
        numberType: n.assign.numberType,
        // The plan judged the user's licenses once the license stage is done: "lacks licenses" is Teams' lag.
        licensedInEntra: true,
        ...(n.assign.locationId ? { locationId: n.assign.locationId } : {}),
      },
      write,
    );
    return numberLine(plan, { ...fromOutcome(out), numberType: n.assign.numberType, ...taken(unassigned) });
  }

  private async record(plan: UserPlan, line: NumberLine): Promise<void> {
    this.lines.set(plan, line);
    await this.sinkAppend([line]);
    this.options.onNumberResult?.(line);
  }

  private async sinkAppend(lines: readonly NumberLine[]): Promise<void> {
    try {
      await this.sink?.appendNumberLines(lines);
    } catch (e) {
      this.sinkError ??= (e as Error).message;
    }
  }

  /** The clock each write waits on: a wait gives its lane to another user and takes one back after. */
  private laneClock(): NumbersClock {
    const base = this.options.clock ?? systemClock;
    return {
      now: () => base.now(),
      sleep: async (ms) => {
        if (this.cancellation?.isCancellationRequested) throw new StageCancelled();
        this.release();
        try {
          await base.sleep(ms);
        } finally {
          await this.lane();
        }
      },
    };
  }

  private lane(): Promise<void> {
    if (this.free > 0) {
      this.free--;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.queue.push(resolve));
  }

  private release(): void {
    const next = this.queue.shift();
    if (next) next();
    else this.free++;
  }
}

/** A wait the run's cancellation ended: the user's number is recorded skipped. */
class StageCancelled extends Error {}

const taken = (unassigned: readonly string[]) => (unassigned.length ? { unassigned } : {});

function fromOutcome(out: NumberOutcome): Omit<NumberLine, 'kind' | 'user' | 'at'> {
  switch (out.kind) {
    case 'assigned':
    case 'unassigned':
      return {
        outcome: 'changed',
        assigned: out.telephoneNumber,
        readBack: out.readBack,
        ...(out.isEnterpriseVoiceEnabled !== undefined
          ? { isEnterpriseVoiceEnabled: out.isEnterpriseVoiceEnabled }
          : {}),
        licenseRetries: out.licenseRetries,
      };
    case 'unchanged':
      return { outcome: 'unchanged', assigned: out.telephoneNumber };
    case 'pending':
      return {
        outcome: 'pending',
        licenseRetries: out.licenseRetries,
        resumeCommand: out.resumeCommand,
        error: { code: 'LicenseNotSeenYet', message: out.message },
      };
    case 'failed':
      return { outcome: 'failed', error: out.error };
  }
}
