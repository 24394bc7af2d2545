import { JournalWriter } from '../../../src/core/journal/journal';
import { journalLineProblems } from './journal-schema';

/**
 * A mocha root hook (loaded by .mocharc.json): every line any unit test makes JournalWriter write is
 * validated against docs/journal.schema.json. Journals are written by one method, so watching it
 * sees them all: pending lists, results, verifications, groups, members in error. A line outside the
 * schema fails the run once every test has run, naming the test that wrote it and the field. The
 * unit stage runs in parallel (.mocharc.json): each worker loads this hook and runs its root
 * `afterAll` after each file, so a line is reported once, after the file whose test wrote it.
 */
type Writer = { write(lines: readonly object[]): Promise<void> };
const writer = JournalWriter.prototype as unknown as Writer;
const write = writer.write;
const problems: string[] = [];
let current = '(outside a test)';
writer.write = function (this: Writer, lines: readonly object[]) {
  for (const line of lines) {
    const wrong = journalLineProblems(JSON.parse(JSON.stringify(line)));
    if (wrong.length) problems.push(`${current}\n  ${JSON.stringify(line).slice(0, 240)}\n  ${wrong.join('; ')}`);
  }
  return write.call(this, lines);
};

export const mochaHooks = {
  beforeEach(this: Mocha.Context): void {
    current = this.currentTest?.fullTitle() ?? current;
  },
  afterAll(): void {
    const found = problems.splice(0);
    if (found.length)
      throw new Error(`journal lines outside docs/journal.schema.json (docs/journal.md):\n${found.join('\n')}`);
  },
};
