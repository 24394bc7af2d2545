import type { DesiredUser } from '../desired/desired';
import type { UserError } from '../graph/user-error';
import type { DirectState } from '../plan/direct-state';

/** Every user of a run ends as exactly one of these. */
export type Outcome = 'changed' | 'unchanged' | 'failed' | 'skipped';

export interface UserResult {
  /** As written in the file. */
  readonly user: string;
  readonly outcome: Outcome;
  /** Part numbers this run gave the user. */
  readonly added: readonly string[];
  /** Part numbers this run took away. */
  readonly removed: readonly string[];
  /** Part numbers the user kept but whose disabled plans this run changed. */
  readonly updated?: readonly string[];
  /** Usage location this run set. */
  readonly usageLocation?: string;
  readonly error?: UserError;
  readonly notes?: readonly string[];
  /** Set when the user was re-read after the write: `false` means the tenant disagrees (see `error`). */
  readonly verified?: boolean;
}

/** A journal line: a result, when it was known, and (for failed or skipped users) what to retry. */
export interface JournalEntry extends UserResult {
  readonly at: string;
  readonly desired?: DesiredUser;
  /** On a user the run wrote to: what they held directly when the plan read them (undo puts it back). */
  readonly before?: DirectState;
  /** On a `changed` user: what the run left them holding directly, so undo can tell a later change by someone else. */
  readonly after?: DirectState;
}

/**
 * Written for every user about to be sent, before the first write: if the process dies before
 * Graph's answer is journalled, the user stays `pending` and "retry" picks them up.
 */
export interface PendingEntry {
  readonly user: string;
  readonly outcome: 'pending';
  readonly at: string;
  readonly desired: DesiredUser;
  /** What the user held directly before this first write: on disk before anything is sent. */
  readonly before?: DirectState;
}

export type JournalLine = JournalEntry | PendingEntry;

export interface RunSummary {
  readonly users: number;
  readonly changed: number;
  readonly unchanged: number;
  readonly failed: number;
  readonly skipped: number;
  readonly cancelled: boolean;
  /** HTTP requests sent by this run, retries included. */
  readonly httpRequests: number;
  /** assignLicense and PATCH requests, each `$batch` item counted. */
  readonly writeRequests: number;
  readonly durationMs: number;
  /** Users re-read after their write, and how many of them the tenant disagreed with. */
  readonly verified: number;
  readonly verificationProblems: number;
}

export function summarize(results: Iterable<UserResult>, extra: Omit<RunSummary, 'users' | Outcome>): RunSummary {
  const counts: Record<Outcome, number> = { changed: 0, unchanged: 0, failed: 0, skipped: 0 };
  let users = 0;
  for (const r of results) {
    counts[r.outcome]++;
    users++;
  }
  return { users, ...counts, ...extra };
}

/** The first line of a journal: which files, which tenant, when. */
export interface JournalHeader {
  readonly journal: 'm365-licenses';
  readonly version: 1;
  readonly files: readonly string[];
  /** The tenant's label, for people: "demo tenant", "admin@contoso.com (contoso tenant)". */
  readonly tenant: string;
  /**
   * The tenant's stable identity (its directory id, or "demo"), so a retry can refuse another
   * tenant even when labels differ between the CLI and VS Code. Absent in older journals.
   */
  readonly tenantId?: string;
  /**
   * The tenant as the files' `tenant` line names it (a tenant id or a domain): a retry, an undo and
   * a reprocess of this journal connect to it. Absent: the files name none (the configured tenant).
   */
  readonly fileTenant?: string;
  readonly startedAt: string;
  /**
   * How many users the run lists as pending right after this header, before its first write. A
   * journal holding fewer was cut short (a full disk): a retry from it would miss users, so it is
   * refused and the files are applied again. Absent in older journals.
   */
  readonly listed?: number;
}
