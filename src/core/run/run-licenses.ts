import { mkdir } from 'node:fs/promises';
import * as path from 'node:path';
import type { Cancellation } from '../graph/cancellation';
import type { GraphConnection } from '../graph/connection';
import type { RunPlan } from '../plan/whole-plan';
import { applyPlan, applyPlanned, type ApplyOptions, type RunReport } from './apply';
import { applyGroupPlans, type GroupApplyOptions, type GroupRunReport } from './apply-groups';
import { JournalWriter, type JournalOpenOptions, type TenantIdentity } from '../journal/journal';
import { journalFileName } from '../journal/journal-name';
import type { PlanOutcome } from './read-and-plan';
import {
  planAllRead,
  settledPlan,
  untilFirstChange,
  type PlanAsReadOutcome,
  type PlanningAsRead,
} from './plan-as-read';
import { planTotals, type PlanTotals } from '../plan/totals';
import { pendingEntry, resultWithoutWrites } from '../results/results';
import { summarize } from '../results/user-result';
import { NumberStage, type NumberStageOptions } from './number-stage';
import type { NumberLine } from '../results/number-result';
import {
  acquireRunLock,
  defaultLockFolder,
  LockFolderRefusedError,
  lockName,
  type LockAttempt,
  type LockHolder,
} from './run-lock';

/** A journal path given by the admin (appended to), or a folder where the run names a new one. */
export type JournalTarget = { readonly path: string } | { readonly folder: string; readonly name: string };

export interface RunRequest extends Pick<ApplyOptions, 'onResult' | 'onProgress' | 'verify' | 'clock'> {
  readonly connection: GraphConnection;
  readonly tenant: TenantIdentity;
  /** The `.licenses` files the run comes from (for a retry, the journal's): the lock's and the journal's key. */
  readonly files: readonly string[];
  /**
   * Makes the plan once the lock is held: a plan read while another run writes would be stale.
   * A run with no `confirm` may take planAsRead's users as they are read, writing the first ones
   * while the rest are still read; with `confirm`, they are all read first, to be shown whole.
   */
  readonly plan: () => Promise<PlanAsReadOutcome>;
  readonly journal: JournalTarget;
  /** What writes the journal's file: the real handle when absent; a test's file system that runs out of space. */
  readonly journalWriter?: JournalOpenOptions['writer'];
  /** Default: one folder for the machine (see `defaultLockFolder`). */
  readonly lockFolder?: string;
  /** Asked once the plan is known and not blocked; false means nothing is written. Absent: no question. */
  readonly confirm?: (plan: RunPlan, totals: PlanTotals) => Promise<boolean>;
  /**
   * The journal exists (header and pending lines on disk) and writes to these many users' tenant are about to start.
   */
  readonly onJournal?: (path: string, users: number) => void | Promise<void>;
  readonly cancellation?: Cancellation;
  /** What the front end shows of the group part of the run (apply-groups.ts), and how long it follows processing. */
  readonly groups?: Pick<
    GroupApplyOptions,
    'onGroupResult' | 'onProcessing' | 'onMemberError' | 'processingTimeoutMs' | 'clock' | 't'
  >;
  /**
   * The number stage (number-stage.ts), for users whose line gives a number: how long to wait for Teams to see a
   * license, what it shows. Default resume command: `m365-licenses apply --retry-failed JOURNAL`.
   */
  readonly numbers?: Partial<NumberStageOptions>;
}

