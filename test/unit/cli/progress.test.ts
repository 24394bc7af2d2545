import * as assert from 'node:assert/strict';
import { english } from '../../../src/core/text/translate';
import { cliTranslator } from '../../../src/cli/translator';
import { formatDuration, ProgressLine, type LiveTerminal } from '../../../src/cli/display/progress';
import { capturedIo } from '../fixtures/captured-io';

/** A terminal that keeps what was written, and what the admin would see on its last line. */
function fakeTerminal(columns?: number): LiveTerminal & { writes: string[]; screen(): string } {
  const writes: string[] = [];
  return {
    writes,
    columns,
    write: (text) => void writes.push(text),
    // What `\r` and erase-to-end leave on the line: the text after the last carriage return.
    screen: () => (writes.at(-1) ?? '').replace(/^\r/, '').replace(/\x1b\[K$/, ''),
  };
}

describe('the live counter of a run on a terminal', () => {
  it('rewrites one line in place: "1,234 of 2,000 · 3 failed · ETA 0:19"', () => {
    const terminal = fakeTerminal();
    let now = 0;
    const line = new ProgressLine(terminal, english, () => now);
    line.startWriting();
    now = 30_000;
    line.writing(1_234, 2_000, 3);
    // 1,234 answered in 30 s: 766 more at the same rate take about 19 s.
    assert.equal(terminal.screen(), '1,234 of 2,000 · 3 failed · ETA 0:19');
    assert.ok(
      terminal.writes.every((w) => w.startsWith('\r') && w.endsWith('\x1b[K')),
      'rewritten, never a new line',
    );
    assert.ok(terminal.writes.every((w) => !w.includes('\n')));
  });

  it('redraws at most every 100 ms, but always shows the last count', () => {
    const terminal = fakeTerminal();
    let now = 0;
    const line = new ProgressLine(terminal, english, () => now);
    for (let done = 1; done < 2_000; done++) line.writing(done, 2_000, 0);
    assert.equal(terminal.writes.length, 1, '1,999 answers in the same instant: one redraw');
    now = 50;
    line.writing(2_000 - 1, 2_000, 0);
    assert.equal(terminal.writes.length, 1);
    line.writing(2_000, 2_000, 0);
    assert.equal(terminal.screen(), '2,000 of 2,000', 'the end is drawn whatever the time');
  });

  it('says no ETA before a second has passed, and none once done', () => {
    const terminal = fakeTerminal();
    let now = 0;
    const line = new ProgressLine(terminal, english, () => now);
    line.startWriting();
    now = 500;
    line.writing(10, 100, 0);
    assert.equal(terminal.screen(), '10 of 100');
    now = 2_000;
    line.writing(50, 100, 1);
    assert.equal(terminal.screen(), '50 of 100 · 1 failed · ETA 0:02');
  });

  it('counts users while they are read, before any write', () => {
    const terminal = fakeTerminal();
    let now = 0;
    const line = new ProgressLine(terminal, english, () => now);
    line.reading(0, 20_000);
    now = 200;
    line.reading(9_990, 20_000);
    assert.equal(terminal.screen(), 'Reading users: 9,990 of 20,000');
  });

  it('prints the lines of the run above the counter, then draws it again', () => {
    const terminal = fakeTerminal();
    const io = capturedIo();
    const line = new ProgressLine(terminal, english, () => 0);
    const out = line.io(io);
    line.writing(1, 3, 0);
    out.stdout('✗ bob@contoso.com [Request_BadRequest] …');
    assert.deepEqual(terminal.writes, ['\r1 of 3\x1b[K', '\r\x1b[K', '\r1 of 3\x1b[K']);
    assert.deepEqual(io.out, ['✗ bob@contoso.com [Request_BadRequest] …']);
    line.finish();
    assert.equal(terminal.writes.at(-1), '\r\x1b[K', 'taken off before the summary');
  });

  it('is cut to the terminal width, so that the carriage return rewrites it whole', () => {
    const terminal = fakeTerminal(12);
    const line = new ProgressLine(terminal, english, () => 0);
    line.writing(1_234, 2_000, 3);
    assert.equal(terminal.screen(), '1,234 of 2,');
  });

  it('speaks French: "1 234 sur 2 000 · 3 en échec · reste 0:19"', () => {
    const terminal = fakeTerminal();
    let now = 0;
    const line = new ProgressLine(terminal, cliTranslator({ LANG: 'fr_FR.UTF-8' }), () => now);
    line.startWriting();
    now = 30_000;
    line.writing(1_234, 2_000, 3);
    assert.equal(terminal.screen().replace(/\s/g, ' '), '1 234 sur 2 000 · 3 en échec · reste 0:19');
  });

  it('without a terminal writes nothing and leaves the lines as they are', () => {
    const io = capturedIo();
    const line = new ProgressLine(undefined, english, () => 0);
    assert.equal(line.io(io), io);
    line.writing(1, 2, 0);
    line.finish();
    assert.equal(line.active, false);
  });

  it('writes durations as a clock does', () => {
    assert.deepEqual([0, 42_000, 61_000, 3_599_000, 3_723_000].map(formatDuration), [
      '0:00',
      '0:42',
      '1:01',
      '59:59',
      '1:02:03',
    ]);
  });
});
