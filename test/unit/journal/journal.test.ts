import * as assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyPlan } from '../../../src/core/run/apply';
import {
  JournalWriter,
  readJournal,
  tenantMismatch,
  usersToRetry,
  type ResultSink,
} from '../../../src/core/journal/journal';
import { planLicenses } from '../../../src/core/run/read-and-plan';
import type { JournalEntry } from '../../../src/core/results/user-result';
import {
  bulkUser,
  resultOf,
  run,
  startTenant,
  UPN,
  wants,
  type TestTenant,
  sharedDemoTenant,
} from '../fixtures/test-tenant';

describe('engine: results journal (JSON Lines) and retry from it', () => {
  let t: TestTenant;
  let dir: string;
  beforeEach(async () => {
    t = await startTenant();
    dir = mkdtempSync(join(tmpdir(), 'licenses-journal-'));
  });
  afterEach(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('each result is on disk before it is announced, after a header naming the files, the tenant and the time', async () => {
    const path = join(dir, 'run.jsonl');
    const journal = await JournalWriter.open(path, {
      files: ['a.licenses'],
      tenant: 'test tenant',
      startedAt: '2025-01-01T00:00:00.000Z',
    });
    const onDiskWhenAnnounced: boolean[] = [];
    await run(
      t.connection,
      [
        wants('alice', { assign: ['MCOEV'] }),
        wants('ghost', { assign: ['MCOEV'] }),
        wants('megan.bowen', { assign: ['SPE_E5'] }),
      ],
      {
        sink: journal,
        onResult: (r) =>
          onDiskWhenAnnounced.push(
            readFileSync(path, 'utf8')
              .split('\n')
              .some((l) => l.includes(`"user":"${r.user}"`) && l.includes(`"outcome":"${r.outcome}"`)),
          ),
      },
    );
    await journal.close();
    assert.deepEqual(onDiskWhenAnnounced, [true, true, true]);
    const lines = readFileSync(path, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.deepEqual(lines[0], {
      journal: 'm365-licenses',
      version: 1,
      files: ['a.licenses'],
      tenant: 'test tenant',
      startedAt: '2025-01-01T00:00:00.000Z',
    });
    // Header; users settled without a write (ghost not found, megan already holds SPE_E5); a `pending`
    // line for the one user about to be sent, before any write; then its result.
    assert.deepEqual(
      lines.slice(1).map((l) => `${l.user.split('@')[0]} ${l.outcome}`),
      ['ghost failed', 'megan.bowen unchanged', 'alice pending', 'alice changed'],
    );
    const ghost = lines.find((l) => l.user === UPN('ghost'));
    assert.equal(ghost.error.code, 'Request_ResourceNotFound');
    assert.deepEqual(ghost.desired.assign, [{ sku: 'MCOEV' }], 'a failed line carries what the file wanted');
    assert.equal(
      lines.find((l) => l.user === UPN('alice') && l.outcome === 'changed').desired,
      undefined,
      'a changed line does not need to',
    );
  });

  it('a run that dies before Graph answers leaves its users pending in the journal, and retry picks them up', async () => {
    const path = join(dir, 'crashed.jsonl');
    const journal = await JournalWriter.open(path, {
      files: ['a.licenses'],
      tenant: 'test tenant',
      startedAt: '2025-01-01T00:00:00.000Z',
    });
    // The process "dies" right after the pending lines reach the disk: nothing after them is written.
    const dying: ResultSink = {
      async append(lines) {
        await journal.append(lines);
        if (lines.some((l) => l.outcome === 'pending')) throw new Error('process killed');
      },
    };
    const users = ['lidia.holloway', 'lynne.robbins'].map((u) => wants(u, { assign: ['MCOMEETADV'] }));
    const writesBefore = t.emulator.stats.writes;
    await run(t.connection, users, { sink: dying });
    await journal.close();
    assert.equal(t.emulator.stats.writes, writesBefore, 'nothing is sent once the journal cannot keep up');
    const retry = usersToRetry(await readJournal(path));
    assert.deepEqual(
      retry.map((u) => u.user).sort(),
      users.map((u) => u.user).sort(),
      'users with no answer on disk are retried, not forgotten',
    );
  });

  it('"retry the failed users" works from the journal alone, and touches nobody else', async () => {
    const path = join(dir, 'first.jsonl');
    const users = ['alice', 'christie.cline', 'debra.berger', 'emily.braun'].map((u) =>
      wants(u, { assign: ['MCOEV'] }),
    );
    const planned = await planLicenses(t.connection, users);
    assert.equal(planned.kind, 'planned');
    if (planned.kind !== 'planned') return;
    // Seats run out between the plan and the run: two users will be refused by Graph.
    const phone = t.emulator.tenant.findSku('MCOEV')!;
    const bought = phone.prepaidUnits.enabled;
    phone.prepaidUnits.enabled = phone.consumedUnits + 2;
    const journal = await JournalWriter.open(path, {
      files: ['phone.licenses'],
      tenant: 'test tenant',
      startedAt: new Date().toISOString(),
    });
    const first = await applyPlan(t.connection, planned.plan, { sink: journal, verify: false });
    await journal.close();
    assert.equal(first.summary.failed, 2);

    phone.prepaidUnits.enabled = bought; // more seats bought
    t.emulator.resetStats();
    const retry = usersToRetry(await readJournal(path));
    assert.equal(retry.length, 2);
    const second = await run(t.connection, retry);
    assert.equal(second.summary.changed, 2);
    assert.equal(t.emulator.stats.writes, 2, 'only the failed users were written');
  });

  it('a torn last line (a crash mid-write) is skipped; the latest line per user wins', async () => {
    const path = join(dir, 'torn.jsonl');
    const entry = (user: string, outcome: JournalEntry['outcome']): JournalEntry => ({
      user,
      outcome,
      added: [],
      removed: [],
      at: '2026-12-07T10:00:00.000Z',
      desired: wants(user, { assign: ['MCOEV'] }),
    });
    const journal = await JournalWriter.open(path, { files: [], tenant: 'x', startedAt: '2026-12-07T10:00:00.000Z' });
    await journal.append([entry(UPN('a'), 'failed'), entry(UPN('b'), 'skipped'), entry(UPN('c'), 'changed')]);
    await journal.append([entry(UPN('a'), 'changed')]);
    await journal.close();
    appendFileSync(path, '{"user":"d@contoso.com","outco');
    const read = await readJournal(path);
    assert.equal(read.damagedLines, 1);
    assert.deepEqual(
      usersToRetry(read).map((d) => d.user),
      [UPN('b')],
      'a, failed then changed, is done; skipped b is retried',
    );
  });

  it('a journal that cannot be written stops the run from starting new writes: unrecorded answers are not risked', async () => {
    const big = await startTenant({ tenant: sharedDemoTenant({ users: 400 }), concurrency: 1 });
    try {
      let appends = 0;
      const failing = {
        append: async () => {
          if (++appends > 1) throw new Error('ENOSPC: no space left on device');
        },
      };
      const report = await run(
        big.connection,
        Array.from({ length: 60 }, (_, i) => wants(bulkUser(i + 1), { assign: ['MCOEV'] })),
        { sink: failing },
      );
      assert.match(report.journalError ?? '', /ENOSPC/);
      assert.equal(report.summary.cancelled, true);
      assert.ok(report.summary.skipped >= 20, `${report.summary.skipped} skipped`);
      assert.equal(big.emulator.stats.writes, report.summary.changed);
      assert.equal(resultOf(report, bulkUser(60)).outcome, 'skipped');
    } finally {
      await big.close();
    }
  });
});

describe('engine: a journal is replayed only against the tenant it was written for', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'licenses-journal-tenant-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const FABRIKAM_ID = '933c05dd-55ce-53a4-a3a1-6b7c6aa6ce0d';
  const journalOf = async (tenantId: string) => {
    const path = join(dir, `${tenantId.replace(/\W/g, '')}.jsonl`);
    const header = { files: ['a.licenses'], tenant: 'fabrikam.onmicrosoft.com (demo tenant)', tenantId };
    const writer = await JournalWriter.open(path, { ...header, startedAt: '2025-01-01T00:00:00.000Z' });
    await writer.close();
    return readJournal(path);
  };

  it('the demo’s customer named by its id (demo:<id>, as VS Code’s demo session says) is the customer recorded by id', async () => {
    const byId = await journalOf(FABRIKAM_ID);
    const label = 'x (demo tenant)';
    assert.equal(tenantMismatch(byId, { label, id: `demo:${FABRIKAM_ID.toUpperCase()}` }), undefined);
    assert.match(tenantMismatch(byId, { label, id: 'demo:0f1e2d3c-0000-4000-8000-000000000000' }) ?? '', /written for/);
    // A name that is not an id says nothing of the id.
    assert.match(tenantMismatch(byId, { label, id: 'demo:fabrikam.onmicrosoft.com' }) ?? '', /written for/);
    // The CLI's demo customer: its id, its older names as aliases.
    const older = await journalOf('demo:fabrikam.onmicrosoft.com');
    const customer = { label, id: FABRIKAM_ID, aliases: ['demo:fabrikam.onmicrosoft.com', `demo:${FABRIKAM_ID}`] };
    assert.equal(tenantMismatch(older, customer), undefined);
    assert.equal(tenantMismatch(byId, customer), undefined);
  });
});
