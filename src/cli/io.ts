import { english, type Translate } from '../core/text/translate';
import { cliTranslator } from './translator';

/** Where a CLI command writes: the real process streams, or a buffer in tests. */
export interface CliIo {
  stdout(line: string): void;
  stderr(line: string): void;
  /** The language of what is written (from LC_ALL, LC_MESSAGES, LANG for the real streams); English when absent. */
  readonly t?: Translate;
}

export const processIo: CliIo = {
  stdout: (line) => process.stdout.write(`${line}\n`),
  stderr: (line) => process.stderr.write(`${line}\n`),
  t: cliTranslator(),
};

/** The translator of `io`: the commands' one way to ask. */
export const translatorOf = (io: CliIo): Translate => io.t ?? english;

/** Exit codes shared by every command: admins script against them. */
export const EXIT = { ok: 0, problems: 1, usage: 2 } as const;