export type RunOutcome =
  /** Another run of the same files against the same tenant holds the lock: nothing was read or written. */
  | { readonly kind: 'busy'; readonly lockPath: string; readonly holder?: LockHolder }
  | { readonly kind: 'tenant-error'; readonly error: Extract<PlanOutcome, { kind: 'tenant-error' }>['error'] }
  /** Cancelled before the first write (while reading the tenant, or at the question): nothing was written. */
  | { readonly kind: 'cancelled' }
  /** The plan has blockers: refused before any write; the report holds them. */
  | { readonly kind: 'blocked'; readonly plan: RunPlan; readonly report: RunReport }
  | { readonly kind: 'declined'; readonly plan: RunPlan }
  /**
   * Users or groups will not be written (not found, no usage location, a refusal Graph documents)
   * and nothing else would change: refused before any write or journal; the plan says why.
   */
  | { readonly kind: 'refused'; readonly plan: RunPlan; readonly report: RunReport }
  | { readonly kind: 'journal-error'; readonly plan: RunPlan; readonly path: string; readonly message: string }
  | {
      readonly kind: 'applied';
      readonly plan: RunPlan;
      readonly report: RunReport;
      readonly journal: string;
      readonly groups?: GroupRunReport;
      /** One line per user whose line gives a number, in the order the license stage decided them. */
      readonly numbers?: readonly NumberLine[];
    };

/**
 * The one run path of the CLI and VS Code: lock → plan → blockers → confirm → journal → apply.
 * Front ends only render what each step hands back. The lock is always released, the journal
 * always closed, whatever happens in between.
 */
export async function runLicenses(request: RunRequest): Promise<RunOutcome> {
  const startedAt = new Date().toISOString();
  const journalPath =
    'path' in request.journal
      ? request.journal.path
      : path.join(request.journal.folder, journalFileName(request.journal.name, new Date(startedAt)));
  let attempt: LockAttempt;
  try {
    attempt = await acquireRunLock(
      request.lockFolder ?? defaultLockFolder(),
      lockName(request.tenant.id, request.files),
      { startedAt, journal: journalPath },
      request.connection.t,
    );
  } catch (e) {
    // A lock folder another user could write to (or none at all): said, and nothing is started.
    if (!(e instanceof LockFolderRefusedError)) throw e;
    return { kind: 'tenant-error', error: { code: e.name, message: e.message } };
  }
  if (attempt.kind === 'busy')
    return { kind: 'busy', lockPath: attempt.path, ...(attempt.holder ? { holder: attempt.holder } : {}) };
  try {
    const first = await request.plan();
    // Someone must see the whole plan before anything is written: read it all first. Nobody asked: read until a
    // user will change, so a run with nothing to send is refused whole, before any journal, as a confirmed one is.
    const planned =
      first.kind !== 'planning'
        ? first
        : request.confirm
          ? await planAllRead(first.planning)
          : await untilFirstChange(first.planning);
    if (planned.kind === 'cancelled') return planned;
    if (planned.kind === 'tenant-error') return planned;
    if (planned.kind === 'planning') return await applyAsRead(request, planned.planning, journalPath, startedAt);
    const plan = planned.plan;
    // The engine answers a blocked plan at once, without a request: its report is the result.
    if (plan.blockers.length > 0) return { kind: 'blocked', plan, report: await applyPlan(request.connection, plan) };
    const totals = planTotals(plan);
    if (everyChangeRefused(totals)) return { kind: 'refused', plan, report: reportWithoutWrites(plan) };
    if (request.confirm && !(await request.confirm(plan, totals))) return { kind: 'declined', plan };
    // Cancelled while the plan was read or the admin was asked: no journal, no write.
    if (request.cancellation?.isCancellationRequested) return { kind: 'cancelled' };

    const journal = await openJournal(request, journalPath, startedAt, {
      pending: plan.users.filter((u) => u.kind === 'change').map(pendingEntry),
    });
    if (typeof journal === 'string') return { kind: 'journal-error', plan, path: journalPath, message: journal };
    const stage = plan.users.some((u) => u.number) ? numberStage(request, journal, journalPath) : undefined;
    try {
      await request.onJournal?.(journalPath, plan.users.length);
      const report = withNumbers(
        await applyPlan(request.connection, plan, applyOptions(request, journal, stage)),
        await stage?.finish(),
      );
      const numbers = stage ? { numbers: report.numbers } : {};
      if (!plan.groups?.length)
        return { kind: 'applied', plan, report: report.report, journal: journalPath, ...numbers };
      // Groups after users: a group's members are then judged against the users' new licenses.
      const groups = await applyGroupPlans(request.connection, plan.groups, plan.skus, {
        ...request.groups,
        sink: journal,
        ...(request.cancellation ? { cancellation: request.cancellation } : {}),
      });
      return { kind: 'applied', plan, report: report.report, journal: journalPath, groups, ...numbers };
    } finally {
      await journal.close().catch(() => undefined);
    }
  } finally {
    await attempt.lock.release();
  }
}

