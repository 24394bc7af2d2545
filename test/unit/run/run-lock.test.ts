import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { runApplyCommand } from '../../../src/cli/plan-apply';
import { acquireRunLock, lockName } from '../../../src/core/run/run-lock';
import { startTenant, type TestTenant } from '../fixtures/test-tenant';
import { capturedIo } from '../fixtures/captured-io';

/** The pid of a process that has exited: what a crashed run leaves in its lock. */
const deadPid = () => spawnSync(process.execPath, ['--version']).pid;

describe('engine: one run per tenant and file at a time', () => {
  let t: TestTenant;
  let dir: string;
  let env: Record<string, string>;
  let licenses: string;
  beforeEach(async () => {
    // Latency so that two runs started together overlap.
    t = await startTenant({ latencyMs: 30 });
    dir = mkdtempSync(join(tmpdir(), 'licenses-lock-'));
    env = { LICENSES_GRAPH_URL: t.emulator.baseUrl, LICENSES_ACCESS_TOKEN: t.emulator.token };
    licenses = join(dir, 'phone.licenses');
    writeFileSync(licenses, 'assign MCOEV\nalice@contoso.com\nchristie.cline@contoso.com\n');
  });
  afterEach(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('two applies of the same file at once: one runs, the other is refused, and each user is written once', async () => {
    const locks = join(dir, 'locks');
    const [a, b] = [capturedIo(), capturedIo()];
    const codes = await Promise.all([
      runApplyCommand([licenses, '--yes', '--journal', join(dir, 'a.jsonl')], a, { env, lockFolder: locks }),
      runApplyCommand([licenses, '--yes', '--journal', join(dir, 'b.jsonl')], b, { env, lockFolder: locks }),
    ]);
    assert.deepEqual([...codes].sort(), [0, 1]);
    const refused = codes[0] === 1 ? a : b;
    assert.match(
      refused.err.join('\n'),
      /Another run of .*phone\.licenses against .* is in progress \(process \d+ on .*\): nothing was done/,
    );
    assert.equal(t.emulator.stats.writes, 2, 'two users, two writes: not four');
    assert.deepEqual(readdirSync(locks), [], 'the lock is released after the run');
  });

  it('a lock left by a process that died is stale: the next run takes it over', async () => {
    const locks = join(dir, 'locks');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(locks);
    const lock = join(locks, lockName(t.emulator.baseUrl, [licenses]));
    writeFileSync(lock, JSON.stringify({ pid: deadPid(), host: hostname(), startedAt: '2026-01-01T00:00:00.000Z' }));
    const io = capturedIo();
    assert.equal(
      await runApplyCommand([licenses, '--yes', '--journal', join(dir, 'a.jsonl')], io, { env, lockFolder: locks }),
      0,
      io.err.join('\n'),
    );
    assert.equal(t.emulator.stats.writes, 2);
    assert.equal(existsSync(lock), false);
  });

  it('a live lock is respected; another tenant or another file is not blocked by it', async () => {
    const folder = join(dir, 'locks');
    const held = await acquireRunLock(folder, lockName('tenant-a', ['x.licenses']), { startedAt: 'now' });
    assert.equal(held.kind, 'locked');
    const again = await acquireRunLock(folder, lockName('TENANT-A', ['./x.licenses']), { startedAt: 'now' });
    assert.equal(again.kind, 'busy', 'same tenant (any case), same file (any spelling of its path)');
    if (again.kind === 'busy') assert.equal(again.holder?.pid, process.pid);
    const otherTenant = await acquireRunLock(folder, lockName('tenant-b', ['x.licenses']), { startedAt: 'now' });
    const otherFile = await acquireRunLock(folder, lockName('tenant-a', ['y.licenses']), { startedAt: 'now' });
    assert.deepEqual([otherTenant.kind, otherFile.kind], ['locked', 'locked']);
    for (const l of [held, otherTenant, otherFile]) if (l.kind === 'locked') await l.lock.release();
    assert.deepEqual(readdirSync(folder), []);
  });

  it("a run over many tenants holds a lock each without passing Node's listener warning to the terminal", async () => {
    const folder = join(dir, 'many');
    const before = process.listenerCount('exit');
    const locks: { release(): Promise<void> }[] = [];
    for (let i = 0; i < 50; i++) {
      const l = await acquireRunLock(folder, lockName(`tenant-${i}`, ['x.licenses']), { startedAt: 'now' });
      assert.equal(l.kind, 'locked');
      if (l.kind === 'locked') locks.push(l.lock);
    }
    assert.ok(process.listenerCount('exit') <= before + 1, 'one exit listener for every lock held');
    for (const l of locks) await l.release();
    assert.equal(process.listenerCount('exit'), before);
    assert.deepEqual(readdirSync(folder), []);
  });
});
