import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { acquireRunLock, defaultLockFolder, lockName, type LockAttempt } from '../../../src/core/run/run-lock';
import { atScale } from '../fixtures/scale';

/** The pid of a process that has exited: what a crashed run leaves in its lock. */
const deadPid = () => spawnSync(process.execPath, ['--version']).pid;

const posix = typeof process.getuid === 'function';

describe('run lock: a folder of the user’s own and a verified takeover', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'licenses-lock-hostile-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('the default folder is per user: the uid (or user name) is in its name', () => {
    const folder = defaultLockFolder({});
    assert.match(folder, posix ? new RegExp(`m365-licenses-locks-${process.getuid!()}$`) : /m365-licenses-locks-.+$/);
    assert.equal(defaultLockFolder({ XDG_RUNTIME_DIR: '/run/user/1000' }).startsWith('/run/user/1000'), true);
  });

  it('a new lock folder is created 0700', async function () {
    if (!posix) this.skip();
    const folder = join(dir, 'locks');
    const got = await acquireRunLock(folder, 'a.lock', { startedAt: 'now' });
    assert.equal(got.kind, 'locked');
    const { statSync } = await import('node:fs');
    assert.equal(statSync(folder).mode & 0o777, 0o700);
    if (got.kind === 'locked') await got.lock.release();
  });

  it('a folder other users can write to, or a symbolic link, is refused with what to do', async function () {
    if (!posix) this.skip();
    const open = join(dir, 'open');
    mkdirSync(open);
    chmodSync(open, 0o777);
    await assert.rejects(
      acquireRunLock(open, 'a.lock', { startedAt: 'now' }),
      /The run lock folder .*open can be written by other users \(mode 0777\): no run was started/,
    );
    const real = join(dir, 'real');
    mkdirSync(real, { mode: 0o700 });
    const planted = join(dir, 'planted');
    symlinkSync(real, planted);
    await assert.rejects(acquireRunLock(planted, 'a.lock', { startedAt: 'now' }), /is a symbolic link/);
    assert.deepEqual(readdirSync(real), [], 'nothing was written through the link');
  });

  // 200 rounds in the scale stage, 20 in the unit stage.
  const rounds = atScale() ? 200 : 20;
  it(`a stale lock and two runs starting together: exactly one holds it, ${rounds} rounds out of ${rounds}`, async () => {
    const folder = join(dir, 'race');
    const dead = deadPid();
    const name = lockName('tenant', ['x.licenses']);
    let doubles = 0;
    for (let round = 0; round < rounds; round++) {
      writeFileSync(
        join((mkdirSync(folder, { recursive: true, mode: 0o700 }), folder), name),
        JSON.stringify({ pid: dead, host: hostname(), startedAt: `round ${round}` }),
      );
      const attempts: LockAttempt[] = await Promise.all([
        acquireRunLock(folder, name, { startedAt: `a ${round}` }),
        acquireRunLock(folder, name, { startedAt: `b ${round}` }),
      ]);
      const holders = attempts.filter((a) => a.kind === 'locked');
      if (holders.length !== 1) doubles++;
      for (const h of holders) if (h.kind === 'locked') await h.lock.release();
      assert.deepEqual(readdirSync(folder), [], `round ${round}: the lock, its guard and temporaries are gone`);
    }
    assert.equal(doubles, 0);
  });

  it('release removes only a lock that is still its own, never a successor’s', async () => {
    const folder = join(dir, 'locks');
    const name = 'x.lock';
    const got = await acquireRunLock(folder, name, { startedAt: 'first' });
    assert.equal(got.kind, 'locked');
    // Someone replaced it (an admin, a takeover after a suspend): this run no longer holds it.
    const successor = JSON.stringify({ pid: process.pid, host: hostname(), startedAt: 'second', token: 'other' });
    writeFileSync(join(folder, name), successor);
    if (got.kind === 'locked') await got.lock.release();
    assert.deepEqual(readdirSync(folder), [name], 'the successor’s lock stays');
  });
});
