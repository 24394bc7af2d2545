import { count, plural, type Translate } from '../../core/text/translate';
import type { CliIo } from '../io';

/** A terminal line the CLI may rewrite in place (stderr on a TTY); absent when piped. */
export interface LiveTerminal {
  write(text: string): void;
  /** Width of the terminal: the line is cut to it, so that `\r` rewrites it whole. */
  readonly columns?: number;
}

/** What a command needs to show a live counter: where, and a clock (injected by tests). */
export interface LiveIo {
  readonly live?: LiveTerminal;
  readonly now?: () => number;
}

/** The real terminal: a live line only when both streams are a terminal (a pipe gets plain lines). */
export function processTerminal(): LiveTerminal | undefined {
  if (!process.stderr.isTTY || !process.stdout.isTTY) return undefined;
  return {
    write: (text) => process.stderr.write(text),
    get columns() {
      return process.stderr.columns;
    },
  };
}

/** At most one redraw per this many milliseconds: 20,000 answers do not mean 20,000 redraws. */
const REDRAW_EVERY_MS = 100;

/** `0:42`, `12:05`, `1:02:03`: what an admin reads on a clock. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const s = total % 60;
  const m = Math.floor(total / 60) % 60;
  const h = Math.floor(total / 3600);
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/**
 * The counter of a run on a terminal, rewritten in place: "Reading users: 3,000 of 20,000" while the
 * tenant is read, then "1,234 of 2,000 · 3 failed · ETA 0:42" while Graph answers. Lines the command
 * prints meanwhile go above it (`io()` clears the counter, prints, and draws it again). Without a
 * terminal every method does nothing: a pipe or a log gets the plain lines alone.
 */
export class ProgressLine {
  private text = '';
  private shown = false;
  private lastDraw = Number.NEGATIVE_INFINITY;
  private writingSince?: number;
  private readonly now: () => number;

  constructor(
    private readonly terminal: LiveTerminal | undefined,
    private readonly t: Translate,
    now: () => number = Date.now,
  ) {
    this.now = now;
  }

  get active(): boolean {
    return this.terminal !== undefined;
  }

  /** Users read so far while the tenant is read (before any write). */
  reading(read: number, total: number): void {
    this.update(this.t('Reading users: {0} of {1}', count(this.t, read), count(this.t, total)), read >= total);
  }

  /** Users Graph has answered for, of those the run writes to, and how many of them failed. */
  writing(done: number, total: number, failed: number): void {
    const now = this.now();
    // The rate is measured from the first answer's moment back to when writing started.
    this.writingSince ??= now;
    const parts = [this.t('{0} of {1}', count(this.t, done), count(this.t, total))];
    if (failed > 0) parts.push(plural(this.t, failed, '{0} failed//one', '{0} failed'));
    const elapsed = now - this.writingSince;
    if (done > 0 && done < total && elapsed >= 1000) {
      parts.push(this.t('ETA {0}', formatDuration(((total - done) * elapsed) / done)));
    }
    this.update(parts.join(' · '), done >= total);
  }

  /** Writing starts now: the ETA is measured from here. */
  startWriting(): void {
    this.writingSince = this.now();
  }

  /** Takes the counter off the screen for good (the summary follows). */
  finish(): void {
    this.erase();
    this.text = '';
  }

  /** `io` with each line printed above the counter. */
  io<T extends CliIo>(io: T): T {
    if (!this.terminal) return io;
    return {
      ...io,
      stdout: (line: string) => this.above(() => io.stdout(line)),
      stderr: (line: string) => this.above(() => io.stderr(line)),
    };
  }

  private above(print: () => void): void {
    const wasShown = this.shown;
    this.erase();
    print();
    if (wasShown) this.draw();
  }

  private update(text: string, final: boolean): void {
    if (!this.terminal) return;
    this.text = text;
    const now = this.now();
    if (!final && now - this.lastDraw < REDRAW_EVERY_MS) return;
    this.lastDraw = now;
    this.draw();
  }

  private draw(): void {
    if (!this.terminal || !this.text) return;
    const width = this.terminal.columns && this.terminal.columns > 1 ? this.terminal.columns - 1 : undefined;
    const text = width && this.text.length > width ? this.text.slice(0, width) : this.text;
    this.terminal.write(`\r${text}\x1b[K`);
    this.shown = true;
  }

  private erase(): void {
    if (!this.terminal || !this.shown) return;
    this.terminal.write('\r\x1b[K');
    this.shown = false;
  }
}