/** Each user as the plan left them, no request made: a refused run's results (nothing was sent). */
function reportWithoutWrites(plan: RunPlan): RunReport {
  const results = plan.users.map(resultWithoutWrites);
  const none = {
    cancelled: false,
    httpRequests: 0,
    writeRequests: 0,
    durationMs: 0,
    verified: 0,
    verificationProblems: 0,
  };
  return { blockers: [], results, summary: summarize(results, none) };
}

/** Something was asked for, and every bit of it will not be written: the run has nothing to send. */
export const everyChangeRefused = (t: PlanTotals): boolean =>
  t.change === 0 &&
  t.groups.change === 0 &&
  (t.numbers?.change ?? 0) === 0 &&
  t.failing + t.groups.failing + (t.numbers?.failing ?? 0) > 0;

/** Users written while the rest are read (planAsRead): the journal first lists every user of the files as pending. */
async function applyAsRead(
  request: RunRequest,
  planning: PlanningAsRead,
  journalPath: string,
  startedAt: string,
): Promise<RunOutcome> {
  const journal = await openJournal(request, journalPath, startedAt, { unread: planning.unreadEntries() });
  if (typeof journal === 'string')
    return {
      kind: 'journal-error',
      plan: { users: [], blockers: [], shortfalls: [], skus: planning.skus },
      path: journalPath,
      message: journal,
    };
  // Which users give a number is known as they are read: the stage takes those that do.
  const stage = numberStage(request, journal, journalPath);
  try {
    await request.onJournal?.(journalPath, planning.total);
    const report = withNumbers(
      await applyPlanned(request.connection, planning, applyOptions(request, journal, stage)),
      await stage.finish(),
    );
    const plan = settledPlan(planning);
    const numbers = plan.users.some((u) => u.number) ? { numbers: report.numbers } : {};
    return { kind: 'applied', plan, report: report.report, journal: journalPath, ...numbers };
  } finally {
    await journal.close().catch(() => undefined);
  }
}

/** The journal, or why it could not be opened (an errno code or a message). */
async function openJournal(
  request: RunRequest,
  journalPath: string,
  startedAt: string,
  lines: Pick<JournalOpenOptions, 'pending' | 'unread'>,
): Promise<JournalWriter | string> {
  try {
    if (!('path' in request.journal)) await mkdir(request.journal.folder, { recursive: true });
    return await JournalWriter.open(
      journalPath,
      {
        files: request.files,
        tenant: request.tenant.label,
        tenantId: request.tenant.id,
        ...(request.tenant.named ? { fileTenant: request.tenant.named } : {}),
        startedAt,
      },
      {
        ...lines,
        exclusive: !('path' in request.journal),
        ...(request.journalWriter ? { writer: request.journalWriter } : {}),
      },
    );
  } catch (e) {
    return (e as NodeJS.ErrnoException).code ?? (e as Error).message;
  }
}

function numberStage(request: RunRequest, journal: JournalWriter, journalPath: string): NumberStage {
  return new NumberStage(
    request.connection,
    { resumeCommand: `m365-licenses apply --retry-failed ${quoted(journalPath)}`, ...request.numbers },
    journal,
    request.cancellation,
  );
}

