import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { DesiredUser } from '../desired/desired';
import { checkJournalLine, desiredOf } from './journal-lines';
import type { JournalHeader, JournalLine, PendingEntry } from '../results/user-result';
import type { GroupJournalLine, GroupSink } from '../results/group-result';
import type { NumberLine, NumberSink } from '../results/number-result';
import { english, type Translate } from '../text/translate';
import { isGuid } from '../text/guid';

export type { JournalHeader } from '../results/user-result';

/** First line of every run in a journal. A journal may hold several runs (same `--journal` path). */
/** Where results go as they arrive. */
export interface ResultSink {
  append(entries: readonly JournalLine[]): Promise<void>;
}

export interface JournalOpenOptions {
  /**
   * Written in the same append as the header: a crash can no longer leave a header without the
   * users about to be sent (retry would then say "nothing to retry" while the plan has work).
   * The engine's own `pending` lines for these users are then not written a second time.
   */
  readonly pending?: readonly PendingEntry[];
  /**
   * Also written with the header, for a run that writes while it still reads (plan-as-read.ts):
   * every user of the file, pending before anything is known of them, so a crash mid-read still
   * leaves them for retry. The engine's own `pending` line for a user, with what the user held
   * before, is written when it is sent, as usual.
   */
  readonly unread?: readonly PendingEntry[];
  /** Create a new file and fail if it exists (a journal named by us, never shared by two runs). */
  readonly exclusive?: boolean;
  /** What writes the file: the real file handle, or a test's writer that runs out of space. */
  readonly writer?: (file: JournalFile) => JournalFile;
}

