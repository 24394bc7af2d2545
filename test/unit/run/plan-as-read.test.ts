import * as assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CancellationSource } from '../../../src/core/graph/cancellation';
import { connectToGraph, type GraphConnection } from '../../../src/core/graph/connection';
import type { DesiredUser } from '../../../src/core/desired/desired';
import { readJournal, usersToRetry } from '../../../src/core/journal/journal';
import { planAsRead } from '../../../src/core/run/plan-as-read';
import { runLicenses, type RunOutcome } from '../../../src/core/run/run-licenses';
import { bulkUser, startTenant, wants, type TestTenant, sharedDemoTenant } from '../fixtures/test-tenant';
import { readBody } from '../fixtures/hostile-endpoints';
import { atScale } from '../fixtures/scale';

/**
 * Forwards to the emulator, but holds every listing page after the first until a write has been
 * answered (or `holdMs` has passed, which the test then reports): a run that waited for every page
 * before its first write would meet the hold, one that writes while it reads never does.
 */
async function startListingGate(targetOrigin: string, holdMs = 3000) {
  let writeAnswered!: () => void;
  const firstWrite = new Promise<void>((resolve) => (writeAnswered = resolve));
  const state = { heldUntilTimeout: 0, writesBeforeLastPage: 0, pagesAnswered: 0 };
  const server = createServer(async (req, res) => {
    const body = await readBody(req);
    const url = req.url ?? '';
    const isLaterPage = /\/users\?.*skiptoken/i.test(url);
    const carriesWrite = url.includes('$batch') && /"method"\s*:\s*"POST"/.test(body);
    if (isLaterPage) {
      const timedOut = await Promise.race([
        firstWrite.then(() => false),
        new Promise<boolean>((r) => setTimeout(() => r(true), holdMs)),
      ]);
      if (timedOut) state.heldUntilTimeout++;
    }
    const headers: Record<string, string> = {};
    for (const name of ['authorization', 'content-type'])
      if (req.headers[name]) headers[name] = String(req.headers[name]);
    const upstream = await fetch(`${targetOrigin}${url}`, { method: req.method, headers, ...(body ? { body } : {}) });
    const text = await upstream.text();
    res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' });
    res.end(text);
    if (carriesWrite) {
      if (state.pagesAnswered < SIZE.pages) state.writesBeforeLastPage++;
      writeAnswered();
    }
    if (/\/users\?/.test(url)) state.pagesAnswered++;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    baseUrl: `${origin}/v1.0`,
    state,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * The tenant's bulk users take three listing pages of 999 in the scale stage (2,300 of them) and two in
 * the unit stage (1,300): either way a run that waited for the last page would meet the hold.
 */
const SIZE = atScale() ? { tenant: 2600, desired: 2000, pages: 3 } : { tenant: 1100, desired: 400, pages: 2 };

const e3ForBulkUsers = (count: number): DesiredUser[] =>
  Array.from({ length: count }, (_, i) => ({ ...wants(bulkUser(i + 1), { assign: ['ENTERPRISEPACK'] }), line: i + 1 }));

describe('engine: a run nobody confirms writes its first users while it still reads the others', function () {
  this.timeout(30_000);
  let t: TestTenant;
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'licenses-as-read-'))));
  afterEach(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const runAsRead = (
    connection: GraphConnection,
    desired: readonly DesiredUser[],
    cancellation = new CancellationSource().token,
  ): Promise<RunOutcome> =>
    runLicenses({
      connection,
      tenant: { label: 'test tenant', id: 'test' },
      files: ['bulk.licenses'],
      plan: () => planAsRead(connection, desired, cancellation),
      journal: { folder: join(dir, 'results'), name: 'bulk.licenses' },
      lockFolder: dir,
      cancellation,
      verify: false,
    });

  it('sends writes before the last page of the tenant listing is read, and still gives every user one result', async () => {
    t = await startTenant({ tenant: sharedDemoTenant({ users: SIZE.tenant }) });
    const gate = await startListingGate(t.emulator.baseUrl.replace(/\/v1\.0$/, ''));
    try {
      const connection = connectToGraph({
        baseUrl: gate.baseUrl,
        getAccessToken: async () => t.emulator.token,
        label: 'test tenant',
        writeBudgets: [],
      });
      const outcome = await runAsRead(connection, e3ForBulkUsers(SIZE.desired));
      assert.equal(outcome.kind, 'applied');
      if (outcome.kind !== 'applied') return;
      assert.equal(
        gate.state.heldUntilTimeout,
        0,
        'no listing page had to wait for the hold to run out: writes went out while reading',
      );
      assert.ok(gate.state.writesBeforeLastPage > 0, 'some users were written before the listing ended');
      assert.equal(outcome.report.summary.changed, SIZE.desired);
      assert.deepEqual(
        outcome.report.results.map((r) => r.user),
        e3ForBulkUsers(SIZE.desired).map((d) => d.user),
        "results in the file's order",
      );
      const journal = await readJournal(outcome.journal);
      assert.equal(journal.latest.size, SIZE.desired);
      assert.ok(
        [...journal.latest.values()].every((l) => l.outcome === 'changed'),
        'each user ends with one recorded outcome, none left pending',
      );
    } finally {
      await gate.close();
    }
  });

  it('cancelled while reading: users written so far are changed, the unread ones skipped, and a retry of the journal has every one not changed', async () => {
    t = await startTenant({ tenant: sharedDemoTenant({ users: SIZE.tenant }) });
    const gate = await startListingGate(t.emulator.baseUrl.replace(/\/v1\.0$/, ''), 10_000);
    const cancel = new CancellationSource();
    try {
      const connection = connectToGraph({
        baseUrl: gate.baseUrl,
        getAccessToken: async () => t.emulator.token,
        label: 'test tenant',
        writeBudgets: [],
      });
      const desired = e3ForBulkUsers(SIZE.desired);
      const running = runAsRead(connection, desired, cancel.token);
      // Page 2 waits for a first write; the admin cancels as soon as one has been answered.
      await new Promise<void>((resolve) => {
        const poll = setInterval(() => {
          if (gate.state.writesBeforeLastPage > 0) {
            clearInterval(poll);
            resolve();
          }
        }, 5);
      });
      cancel.cancel();
      const outcome = await running;
      assert.equal(outcome.kind, 'applied');
      if (outcome.kind !== 'applied') return;
      const s = outcome.report.summary;
      assert.ok(s.changed > 0 && s.changed < SIZE.desired, `some users written before the cancel (${s.changed})`);
      assert.equal(s.changed + s.skipped, SIZE.desired, 'everyone else is skipped, nobody lost');
      const journal = await readJournal(outcome.journal);
      const retry = usersToRetry(journal).map((d) => d.user);
      assert.equal(retry.length, SIZE.desired - s.changed, 'retry has exactly the users not changed');
      const changed = new Set(outcome.report.results.filter((r) => r.outcome === 'changed').map((r) => r.user));
      assert.ok(retry.every((u) => !changed.has(u)));
    } finally {
      await gate.close();
    }
  });

  /** 100 bulk users, two of whom already hold E3, and E3 with 50 seats left. */
  async function tightTenant(): Promise<TestTenant> {
    const tenant = await startTenant({ tenant: sharedDemoTenant({ users: 400 }) });
    await runAsRead(tenant.connection, e3ForBulkUsers(2));
    const e3 = tenant.emulator.tenant.findSku('ENTERPRISEPACK')!;
    e3.prepaidUnits.enabled = e3.consumedUnits + 50;
    return tenant;
  }

  it('when the seats could run short, it writes once the users read show the seats suffice: the run fits', async () => {
    t = await tightTenant();
    // 52 users could need 52 seats; two already hold E3, so the run needs the 50 left.
    const desired = e3ForBulkUsers(52);
    const writesBefore = t.emulator.stats.writes;
    const outcome = await runAsRead(t.connection, desired);
    assert.equal(outcome.kind, 'applied');
    if (outcome.kind === 'applied')
      assert.deepEqual([outcome.report.summary.changed, outcome.report.summary.unchanged], [50, 2]);
    assert.equal(t.emulator.stats.writes - writesBefore, 50);
  });

  it('every user will not be written: refused before any journal, as the confirmed run is, nothing sent', async () => {
    t = await startTenant({ tenant: sharedDemoTenant({ users: 400 }) });
    rmSync(join(dir, 'results'), { recursive: true, force: true });
    // Not in the tenant, and already holding E3: nothing to send, two users that will not be written.
    const desired = [
      { ...wants('nobody1', { assign: ['ENTERPRISEPACK'] }), line: 1 },
      { ...wants('nobody2', { assign: ['ENTERPRISEPACK'] }), line: 2 },
    ];
    const outcome = await runAsRead(t.connection, desired);
    assert.equal(outcome.kind, 'refused');
    if (outcome.kind === 'refused')
      assert.deepEqual(
        outcome.plan.users.map((u) => [u.user, u.kind, u.error?.code]),
        [
          ['nobody1@contoso.com', 'failed', 'Request_ResourceNotFound'],
          ['nobody2@contoso.com', 'failed', 'Request_ResourceNotFound'],
        ],
      );
    assert.equal(t.emulator.stats.writes, 0, 'nothing was written');
    assert.equal(existsSync(join(dir, 'results')), false, 'no journal for a run with nothing to send');
  });

  it('the journal opens at the first user to change: the users read before it are recorded, the run goes on', async () => {
    t = await startTenant({ tenant: sharedDemoTenant({ users: 400 }) });
    await runAsRead(t.connection, e3ForBulkUsers(30));
    const desired = [
      ...e3ForBulkUsers(30),
      { ...wants('nobody1', { assign: ['ENTERPRISEPACK'] }), line: 31 },
      { ...wants(bulkUser(31), { assign: ['ENTERPRISEPACK'] }), line: 32 },
    ];
    const outcome = await runAsRead(t.connection, desired);
    assert.equal(outcome.kind, 'applied');
    if (outcome.kind !== 'applied') return;
    const s = outcome.report.summary;
    assert.deepEqual([s.changed, s.unchanged, s.failed], [1, 30, 1]);
    const journal = await readJournal(outcome.journal);
    assert.equal(journal.latest.size, 32, 'every user has a line');
    assert.equal(journal.latest.get(bulkUser(31).toLowerCase())?.outcome, 'changed');
  });

  it('refuses a run short of seats before any write, and leaves no journal', async () => {
    t = await tightTenant();
    rmSync(join(dir, 'results'), { recursive: true, force: true });
    const writesBefore = t.emulator.stats.writes;
    const outcome = await runAsRead(t.connection, e3ForBulkUsers(54));
    assert.equal(outcome.kind, 'blocked');
    if (outcome.kind === 'blocked') assert.match(outcome.plan.blockers[0].message, /ENTERPRISEPACK lacks 2 seats/);
    assert.equal(t.emulator.stats.writes, writesBefore, 'nothing was written');
    assert.equal(existsSync(join(dir, 'results')), false, 'no journal for a run that never started');
  });
});
