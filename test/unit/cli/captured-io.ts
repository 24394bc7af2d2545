import type { PlanApplyIo } from '../../../src/cli/plan-apply';

/** The CLI's streams kept as lines, for the tests of every command. */
export interface CapturedIo extends PlanApplyIo {
  readonly out: string[];
  readonly err: string[];
}

/** `answer`: what the confirmation prompt is answered; without it there is no terminal to ask on. */
export function capturedIo(answer?: string): CapturedIo {
  const io: CapturedIo & { prompt?: PlanApplyIo['prompt'] } = {
    out: [],
    err: [],
    stdout: (l) => io.out.push(l),
    stderr: (l) => io.err.push(l),
  };
  if (answer !== undefined) io.prompt = async () => answer;
  return io;
}
