import { createReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { DesiredUser } from '../plan/desired';
import type { JournalLine } from './user-result';

/** First line of every run in a journal. A journal may hold several runs (same `--journal` path). */
export interface JournalHeader {
  readonly journal: 'm365-licenses';
  readonly version: 1;
  readonly files: readonly string[];
  readonly tenant: string;
  readonly startedAt: string;
}

/** Where results go as they arrive. */
export interface ResultSink {
  append(entries: readonly JournalLine[]): Promise<void>;
}

/**
 * A JSON Lines journal, appended as Graph answers (one write per batch of answers, awaited before
 * the results are announced), so a crash loses nothing already reported and memory stays flat
 * however many users the run has.
 */
export class JournalWriter implements ResultSink {
  private tail: Promise<void> = Promise.resolve();

  private constructor(private readonly file: FileHandle, readonly path: string) {}

  static async open(path: string, header: Omit<JournalHeader, 'journal' | 'version'>): Promise<JournalWriter> {
    const file = await open(path, 'a');
    const writer = new JournalWriter(file, path);
    await writer.write([{ journal: 'm365-licenses', version: 1, ...header }]);
    return writer;
  }

  append(entries: readonly JournalLine[]): Promise<void> {
    return entries.length ? this.write(entries) : Promise.resolve();
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

export interface Journal {
  readonly headers: readonly JournalHeader[];
  /**
   * The last line per user (lower-cased user as key): a verification or a later run overrides an
   * earlier line; `pending` means the run stopped before Graph's answer for that user was written.
   */
  readonly latest: ReadonlyMap<string, JournalLine>;
  /** Lines that could not be read (a crash mid-line leaves at most one). */
  readonly damagedLines: number;
}

/** Reads a journal line by line (it can be large). */
export async function readJournal(path: string): Promise<Journal> {
  const headers: JournalHeader[] = [];
  const latest = new Map<string, JournalLine>();
  let damagedLines = 0;
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line.trim()) continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      damagedLines++;
      continue;
    }
    const v = value as Partial<JournalHeader> & Partial<JournalLine>;
    if (v.journal === 'm365-licenses') headers.push(v as JournalHeader);
    else if (typeof v.user === 'string' && typeof v.outcome === 'string') latest.set(v.user.toLowerCase(), v as JournalLine);
    else damagedLines++;
  }
  return { headers, latest, damagedLines };
}

/**
 * Users to run again: those that failed, were skipped, or are still pending (the run died before
 * their answer was written), as the file wanted them. Needs nothing but the journal: those lines
 * carry the desired state.
 */
export function usersToRetry(journal: Journal): DesiredUser[] {
  const users: DesiredUser[] = [];
  for (const entry of journal.latest.values()) {
    if ((entry.outcome === 'failed' || entry.outcome === 'skipped' || entry.outcome === 'pending') && entry.desired) users.push(entry.desired);
  }
  return users;
}
