import * as assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type HandledRequest } from '../../../src/emulator';
import { JournalWriter, readJournal, usersToRetry } from '../../../src/core/journal/journal';
import type { DesiredUser } from '../../../src/core/desired/desired';
import {
  bulkUser,
  MemorySink,
  resultOf,
  run,
  startTenant,
  UPN,
  wants,
  type TestTenant,
  sharedDemoTenant,
} from '../fixtures/test-tenant';
import { VirtualClock } from '../fixtures/virtual-clock';

const ASSIGN_ROUTE = 'POST /users/{id}/assignLicense';
const PATCH_ROUTE = 'PATCH /users/{id}';

/**
 * The write was applied but its answer was lost (the emulator's faults.dropAfterApply: the $batch ran,
 * then the connection was destroyed). The engine sends the envelope again: adds are idempotent, a remove
 * meets "User does not have a corresponding license." and counts as done (docs/graph-notes.md §3, apply-chunk.ts).
 * Each user must end once, with the right outcome, and no seat may be counted twice.
 */
describe('engine: answers lost after Graph applied the write (emulator dropAfterApply)', () => {
  let t: TestTenant | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  const consumed = (part: string) => t!.emulator.tenant.findSku(part)!.consumedUnits;
  const direct = (user: string) => {
    const tenant = t!.emulator.tenant;
    return tenant
      .findUser(UPN(user))!
      .licenses.map((l) => tenant.skus.find((s) => s.skuId === l.skuId)!.skuPartNumber)
      .sort();
  };

  it('the first answer of every write $batch is lost: each user ends changed once, removes count as done, seats move once', async () => {
    const lostOnce = new Set<string>();
    const loseFirstAnswer = (r: HandledRequest) => {
      if (!r.isWrite) return false;
      const key = JSON.stringify(r.body);
      if (lostOnce.has(key)) return false;
      lostOnce.add(key);
      return true;
    };
    t = await startTenant({
      tenant: sharedDemoTenant({ users: 400 }),
      latencyMs: 2,
      graphClock: new VirtualClock(),
      faults: { dropAfterApply: loseFirstAnswer },
    });
    const bulk = Array.from({ length: 30 }, (_, i) => wants(bulkUser(i + 1), { assign: ['MCOEV'] }));
    const file = [
      ...bulk,
      wants('erin', { assign: ['MCOEV'], remove: ['MCOPSTN1'] }), // add and remove in one call
      wants('bob', { remove: ['ENTERPRISEPACK'] }), // remove only
      // disabled plans only
      wants('alex.wilber', { assign: [{ sku: 'ENTERPRISEPACK', disable: ['YAMMER_ENTERPRISE'] }] }),
      wants('isaiah.langer', { assign: ['MCOEV'], usageLocation: 'US' }), // PATCH first, then the license
    ];
    const before = {
      MCOEV: consumed('MCOEV'),
      MCOPSTN1: consumed('MCOPSTN1'),
      ENTERPRISEPACK: consumed('ENTERPRISEPACK'),
    };
    const sink = new MemorySink();
    const announced: string[] = [];
    const report = await run(t.connection, file, { sink, onResult: (r) => announced.push(r.user) });

    assert.equal(report.results.length, file.length);
    assert.deepEqual(
      report.results.filter((r) => r.outcome !== 'changed' || r.verified !== true),
      [],
      'every user changed, and the tenant agrees',
    );
    assert.deepEqual(
      [report.summary.changed, report.summary.failed, report.summary.skipped, report.summary.verificationProblems],
      [34, 0, 0, 0],
    );
    assert.deepEqual(announced.slice().sort(), file.map((d) => d.user).sort(), 'one announcement per user');
    assert.deepEqual(
      sink.entries.map((e) => e.user).sort(),
      file.map((d) => d.user).sort(),
      'one journal line per user',
    );

    const erin = resultOf(report, 'erin');
    assert.deepEqual([erin.added, erin.removed], [['MCOEV'], ['MCOPSTN1']]);
    assert.ok(erin.notes?.includes('a retry found the removed license already gone'), JSON.stringify(erin));
    const bob = resultOf(report, 'bob');
    assert.deepEqual(bob.removed, ['ENTERPRISEPACK']);
    assert.ok(bob.notes?.includes('a retry found the removed license already gone'), JSON.stringify(bob));
    assert.deepEqual(resultOf(report, 'alex.wilber').updated, ['ENTERPRISEPACK']);
    assert.equal(resultOf(report, 'isaiah.langer').usageLocation, 'US');
    assert.deepEqual(resultOf(report, bulkUser(1)).added, ['MCOEV']);

    // The tenant: each change once.
    assert.deepEqual(direct('erin'), ['ENTERPRISEPREMIUM', 'MCOEV']);
    assert.deepEqual(direct('bob'), []);
    assert.deepEqual(direct('isaiah.langer'), ['MCOEV']);
    assert.deepEqual(
      { MCOEV: consumed('MCOEV'), MCOPSTN1: consumed('MCOPSTN1'), ENTERPRISEPACK: consumed('ENTERPRISEPACK') },
      { MCOEV: before.MCOEV + 32, MCOPSTN1: before.MCOPSTN1 - 1, ENTERPRISEPACK: before.ENTERPRISEPACK - 1 },
      'no seat counted twice',
    );
    t.emulator.tenant.recount();
    assert.equal(consumed('MCOEV'), before.MCOEV + 32, 'and a recount agrees');

    // Every write envelope lost its first answer and was sent again, whole, exactly once.
    const s = t.emulator.stats;
    assert.equal(s.droppedAfterApply, lostOnce.size);
    assert.ok(s.droppedAfterApply >= 3, `${s.droppedAfterApply} envelopes lost`);
    assert.equal(s.byRoute[ASSIGN_ROUTE], 2 * 34);
    assert.equal(s.byRoute[PATCH_ROUTE], 2);
  });

  it('a run with 30% of write answers lost (seeded) still changes each of 60 users once, with 60 seats', async () => {
    t = await startTenant({
      tenant: sharedDemoTenant({ users: 400 }),
      latencyMs: 1,
      graphClock: new VirtualClock(),
      faults: { dropAfterApplyRate: 0.3, seed: 4 },
      retry: { maxAttempts: 10 },
    });
    const before = consumed('MCOEV');
    const users = Array.from({ length: 60 }, (_, i) => wants(bulkUser(i + 1), { assign: ['MCOEV'] }));
    const report = await run(t.connection, users);
    assert.equal(report.results.length, 60);
    assert.equal(report.summary.changed, 60);
    assert.equal(new Set(report.results.map((r) => r.user)).size, 60);
    assert.ok(t.emulator.stats.droppedAfterApply > 0, 'answers were lost');
    assert.ok(t.emulator.stats.writesApplied > 60, 're-sent adds were applied again, idempotently');
    assert.equal(consumed('MCOEV'), before + 60, 'one seat per user');
  });

  it('every answer lost: the user ends failed (the engine cannot know), the tenant has the change, and a retry writes nothing', async () => {
    let retry: DesiredUser[] = [];
    t = await startTenant({
      latencyMs: 1,
      graphClock: new VirtualClock(),
      faults: { dropAfterApply: (r) => r.isWrite },
      retry: { maxAttempts: 2 },
    });
    const before = consumed('MCOEV');
    const dir = await mkdtemp(join(tmpdir(), 'lost-answers-'));
    try {
      const journal = await JournalWriter.open(join(dir, 'run.jsonl'), {
        files: ['test.licenses'],
        tenant: 'test tenant',
        startedAt: new Date().toISOString(),
      });
      const report = await run(
        t.connection,
        [wants('alice', { assign: ['MCOEV'] }), wants('christie.cline', { assign: ['MCOEV'] })],
        { sink: journal },
      );
      await journal.close();
      for (const user of ['alice', 'christie.cline']) {
        const r = resultOf(report, user);
        assert.equal(r.outcome, 'failed', JSON.stringify(r));
        assert.equal(r.error?.code, 'ConnectionDropped');
        assert.match(r.error!.hint!, /retry the failed users/);
      }
      assert.deepEqual(direct('alice'), ['MCOEV'], 'yet the first attempt landed');
      assert.equal(consumed('MCOEV'), before + 2, 'once per user, however often it was sent');
      assert.ok(t.emulator.stats.byRoute[ASSIGN_ROUTE] >= 4, 'it was sent again before giving up');

      // "Retry Failed Users" re-reads them first: nothing is left to write.
      retry = usersToRetry(await readJournal(journal.path));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    assert.equal(retry.length, 2);
    t.emulator.resetStats();
    const again = await run(t.connection, retry);
    assert.deepEqual(
      again.results.map((r) => r.outcome),
      ['unchanged', 'unchanged'],
    );
    assert.equal(t.emulator.stats.writes, 0);
  });

  it('the last seats: re-sending the add of the last 5 MCOPSTN2 seats is not refused for lack of seats', async () => {
    let lost = 0;
    t = await startTenant({
      latencyMs: 1,
      graphClock: new VirtualClock(),
      faults: { dropAfterApply: (r) => r.isWrite && lost++ === 0 },
    });
    assert.equal(t.emulator.tenant.seatsLeft('MCOPSTN2'), 5);
    const five = ['christie.cline', 'debra.berger', 'emily.braun', 'enrico.cattaneo', 'pradeep.gupta'];
    const report = await run(
      t.connection,
      five.map((u) => wants(u, { assign: ['MCOEV', 'MCOPSTN2'] })),
    );
    assert.equal(lost, 2, 'the first answer was lost, the second one arrived');
    assert.deepEqual(
      report.results.map((r) => r.outcome),
      five.map(() => 'changed'),
    );
    assert.equal(
      t.emulator.tenant.seatsLeft('MCOPSTN2'),
      0,
      'five seats, not ten, and no "does not have any available licenses"',
    );
  });

  // When a group also grants the SKU, the re-sent remove of the direct copy is answered "User license is
  // inherited from a group membership and it cannot be removed directly from the user."
  // (docs/graph-notes.md §1.3): the tenant is exactly as the file wants, so the user must not end `failed`.
  it('a re-sent remove of a direct copy that a group also grants counts as done (frank)', async () => {
    let lost = 0;
    t = await startTenant({
      latencyMs: 1,
      graphClock: new VirtualClock(),
      faults: { dropAfterApply: (r) => r.isWrite && lost++ === 0 },
    });
    const report = await run(t.connection, [wants('frank', { remove: ['ENTERPRISEPACK'] })]);
    assert.deepEqual(direct('frank'), [], 'the direct E3 is gone; "All Sales" still grants E3');
    assert.equal(resultOf(report, 'frank').outcome, 'changed', JSON.stringify(resultOf(report, 'frank')));
  });
});
