import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCheckCommand } from '../../../src/cli/check';
import { runExportCommand } from '../../../src/cli/export';
import { readInputFile, writeOutputFile } from '../../../src/cli/files';
import { runApplyCommand, runPlanCommand } from '../../../src/cli/plan-apply';
import { runReportCommand } from '../../../src/cli/report';
import { runReprocessCommand } from '../../../src/cli/reprocess';
import { runUndoCommand } from '../../../src/cli/undo';
import { startTenant, type TestTenant } from '../fixtures/test-tenant';
import { capturedIo } from '../fixtures/captured-io';
import { atScale } from '../fixtures/scale';

const posix = process.platform !== 'win32';
/** One line on stderr, no stack trace. */
const oneClearLine = (err: readonly string[]) => {
  assert.ok(err.length >= 1, 'something is said');
  assert.ok(!/\n\s+at /.test(err.join('\n')), `no stack trace: ${err.join('\n')}`);
};

describe('CLI paths: clear messages, bounded reads, no overwrite without --force, no link followed', () => {
  let t: TestTenant;
  let dir: string;
  let env: Record<string, string>;
  beforeEach(async () => {
    t = await startTenant();
    dir = mkdtempSync(join(tmpdir(), 'licenses-paths-'));
    env = { LICENSES_GRAPH_URL: t.emulator.baseUrl, LICENSES_ACCESS_TOKEN: t.emulator.token };
  });
  afterEach(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('export --output to a folder, a missing folder, an existing file: a message each, before reading the tenant', async () => {
    for (const [output, said] of [
      [dir, /is a folder: give a file name in it/],
      [join(dir, 'missing', 'x.licenses'), /the folder .*missing does not exist/],
    ] as const) {
      const io = capturedIo();
      assert.equal(await runExportCommand(['--output', output], io, { env }), 2);
      assert.match(io.err.join('\n'), said);
      oneClearLine(io.err);
    }
    const existing = join(dir, 'mine.licenses');
    writeFileSync(existing, 'my own edits\n');
    const io = capturedIo();
    assert.equal(await runExportCommand(['--output', existing], io, { env }), 2);
    assert.match(io.err.join('\n'), /mine\.licenses exists already: pass --force to replace it/);
    assert.equal(readFileSync(existing, 'utf8'), 'my own edits\n');
    assert.equal(t.emulator.stats.requests, 0, 'the tenant was not read for nothing');
    assert.equal(await runExportCommand(['--output', existing, '--force'], capturedIo(), { env }), 0);
    assert.match(readFileSync(existing, 'utf8'), /^# Licenses of/);
  });

  it('report --output and --reclaim never overwrite an existing file without --force', async () => {
    const existing = join(dir, 'report.md');
    writeFileSync(existing, 'keep\n');
    const io = capturedIo();
    assert.equal(await runReportCommand(['--output', existing], io, { env }), 2);
    assert.equal(readFileSync(existing, 'utf8'), 'keep\n');
    assert.equal(await runReportCommand(['--output', existing, '--force'], capturedIo(), { env }), 0);
    assert.notEqual(readFileSync(existing, 'utf8'), 'keep\n');
  });

  it('plan --redundant-direct never overwrites an existing file without --force', async () => {
    const list = join(dir, 'g.licenses');
    writeFileSync(list, 'assign ENTERPRISEPACK\ngroup All Sales\n');
    const existing = join(dir, 'redundant.licenses');
    writeFileSync(existing, 'keep\n');
    const io = capturedIo();
    const code = await runPlanCommand([list, '--redundant-direct', existing], io, { env });
    if (io.err.some((l) => /redundant direct/.test(l) || /exists already/.test(l))) {
      assert.equal(code, 2, io.err.join('\n'));
      assert.match(io.err.join('\n'), /exists already: pass --force/);
      assert.equal(readFileSync(existing, 'utf8'), 'keep\n');
    }
  });

  it('a planted symbolic link at the output or the journal is refused, not followed', async function () {
    if (!posix) this.skip();
    const victim = join(dir, 'victim.txt');
    writeFileSync(victim, 'precious\n');
    const link = join(dir, 'out.licenses');
    symlinkSync(victim, link);
    const io = capturedIo();
    assert.equal(await runExportCommand(['--output', link, '--force'], io, { env }), 2);
    assert.match(io.err.join('\n'), /is a symbolic link: it is not followed/);
    const dangling = join(dir, 'dangling.licenses');
    symlinkSync(join(dir, 'nowhere', 'x'), dangling);
    assert.equal(await writeOutputFile(dangling, 'x', capturedIo(), { force: true }), false);
    assert.equal(existsSync(join(dir, 'nowhere')), false);

    const licenses = join(dir, 'a.licenses');
    writeFileSync(licenses, 'assign MCOEV\nalice@contoso.com\n');
    const journalLink = join(dir, 'j.jsonl');
    symlinkSync(victim, journalLink);
    const apply = capturedIo();
    const code = await runApplyCommand([licenses, '--yes', '--journal', journalLink], apply, { env });
    assert.notEqual(code, 0);
    assert.equal(readFileSync(victim, 'utf8'), 'precious\n', 'nothing appended through the link');
    assert.equal(t.emulator.stats.writes, 0, 'no journal, no write');
  });

  it('/dev/full as an output: a clear message about space, no stack trace', async function () {
    if (!existsSync('/dev/full')) this.skip();
    const io = capturedIo();
    assert.equal(await writeOutputFile('/dev/full', 'x', io), false);
    assert.match(io.err.join('\n'), /exists already: pass --force/);
    const forced = capturedIo();
    assert.equal(await writeOutputFile('/dev/full', 'x', forced, { force: true }), false);
    assert.match(forced.err.join('\n'), /not a regular file/);
  });

  it('undo, reprocess and --retry-failed on /dev/zero or a huge file: a size bound and a message, no RangeError', async function () {
    const huge = join(dir, 'huge.jsonl');
    writeFileSync(huge, '');
    const { truncateSync } = await import('node:fs');
    truncateSync(huge, 300 * 1024 * 1024); // sparse: 300 MiB on paper, nothing on disk
    const inputs = existsSync('/dev/zero') ? [huge, '/dev/zero', dir] : [huge, dir];
    for (const journal of inputs) {
      const undo = capturedIo();
      assert.equal(await runUndoCommand([journal, '--output', join(dir, 'u.licenses')], undo, { env }), 2);
      assert.match(undo.err.join('\n'), /cannot read: (larger than 256 MiB|not a regular file)/);
      const reprocess = capturedIo();
      assert.equal(await runReprocessCommand([journal], reprocess, { env }), 2);
      assert.match(reprocess.err.join('\n'), /cannot read: (larger than 256 MiB|not a regular file)/);
      const retry = capturedIo();
      assert.equal(await runApplyCommand(['--retry-failed', journal, '--yes'], retry, { env }), 2);
      assert.match(retry.err.join('\n'), /cannot read: (larger than 256 MiB|not a regular file)/);
    }
  });

  it('check on /dev/urandom or a huge file: a bounded read and a message', async function () {
    const io = capturedIo();
    const big = join(dir, 'big.licenses');
    writeFileSync(big, 'x'.repeat(2048));
    assert.equal(await readInputFile(big, io, 1024), undefined);
    assert.match(io.err.join('\n'), /is larger than 0 MiB|is larger than/);
    if (!existsSync('/dev/urandom')) return;
    // A device says size 0 and never ends: the read stops at the bound. The unit stage reads 1 MiB of it; the
    // scale stage has `check` read its whole 64 MiB.
    const device = capturedIo();
    assert.equal(await readInputFile('/dev/urandom', device, 1024 * 1024), undefined);
    assert.match(device.err.join('\n'), /\/dev\/urandom is larger than 1 MiB/);
    if (atScale()) {
      const check = capturedIo();
      assert.equal(await runCheckCommand(['/dev/urandom'], check), 2);
      assert.match(check.err.join('\n'), /\/dev\/urandom is larger than 64 MiB/);
    }
    const folder = capturedIo();
    await runCheckCommand([dir], folder);
    assert.match(folder.err.join('\n'), /is a folder: give a file/);
  });
});