/** A path as a shell reads it back: quoted when it holds anything but plain path characters. */
const quoted = (p: string): string => (/^[\w./:@+-]+$/.test(p) ? p : `'${p.replace(/'/g, `'\\''`)}'`);

/** The license report with the number stage's lines; a journal error of either is the run's. */
function withNumbers(
  report: RunReport,
  numbers: Awaited<ReturnType<NumberStage['finish']>> | undefined,
): { readonly report: RunReport; readonly numbers: readonly NumberLine[] } {
  const journalError = report.journalError ?? numbers?.journalError;
  return { report: journalError ? { ...report, journalError } : report, numbers: numbers?.lines ?? [] };
}

function applyOptions(request: RunRequest, journal: JournalWriter, stage?: NumberStage): ApplyOptions {
  return {
    sink: journal,
    ...(stage ? { onDecided: (plan, result) => stage.offer(plan, result) } : {}),
    ...(request.cancellation ? { cancellation: request.cancellation } : {}),
    ...(request.onResult ? { onResult: request.onResult } : {}),
    ...(request.onProgress ? { onProgress: request.onProgress } : {}),
    ...(request.verify !== undefined ? { verify: request.verify } : {}),
    ...(request.clock ? { clock: request.clock } : {}),
  };
}

/** One tenant's plan, as the one confirmation of a run over several tenants shows it. */
export interface TenantPlan {
  readonly tenant: TenantIdentity;
  readonly plan: RunPlan;
  readonly totals: PlanTotals;
}

export interface TenantsRunRequest {
  /** One run per tenant, each with its own connection, files, lock and journal; `confirm` is the run's. */
  readonly tenants: readonly Omit<RunRequest, 'confirm'>[];
  /**
   * Asked once, when every tenant is planned (or has stopped: busy, blocked, unreachable), with the
   * plans of the tenants that would write. False: no tenant writes. Absent: no question.
   */
  readonly confirm?: (plans: readonly TenantPlan[]) => Promise<boolean>;
}

/**
 * A run over several tenants: each tenant through `runLicenses`, all at once (each its own lock,
 * journal and pacing; their connections share the application-wide pacer), one confirmation for all
 * of them. A tenant that fails (cannot be read, busy, throws) fails alone: its outcome says why and
 * the others run on. The outcomes are in the order of `tenants`.
 */
export async function runLicensesAcrossTenants(request: TenantsRunRequest): Promise<RunOutcome[]> {
  const { confirm } = request;
  const gate = confirm ? new ConfirmationGate(request.tenants.length, confirm) : undefined;
  return Promise.all(
    request.tenants.map(async (tenant, i): Promise<RunOutcome> => {
      try {
        return await runLicenses({
          ...tenant,
          ...(gate ? { confirm: (plan, totals) => gate.ask(i, { tenant: tenant.tenant, plan, totals }) } : {}),
        });
      } catch (e) {
        return { kind: 'tenant-error', error: { code: (e as Error).name || 'Error', message: (e as Error).message } };
      } finally {
        gate?.stopped(i);
      }
    }),
  );
}

/**
 * Gathers the tenants' plans and asks once: the question is put when every tenant has either
 * handed its plan in or stopped without one, and its answer goes to every tenant waiting on it.
 */
export class ConfirmationGate {
  private readonly plans: (TenantPlan | undefined)[];
  private readonly settled = new Set<number>();
  private readonly answer: Promise<boolean>;
  private release: ((plans: readonly TenantPlan[]) => void) | undefined;

  constructor(
    private readonly count: number,
    confirm: (plans: readonly TenantPlan[]) => Promise<boolean>,
  ) {
    this.plans = new Array<TenantPlan | undefined>(count);
    const asked = new Promise<readonly TenantPlan[]>((resolve) => (this.release = resolve));
    this.answer = asked.then((plans) => (plans.length ? confirm(plans) : false));
  }

  ask(index: number, plan: TenantPlan): Promise<boolean> {
    this.plans[index] = plan;
    this.settle(index);
    return this.answer;
  }

  /** The tenant's run ended (after the question, or without reaching it). */
  stopped(index: number): void {
    this.settle(index);
  }

  private settle(index: number): void {
    if (this.settled.has(index)) return;
    this.settled.add(index);
    if (this.settled.size === this.count) this.release?.(this.plans.filter((p): p is TenantPlan => p !== undefined));
  }
}
