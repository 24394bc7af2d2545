/** Where a CLI command writes: the real process streams, or a buffer in tests. */
export interface CliIo {
  stdout(line: string): void;
  stderr(line: string): void;
}

export const processIo: CliIo = {
  stdout: (line) => process.stdout.write(`${line}\n`),
  stderr: (line) => process.stderr.write(`${line}\n`),
};

/** Exit codes shared by every command: admins script against them. */
export const EXIT = { ok: 0, problems: 1, usage: 2 } as const;
