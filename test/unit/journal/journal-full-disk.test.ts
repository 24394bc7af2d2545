import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { appendFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runApplyCommand } from '../../../src/cli/plan-apply';
import { runUndoCommand } from '../../../src/cli/undo';
import { JournalWriter, type JournalFile } from '../../../src/core/journal/journal';
import { retryFromJournal } from '../../../src/core/journal/retry-journal';
import type { PendingEntry } from '../../../src/core/results/user-result';
import { capturedIo } from '../fixtures/captured-io';
import { startTenant, UPN, wants, type TestTenant } from '../fixtures/test-tenant';

/** A file system that has `room` bytes left: what fits is written, then ENOSPC, as a full disk does. */
function fullAfter(path: string, room: number) {
  let used = 0;
  return (real: JournalFile): JournalFile => ({
    async appendFile(text) {
      const bytes = Buffer.from(text, 'utf8');
      const fits = Math.max(0, Math.min(bytes.length, room - used));
      if (fits > 0) await appendFile(path, bytes.subarray(0, fits));
      used += fits;
      if (fits < bytes.length)
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    },
    sync: () => real.sync(),
    close: () => real.close(),
  });
}

const pending = (n: number): PendingEntry => ({
  user: `user${n}@contoso.com`,
  outcome: 'pending',
  at: '2026-01-01T00:00:00.000Z',
  desired: wants(`user${n}@contoso.com`, { assign: ['MCOEV'] }),
});

describe('journal: a full disk never loses users from the retry, nor blames someone else in undo', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'licenses-full-disk-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('the list of 300 users cut short by ENOSPC: appends fail, and --retry-failed refuses instead of retrying some', async () => {
    const path = join(dir, 'run.jsonl');
    const users = Array.from({ length: 300 }, (_, i) => pending(i));
    const writer = await JournalWriter.open(
      path,
      { files: ['/x/all.licenses'], tenant: 'Contoso', tenantId: 't', startedAt: '2026-01-01T00:00:00.000Z' },
      { unread: users, exclusive: true, writer: fullAfter(path, 20_000) },
    );
    await assert.rejects(writer.append([pending(0)]), /ENOSPC/, 'no write to Graph is recorded, so none starts');
    await writer.close().catch(() => undefined);
    const listed = readFileSync(path, 'utf8')
      .split('\n')
      .filter((l) => l.includes('"pending"')).length;
    assert.ok(listed > 10 && listed < 300, `cut short: ${listed} listed`);
    const retry = await retryFromJournal(path);
    assert.equal(retry.kind, 'refused');
    assert.match(
      retry.kind === 'refused' ? retry.message : '',
      /lists \d+ of its 300 users \(the disk was full.*apply the files again \(\/x\/all\.licenses\)/,
    );
  });

  it('a whole list still retries as before: the header counts what follows it', async () => {
    const path = join(dir, 'ok.jsonl');
    const writer = await JournalWriter.open(
      path,
      { files: ['a.licenses'], tenant: 'Contoso', tenantId: 't', startedAt: '2026-01-01T00:00:00.000Z' },
      { pending: [pending(1), pending(2)], exclusive: true },
    );
    await writer.close();
    assert.match(readFileSync(path, 'utf8'), /"listed":2/);
    const retry = await retryFromJournal(path);
    assert.equal(retry.kind, 'retry');
    assert.equal(retry.kind === 'retry' ? retry.desired.length : 0, 2);
  });

  describe('undo after answers were lost', () => {
    let t: TestTenant;
    afterEach(async () => t.close());

    it("users whose answer was never written are restored and named, not 'changed since by someone else'", async () => {
      t = await startTenant();
      const env = { LICENSES_GRAPH_URL: t.emulator.baseUrl, LICENSES_ACCESS_TOKEN: t.emulator.token };
      const licenses = join(dir, 'e3.licenses');
      writeFileSync(licenses, `exact\nassign ENTERPRISEPACK\n${UPN('erin')}\n`);
      const journal = join(dir, 'run.jsonl');
      assert.equal(await runApplyCommand([licenses, '--yes', '--journal', journal], capturedIo(), { env }), 0);
      // The disk filled after the pending lines: the run's answers never reached the journal.
      const kept = readFileSync(journal, 'utf8')
        .split('\n')
        .filter((l) => l.includes('"journal"') || l.includes('"pending"'));
      writeFileSync(journal, `${kept.join('\n')}\n`);
      const io = capturedIo();
      const output = join(dir, 'undo.licenses');
      await runUndoCommand([journal, '--output', output], io, { env });
      const text = readFileSync(output, 'utf8');
      assert.doesNotMatch(text, /Changed since the run by someone else/);
      assert.match(text, /The journal lost the run's answer for these users/);
      assert.match(text, new RegExp(`^${UPN('erin').replace(/\./g, '\\.')}$`, 'm'), 'erin is in a block: restored');
      assert.match(io.err.join('\n'), /lost the run's answer for 1 user/);
    });
  });
});
