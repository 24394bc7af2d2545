import { terminalText } from '../core/text/tenant-text';
import { english, type Translate } from '../core/text/translate';
import { cliTranslator } from './translator';

/** Where a CLI command writes: the real process streams, or a buffer in tests. */
export interface CliIo {
  stdout(line: string): void;
  stderr(line: string): void;
  /** The language of what is written (from LC_ALL, LC_MESSAGES, LANG for the real streams); English when absent. */
  readonly t?: Translate;
  /** A yes/no question on the terminal (the confirmation); absent: no terminal to ask on. */
  prompt?(question: string): Promise<string | undefined>;
}

export const processIo: CliIo = {
  stdout: (line) => process.stdout.write(`${terminalText(line)}\n`),
  stderr: (line) => process.stderr.write(`${terminalText(line)}\n`),
  t: cliTranslator(),
};

/**
 * The CLI's one output choke point: every line and the confirmation question go through the
 * terminal rule for tenant text (control and bidirectional characters shown as `\x1b`, never
 * obeyed), whichever command wrote them and whatever display name they hold. `main` wraps the io it
 * is given; `terminalText` is idempotent, so wrapping twice changes nothing.
 */
export function terminalIo<T extends CliIo>(io: T): T {
  const prompt = io.prompt?.bind(io);
  return {
    ...io,
    stdout: (line: string) => io.stdout(terminalText(line)),
    stderr: (line: string) => io.stderr(terminalText(line)),
    ...(prompt ? { prompt: (question: string) => prompt(terminalText(question)) } : {}),
  };
}

/** The translator of `io`: the commands' one way to ask. */
export const translatorOf = (io: CliIo): Translate => io.t ?? english;

/** Exit codes shared by every command: admins script against them. */
export const EXIT = { ok: 0, problems: 1, usage: 2 } as const;