/** The part of a file handle the journal writes with. */
export interface JournalFile {
  appendFile(text: string, encoding: 'utf8'): Promise<void>;
  /** fsync: the lines are on the disk, not in a cache a power cut loses. */
  sync(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A JSON Lines journal, appended as Graph answers (one write per batch of answers, awaited before
 * the results are announced), so a crash loses nothing already reported and memory stays flat
 * however many users the run has.
 */
export class JournalWriter implements ResultSink, GroupSink, NumberSink {
  private tail: Promise<void> = Promise.resolve();
  /** Users whose `pending` line went out with the header. */
  private readonly pendingWritten: Set<string>;
  /** The `unread` lines, written after the header without holding up the run's start; every append waits for them. */
  private unreadWritten: Promise<void> = Promise.resolve();

  private constructor(
    private readonly file: JournalFile,
    readonly path: string,
    pending: readonly PendingEntry[],
  ) {
    this.pendingWritten = new Set(pending.map((p) => p.user.toLowerCase()));
  }

  static async open(
    path: string,
    header: Omit<JournalHeader, 'journal' | 'version'>,
    options: JournalOpenOptions = {},
  ): Promise<JournalWriter> {
    // Never through a symbolic link planted at the journal's path (ELOOP), and owner-only.
    const handle: FileHandle = await open(path, options.exclusive ? EXCLUSIVE_JOURNAL : APPENDED_JOURNAL, 0o600);
    const file = options.writer ? options.writer(handle) : handle;
    const pending = options.pending ?? [];
    const unread = options.unread ?? [];
    const writer = new JournalWriter(file, path, pending);
    const listed = pending.length + unread.length;
    try {
      // The header says how many users follow it, so a list cut short is known as such; synced, so
      // the list is on the disk, not in a cache, before the first write to Graph.
      await writer.write([
        { journal: 'm365-licenses', version: 1, ...header, ...(listed ? { listed } : {}) },
        ...pending,
      ]);
      if (!unread.length) await file.sync();
    } catch (e) {
      await file.close().catch(() => undefined);
      throw e;
    }
    // Appends are chained after these lines, and fail if they failed: no write starts before every
    // user of the file is on disk as pending, yet reading can start while they are written.
    if (unread.length) writer.unreadWritten = writer.write(unread).then(() => file.sync());
    return writer;
  }

  async append(entries: readonly JournalLine[]): Promise<void> {
    await this.unreadWritten;
    const fresh = entries.filter((e) => !(e.outcome === 'pending' && this.pendingWritten.delete(e.user.toLowerCase())));
    if (fresh.length) await this.write(fresh);
  }

  /** Group results and members in error (apply-groups.ts), in the same file as users' lines. */
  appendGroupLines(lines: readonly GroupJournalLine[]): Promise<void> {
    return lines.length ? this.write(lines) : Promise.resolve();
  }

  /** Users' Teams numbers (number-stage.ts), in the same file as their license lines. */
  async appendNumberLines(lines: readonly NumberLine[]): Promise<void> {
    await this.unreadWritten;
    if (lines.length) await this.write(lines);
  }

  async close(): Promise<void> {
    await this.tail;
    await this.file.close();
  }

  /** Appends are chained: concurrent batches never interleave half lines. */
  private write(lines: readonly object[]): Promise<void> {
    const text = lines.map((l) => `${JSON.stringify(l)}\n`).join('');
    const next = this.tail.then(() => this.file.appendFile(text, 'utf8'));
    this.tail = next.catch(() => undefined);
    return next;
  }
}

/**
 * Lines added to a journal that exists (what `status` learns of its groups), opened as the run's own journal is: never
 * through a symbolic link planted at its path (ELOOP), appended whole, synced. Throws the errno of a failed write.
 */
export async function appendToJournal(path: string, lines: readonly object[]): Promise<void> {
  if (lines.length === 0) return;
  const handle = await open(path, EXISTING_JOURNAL);
  try {
    await handle.appendFile(lines.map((l) => `${JSON.stringify(l)}\n`).join(''), 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** A line that could not be used, by its 1-based number in the file. */
export interface DamagedLine {
  readonly line: number;
  readonly reason: string;
}

export interface Journal {
  readonly headers: readonly JournalHeader[];
  /**
   * The last line per user (lower-cased user as key): a verification or a later run overrides an
   * earlier line; `pending` means the run stopped before Graph's answer for that user was written.
   */
  readonly latest: ReadonlyMap<string, JournalLine>;
  /** Each user's last number line, by lower-cased user (absent from journals without numbers). */
  readonly numbers?: ReadonlyMap<string, NumberLine>;
  /** Lines skipped because they could not be used (a crash mid-line leaves at most one). */
  readonly damaged: readonly DamagedLine[];
  /** `damaged.length`. */
  readonly damagedLines: number;
  /** Group results and members in error, in file order (reprocess reads the latter). */
  readonly groupLines?: readonly GroupJournalLine[];
  /** Runs whose list of users is shorter than their header says (the disk filled up as it was written). */
  readonly incomplete?: readonly { readonly startedAt: string; readonly listed: number; readonly found: number }[];
}

/** Reads a journal line by line (it can be large). Never throws on content, only on I/O. */
export async function readJournal(path: string): Promise<Journal> {
  const headers: JournalHeader[] = [];
  const latest = new Map<string, JournalLine>();
  const damaged: DamagedLine[] = [];
  const groupLines: GroupJournalLine[] = [];
  const numbers = new Map<string, NumberLine>();
  const runs: { header: JournalHeader; users: Set<string> }[] = [];
  await forEachJournalLine(path, (checked, number) => {
    if (checked.kind === 'header') {
      headers.push(checked.header);
      runs.push({ header: checked.header, users: new Set() });
    } else if (checked.kind === 'entry') {
      latest.set(checked.entry.user.toLowerCase(), checked.entry);
      runs.at(-1)?.users.add(checked.entry.user.toLowerCase());
    } else if (checked.kind === 'group-line') groupLines.push(checked.line);
    else if (checked.kind === 'number-line') numbers.set(checked.line.user.toLowerCase(), checked.line);
    else damaged.push({ line: number, reason: checked.reason });
  });
  const incomplete = runs
    .filter((r) => typeof r.header.listed === 'number' && r.users.size < r.header.listed)
    .map((r) => ({ startedAt: r.header.startedAt, listed: r.header.listed!, found: r.users.size }));
  return {
    headers,
    latest,
    damaged,
    damagedLines: damaged.length,
    groupLines,
    incomplete,
    ...(numbers.size ? { numbers } : {}),
  };
}

const NOFOLLOW = constants.O_NOFOLLOW ?? 0;
const APPENDED_JOURNAL = constants.O_CREAT | constants.O_WRONLY | constants.O_APPEND | NOFOLLOW;
const EXCLUSIVE_JOURNAL = APPENDED_JOURNAL | constants.O_EXCL;
/** Appended to, never created: a journal a command was given and has read. */
const EXISTING_JOURNAL = constants.O_WRONLY | constants.O_APPEND | NOFOLLOW;

/**
 * The largest journal read: 256 MiB, several times a run of 100,000 users, and under the longest
 * string a line can make. `/dev/zero` (never ends), a folder or a 2 GB file stop at once with a
 * message (JournalUnreadableError) instead of a RangeError or the memory of the process.
 */
const MAX_JOURNAL_BYTES = 256 * 1024 * 1024;

/** A path that is not a journal this product could have written: a device, a folder, a huge file. */
class JournalUnreadableError extends Error {
  override readonly name = 'JournalUnreadable';
  constructor(readonly reason: 'not-a-file' | 'too-large') {
    super(reason === 'not-a-file' ? 'not a regular file' : `larger than ${MAX_JOURNAL_BYTES / 1024 / 1024} MiB`);
  }
}

/** `PATH: cannot read: WHY`, the way every reader of a journal says it could not read one. */
export function cannotReadJournal(path: string, e: unknown, t: Translate = english): string {
  if (e instanceof JournalUnreadableError)
    return e.reason === 'not-a-file'
      ? t('{0}: cannot read: not a regular file (a folder or a device), so not a results journal.', path)
      : t(
          '{0}: cannot read: larger than {1} MiB, more than any results journal.',
          path,
          MAX_JOURNAL_BYTES / 1024 / 1024,
        );
  return t('{0}: cannot read: {1}', path, (e as NodeJS.ErrnoException).code ?? (e as Error).message);
}

/** Every non-blank line of a journal, checked, with its 1-based number: streamed, since a journal can be large. */
export async function forEachJournalLine(
  path: string,
  visit: (checked: ReturnType<typeof checkJournalLine>, number: number) => void,
): Promise<void> {
  const handle = await open(path, constants.O_RDONLY);
  const st = await handle.stat().catch(async (e: unknown) => {
    await handle.close();
    throw e;
  });
  if (!st.isFile() || st.size > MAX_JOURNAL_BYTES) {
    await handle.close();
    throw new JournalUnreadableError(st.isFile() ? 'too-large' : 'not-a-file');
  }
  // The stream reads no further than the size checked: a file growing meanwhile is read as it was.
  const input = handle.createReadStream({ encoding: 'utf8', end: Math.max(0, st.size - 1), autoClose: true });
  const lines = createInterface({ input, crlfDelay: Infinity });
  let number = 0;
  for await (const text of lines) {
    number++;
    if (text.trim()) visit(checkJournalLine(text), number);
  }
}

/**
 * `path:line: reason` for each skipped line: the admin can open the journal at the right place. Reasons are constant
 * English messages (journal-lines.ts), translated here.
 */
export const formatDamagedLines = (path: string, journal: Journal, t: Translate = english): string[] =>
  journal.damaged.map((d) => t('{0}:{1}: line skipped: {2}', path, d.line, t(d.reason)));

/**
 * Users to run again: those that failed, were skipped, or are still pending (the run died before
 * their answer was written), as the file wanted them. Needs nothing but the journal: those lines
 * carry the desired state.
 */
export function usersToRetry(journal: Journal): DesiredUser[] {
  const users: DesiredUser[] = [];
  const listed = new Set<string>();
  for (const entry of journal.latest.values()) {
    if ((entry.outcome === 'failed' || entry.outcome === 'skipped' || entry.outcome === 'pending') && entry.desired) {
      users.push(desiredOf(entry.desired));
      listed.add(entry.user.toLowerCase());
    }
  }
  // A number left pending (Teams had not seen the license) or failed is retried too: its licenses are then as wanted.
  for (const line of journal.numbers?.values() ?? []) {
    if (line.outcome === 'changed' || line.outcome === 'unchanged' || !line.desired) continue;
    if (!listed.has(line.user.toLowerCase())) users.push(desiredOf(line.desired));
  }
  return users;
}

/** Who a run talks to: a label for people, an identity for comparing. */
export interface TenantIdentity {
  readonly label: string;
  readonly id: string;
  /**
   * The tenant the files' `tenant` line names, recorded in the journal's header (`fileTenant`): its directory id
   * once the sign-in resolved the name, else as written (id or domain).
   */
  readonly named?: string;
  /**
   * Other names the sign-in proved are this tenant: the domain a file named, which Microsoft Entra resolved to `id`.
   * A journal recorded under one of them (before names were resolved) is a journal of this tenant.
   */
  readonly aliases?: readonly string[];
}

/**
 * Why this journal must not be replayed against `tenant`, or undefined when every run in it was
 * made against that tenant (by its id, or a domain the sign-in resolved to it). Journals written before
 * `tenantId` existed are compared by label.
 */
export function tenantMismatch(journal: Journal, tenant: TenantIdentity, t: Translate = english): string | undefined {
  const names = [tenant.id, ...(tenant.aliases ?? [])].map((n) => n.toLowerCase());
  // The demo's customer named by its id (`demo:<id>`, VS Code's demo session) is the customer the CLI records by id.
  const demoId = tenant.id.startsWith('demo:') ? tenant.id.slice('demo:'.length) : undefined;
  if (demoId && isGuid(demoId)) names.push(demoId.toLowerCase());
  for (const h of journal.headers) {
    const same = h.tenantId !== undefined ? names.includes(h.tenantId.toLowerCase()) : h.tenant === tenant.label;
    if (!same)
      return t(
        'the journal was written for {0}, but the tenant now is {1} ({2})',
        h.tenantId ? `${h.tenant} (${h.tenantId})` : h.tenant,
        tenant.label,
        tenant.id,
      );
  }
  return undefined;
}
