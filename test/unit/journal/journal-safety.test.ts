import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { runApplyCommand } from '../../../src/cli/plan-apply';
import { fromAbortSignal } from '../../../src/core/graph/cancellation';
import { JournalWriter, readJournal, usersToRetry } from '../../../src/core/journal/journal';
import { checkJournalLine } from '../../../src/core/journal/journal-lines';
import { planLicenses } from '../../../src/core/run/read-and-plan';
import { runLicenses } from '../../../src/core/run/run-licenses';
import { startTenant, UPN, wants, type TestTenant } from '../fixtures/test-tenant';
import { capturedIo } from '../fixtures/captured-io';
import { propertyRuns } from '../fixtures/scale';
import { CRAFTED, desired, failed, HEADER } from '../fixtures/crafted-journal';

describe('engine: journals that cannot be corrupted or raced', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'licenses-journal-safety-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('a crafted or damaged line is skipped and reported with its line number; the good lines still retry', async () => {
    const path = join(dir, 'crafted.jsonl');
    writeFileSync(path, `${CRAFTED.join('\n')}\n`);
    const journal = await readJournal(path);
    assert.equal(journal.headers.length, 1);
    assert.deepEqual(
      journal.damaged.map((d) => d.line),
      [2, 3, 4, 5, 6, 8],
    );
    assert.match(journal.damaged.find((d) => d.line === 5)!.reason, /assign/);
    assert.match(journal.damaged.find((d) => d.line === 6)!.reason, /"user"/);
    assert.deepEqual(usersToRetry(journal), [desired(UPN('alice'))]);
  });

  const garbledLines = () => {
    const anyField = fc.oneof(
      fc.anything(),
      fc.string(),
      fc.constantFrom('failed', 'skipped', 'pending', 'changed', 'm365-licenses'),
    );
    const entryLike = fc.record(
      {
        user: fc.oneof(fc.emailAddress(), anyField),
        outcome: anyField,
        added: fc.oneof(fc.array(fc.string()), anyField),
        removed: fc.oneof(fc.array(fc.string()), anyField),
        desired: fc.oneof(
          anyField,
          fc.record(
            {
              user: anyField,
              line: fc.oneof(fc.integer(), anyField),
              assign: fc.oneof(fc.array(fc.record({ sku: anyField })), anyField),
              remove: fc.oneof(fc.array(fc.string()), anyField),
              onPremisesPstn: fc.oneof(fc.boolean(), anyField),
            },
            { requiredKeys: [] },
          ),
        ),
        journal: anyField,
      },
      { requiredKeys: [] },
    );
    const line = fc.oneof(
      fc.string(),
      fc.json(),
      entryLike.map((v) => JSON.stringify(v)),
      entryLike.map((v) => JSON.stringify(v).slice(0, -3)),
    );
    return { line };
  };

  it('no line, however garbled, makes the reader throw; what it hands to retry is always a complete user', () => {
    const { line } = garbledLines();
    fc.assert(
      fc.property(line, (text) => {
        const checked = checkJournalLine(text);
        if (checked.kind !== 'entry' || !('desired' in checked.entry) || !checked.entry.desired) return;
        const d = checked.entry.desired;
        assert.equal(typeof d.user, 'string');
        assert.ok(Array.isArray(d.assign) && d.assign.every((a) => typeof a.sku === 'string'));
        assert.ok(Array.isArray(d.remove) && d.remove.every((r) => typeof r === 'string'));
      }),
      { numRuns: propertyRuns(2000) },
    );
  });

  it('a whole journal of garbled lines is read without throwing, every bad line counted once', async () => {
    const { line } = garbledLines();
    const path = join(dir, 'garbled.jsonl');
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          line.filter((l) => !/[\r\n]/.test(l) && l.trim() !== ''),
          { maxLength: 30 },
        ),
        async (lines) => {
          writeFileSync(path, [HEADER, ...lines].join('\n'));
          const journal = await readJournal(path);
          const entries = lines.filter((l) => checkJournalLine(l).kind === 'bad').length;
          assert.equal(journal.damaged.length, entries);
          for (const d of usersToRetry(journal)) assert.ok(Array.isArray(d.assign) && Array.isArray(d.remove));
        },
      ),
      { numRuns: propertyRuns(100) },
    );
  });

  it('the header and the pending lines reach the disk in one append, before the first write, and pending lines are not written twice', async () => {
    const t = await startTenant();
    try {
      const path = join(dir, 'run.jsonl');
      const users = ['alice', 'christie.cline'].map((u) => wants(u, { assign: ['MCOEV'] }));
      let retryWhenJournalOpened: string[] = [];
      let writesWhenJournalOpened = -1;
      const outcome = await runLicenses({
        connection: t.connection,
        tenant: { label: 'test tenant', id: 'test' },
        files: ['a.licenses'],
        plan: () => planLicenses(t.connection, users),
        journal: { path },
        lockFolder: dir,
        verify: false,
        // A crash here, before any write, used to leave a journal with a header and no users.
        onJournal: async () => {
          writesWhenJournalOpened = t.emulator.stats.writes;
          retryWhenJournalOpened = usersToRetry(await readJournal(path)).map((u) => u.user);
        },
      });
      assert.equal(outcome.kind, 'applied');
      assert.equal(writesWhenJournalOpened, 0);
      assert.deepEqual(
        retryWhenJournalOpened.sort(),
        users.map((u) => u.user).sort(),
        'a crash before the first write leaves every user to retry',
      );
      const lines = readFileSync(path, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      assert.deepEqual(lines.map((l) => l.outcome ?? 'header').slice(0, 3), ['header', 'pending', 'pending']);
      assert.equal(lines.filter((l) => l.outcome === 'pending').length, 2, 'one pending line per user');
      assert.equal(lines.filter((l) => l.outcome === 'changed').length, 2);
      assert.equal(lines[0].tenantId, 'test');
    } finally {
      await t.close();
    }
  });

  it('a run cancelled before its first write (here, while the admin is asked) leaves no journal and writes nothing', async () => {
    const t = await startTenant();
    try {
      const controller = new AbortController();
      const path = join(dir, 'never.jsonl');
      const outcome = await runLicenses({
        connection: t.connection,
        tenant: { label: 'test tenant', id: 'test' },
        files: ['a.licenses'],
        plan: () => planLicenses(t.connection, [wants('alice', { assign: ['MCOEV'] })]),
        journal: { path },
        lockFolder: dir,
        cancellation: fromAbortSignal(controller.signal),
        confirm: async () => {
          controller.abort();
          return true;
        },
      });
      assert.equal(outcome.kind, 'cancelled');
      assert.equal(existsSync(path), false);
      assert.equal(t.emulator.stats.writes, 0);
    } finally {
      await t.close();
    }
  });

  it('journals the run names itself are unique: two runs started at once get two files, each with one header', async () => {
    const t = await startTenant();
    try {
      const runOne = (user: string, file: string) =>
        runLicenses({
          connection: t.connection,
          tenant: { label: 'test tenant', id: 'test' },
          files: [file],
          plan: () => planLicenses(t.connection, [wants(user, { assign: ['MCOEV'] })]),
          journal: { folder: join(dir, 'results'), name: 'same.licenses' },
          lockFolder: dir,
          verify: false,
        });
      const [a, b] = await Promise.all([runOne('alice', 'a.licenses'), runOne('christie.cline', 'b.licenses')]);
      assert.ok(a.kind === 'applied' && b.kind === 'applied');
      assert.notEqual(a.journal, b.journal);
      for (const j of [a.journal, b.journal])
        assert.equal(
          readFileSync(j, 'utf8')
            .split('\n')
            .filter((l) => l.includes('"journal":"m365-licenses"')).length,
          1,
        );
      assert.match(a.journal, /licenses-results-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z-same-[0-9a-f]{6}\.jsonl$/);
      await assert.rejects(
        JournalWriter.open(
          a.journal,
          { files: [], tenant: 'x', startedAt: '2026-12-07T10:00:00.000Z' },
          { exclusive: true },
        ),
        /EEXIST/,
      );
    } finally {
      await t.close();
    }
  });

  describe('retry checks the tenant', () => {
    let t: TestTenant;
    let env: Record<string, string>;
    beforeEach(async () => {
      t = await startTenant();
      env = { LICENSES_GRAPH_URL: t.emulator.baseUrl, LICENSES_ACCESS_TOKEN: t.emulator.token };
    });
    afterEach(() => t.close());

    it('a journal written for another tenant is refused before anything is read or written', async () => {
      const licenses = join(dir, 'phone.licenses');
      writeFileSync(licenses, 'assign MCOEV\nalice@contoso.com\ncarol@contoso.com\n');
      const first = join(dir, 'first.jsonl');
      assert.equal(
        await runApplyCommand([licenses, '--yes', '--journal', first], capturedIo(), { env, lockFolder: dir }),
        1,
      );
      const header = JSON.parse(readFileSync(first, 'utf8').split('\n')[0]);
      assert.equal(header.tenantId, t.emulator.baseUrl);
      t.emulator.tenant.findUser(UPN('carol'))!.usageLocation = 'US';

      const other = join(dir, 'other.jsonl');
      writeFileSync(
        other,
        readFileSync(first, 'utf8').replace(
          `"tenantId":"${t.emulator.baseUrl}"`,
          '"tenantId":"0d5f3c5e-1111-4c3a-9e0e-000000000000"',
        ),
      );
      t.emulator.resetStats();
      const io = capturedIo();
      assert.equal(
        await runApplyCommand(['--retry-failed', other, '--yes', '--journal', join(dir, 'r.jsonl')], io, {
          env,
          lockFolder: dir,
        }),
        2,
      );
      assert.match(
        io.err.join('\n'),
        /not retried: the journal was written for .*0d5f3c5e-1111-4c3a-9e0e-000000000000.*but the tenant now is/,
      );
      assert.equal(t.emulator.stats.requests, 0);

      // The same journal against its own tenant retries carol.
      const same = capturedIo();
      assert.equal(
        await runApplyCommand(['--retry-failed', first, '--yes', '--journal', join(dir, 'r2.jsonl')], same, {
          env,
          lockFolder: dir,
        }),
        0,
        same.err.join('\n'),
      );
      assert.deepEqual(same.out.slice(0, 1), ['✓ carol@contoso.com +MCOEV (Microsoft Teams Phone Standard)']);
    });

    it('an older journal without tenantId is compared by its label', async () => {
      const old = join(dir, 'old.jsonl');
      writeFileSync(
        old,
        `${JSON.stringify({ journal: 'm365-licenses', version: 1, files: [], tenant: 'admin@fabrikam.com (fabrikam tenant)', startedAt: '' })}\n${failed(UPN('alice'))}\n`,
      );
      const io = capturedIo();
      assert.equal(
        await runApplyCommand(['--retry-failed', old, '--yes', '--journal', join(dir, 'r.jsonl')], io, {
          env,
          lockFolder: dir,
        }),
        2,
      );
      assert.match(io.err.join('\n'), /fabrikam/);
      assert.equal(t.emulator.stats.writes, 0);
    });
  });
});
