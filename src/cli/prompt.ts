import { createInterface } from 'node:readline';
import { terminalText } from '../core/text/tenant-text';

/** A yes/no question on the terminal; undefined when there is none to ask on (CI, a pipe). */
export function terminalPrompt(): ((question: string) => Promise<string | undefined>) | undefined {
  if (!process.stdin.isTTY) return undefined;
  return (question) =>
    new Promise((resolve) => {
      const rl = createInterface({ input: process.stdin, output: process.stderr });
      // Ctrl-C at the question is a "no", not a hang.
      rl.on('SIGINT', () => rl.close());
      // The question holds tenant text (group names): shown, never obeyed as escape sequences.
      rl.question(terminalText(question), (answer) => {
        rl.close();
        resolve(answer);
      });
      rl.once('close', () => resolve(undefined));
    });
}
