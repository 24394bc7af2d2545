import { createHash, randomBytes } from 'node:crypto';
import { constants, readFileSync, unlinkSync } from 'node:fs';
import { link, lstat, mkdir, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { hostname, tmpdir, userInfo } from 'node:os';
import * as path from 'node:path';
import { english, type Translate } from '../text/translate';

/** Who holds a run lock, as written in the lock file. */
export interface LockHolder {
  readonly pid: number;
  readonly host: string;
  readonly startedAt: string;
  readonly journal?: string;
  /** Unique to one acquisition: a lock is released, or taken over, only by who can name it. */
  readonly token?: string;
}

interface RunLock {
  readonly path: string;
  release(): Promise<void>;
}

export type LockAttempt =
  | { readonly kind: 'locked'; readonly lock: RunLock }
  | { readonly kind: 'busy'; readonly path: string; readonly holder?: LockHolder };

/** The lock folder is not one only this user can write to: refused, nothing was done. */
export class LockFolderRefusedError extends Error {
  override readonly name = 'LockFolderRefused';
}

const uid = (): number | undefined => (typeof process.getuid === 'function' ? process.getuid() : undefined);

/**
 * Where run locks live by default: a folder of the user's own, so that another user of the machine
 * can neither plant nor remove them (nor make the first run of the day fail on a folder someone else
 * created). A CLI run and a VS Code run of the same file, whose journals go to different folders,
 * still exclude each other: both are the same user. `XDG_RUNTIME_DIR` (the user's own 0700 runtime
 * folder) when set, else the temporary folder, with the user's id in the name.
 */
export function defaultLockFolder(env: Readonly<Record<string, string | undefined>> = process.env): string {
  const runtime = env.XDG_RUNTIME_DIR;
  const base = runtime && path.isAbsolute(runtime) ? runtime : tmpdir();
  const who = uid() ?? userInfo().username.replace(/[^\w.-]+/g, '_');
  return path.join(base, `m365-licenses-locks-${who}`);
}

/** One lock per tenant and set of files: the same file may run against two tenants at once. */
export function lockName(tenantId: string, files: readonly string[]): string {
  const key = [tenantId.toLowerCase(), ...files.map((f) => path.resolve(f)).sort()].join('\n');
  return `run-${createHash('sha256').update(key).digest('hex').slice(0, 32)}.lock`;
}

/**
 * Creates the lock folder (0700) when absent, then checks it: a real folder (not a symbolic link),
 * owned by this user, that no other user may write to. Anything else is refused with what to do,
 * never used: a folder another user can write to lets them plant or delete this user's locks.
 */
async function ensureLockFolder(folder: string, t: Translate = english): Promise<void> {
  const refuse = (why: string) =>
    new LockFolderRefusedError(
      t('The run lock folder {0} {1}: no run was started. Remove it, or set another one.', folder, why),
    );
  await mkdir(path.dirname(folder), { recursive: true });
  try {
    await mkdir(folder, { mode: 0o700 });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw refuse(t('cannot be created ({0})', errCode(e)));
  }
  const st = await lstat(folder);
  if (st.isSymbolicLink()) throw refuse(t('is a symbolic link'));
  if (!st.isDirectory()) throw refuse(t('is not a folder'));
  const me = uid();
  if (me === undefined) return; // Windows: the temporary folder is the user's own.
  if (st.uid !== me) throw refuse(t('belongs to another user (uid {0})', st.uid));
  if ((st.mode & 0o022) !== 0)
    throw refuse(t('can be written by other users (mode {0})', (st.mode & 0o777).toString(8).padStart(4, '0')));
}

const errCode = (e: unknown) => (e as NodeJS.ErrnoException).code ?? (e as Error).message;

/** O_CREAT | O_EXCL | O_NOFOLLOW: a new file of our own, never one planted under the name. */
const EXCLUSIVE = constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY | (constants.O_NOFOLLOW ?? 0);

/**
 * Puts `content` at `target` only when nothing is there, whole or not at all: written to a file of
 * a unique name first, then hard-linked to the target (link fails when the target exists, and never
 * follows a symbolic link there). `false`: something is at the target.
 */
async function createWhole(target: string, content: string): Promise<boolean> {
  const temp = `${target}.${randomBytes(8).toString('hex')}.tmp`;
  const file = await open(temp, EXCLUSIVE, 0o600);
  try {
    await file.writeFile(content, 'utf8');
  } finally {
    await file.close();
  }
  try {
    await link(temp, target);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}

/**
 * Takes the lock. Created whole and exclusively (createWhole), so it is never seen half written.
 * A lock left by a process that no longer runs on this machine (a crash, a kill -9) is stale and
 * taken over, under a takeover guard that only one process holds at a time: the holder reads the
 * lock again, removes it only if it is still the stale one it judged, then creates its own like
 * anyone would; a run starting meanwhile either wins the creation or finds the lock held. Then
 * the lock is read back: held only if it carries this acquisition's token. One from another
 * machine (a shared folder) is respected. Released by `release()`, and on process exit as a last
 * resort, each removing the lock only while it still carries the token.
 */
export async function acquireRunLock(
  folder: string,
  name: string,
  holder: Omit<LockHolder, 'pid' | 'host' | 'token'>,
  t: Translate = english,
): Promise<LockAttempt> {
  await ensureLockFolder(folder, t);
  const lockPath = path.join(folder, name);
  const mine: LockHolder = { pid: process.pid, host: hostname(), ...holder, token: randomBytes(16).toString('hex') };
  for (let attempt = 0; attempt < 3; attempt++) {
    if (await createWhole(lockPath, JSON.stringify(mine))) {
      const now = await readHolder(lockPath);
      if (now?.token === mine.token) return { kind: 'locked', lock: heldLock(lockPath, mine.token!) };
      return { kind: 'busy', path: lockPath, ...(now ? { holder: now } : {}) };
    }
    const other = await readHolder(lockPath);
    if (other && !isStale(other)) return { kind: 'busy', path: lockPath, holder: other };
    // Unreadable: someone else's file, or one from before locks were written whole. Old enough, stale.
    if (!other && (await ageMs(lockPath)) < 2000) return { kind: 'busy', path: lockPath };
    const removed = await underTakeoverGuard(lockPath, async () => {
      const again = await readHolder(lockPath);
      if (!sameHolder(again, other)) return false;
      await unlink(lockPath).catch(() => undefined);
      return true;
    });
    // Another run is taking it over (or took it over first): it will hold the lock, not this one.
    if (!removed) return { kind: 'busy', path: lockPath, ...(other ? { holder: other } : {}) };
  }
  const last = await readHolder(lockPath);
  return { kind: 'busy', path: lockPath, ...(last ? { holder: last } : {}) };
}

const sameHolder = (a: LockHolder | undefined, b: LockHolder | undefined) =>
  a === undefined || b === undefined
    ? a === b
    : a.pid === b.pid && a.host === b.host && a.startedAt === b.startedAt && a.token === b.token;

/**
 * Runs `take` while holding `LOCK.takeover`, created whole like a lock. `false` when another
 * process holds it. A guard left by a process that died mid-takeover is moved aside under a unique
 * name (one rename wins), checked to be that dead holder's, and removed.
 */
async function underTakeoverGuard(lockPath: string, take: () => Promise<boolean>): Promise<boolean> {
  const guard = `${lockPath}.takeover`;
  const me: LockHolder = {
    pid: process.pid,
    host: hostname(),
    startedAt: new Date().toISOString(),
    token: randomBytes(16).toString('hex'),
  };
  if (!(await createWhole(guard, JSON.stringify(me)))) {
    const other = await readHolder(guard);
    if (!other || !isStale(other)) return false;
    const aside = `${guard}.${me.token}.stale`;
    try {
      await rename(guard, aside);
    } catch {
      return false;
    }
    const moved = await readHolder(aside);
    if (!sameHolder(moved, other)) {
      // A live guard was moved: put it back (link fails if another took the name meanwhile).
      await link(aside, guard).catch(() => undefined);
      await unlink(aside).catch(() => undefined);
      return false;
    }
    await unlink(aside).catch(() => undefined);
    if (!(await createWhole(guard, JSON.stringify(me)))) return false;
  }
  try {
    return (await readHolder(guard))?.token === me.token && (await take());
  } finally {
    if ((await readHolder(guard))?.token === me.token) await unlink(guard).catch(() => undefined);
  }
}

/**
 * The locks this process holds, removed at exit by one listener: a run over 50 tenants holds 50 locks, and a
 * listener each would pass Node's 10-listener warning onto the admin's terminal.
 */
const heldAtExit = new Set<() => void>();
const removeHeldLocks = () => {
  for (const remove of heldAtExit) remove();
};

function heldLock(lockPath: string, token: string): RunLock {
  let released = false;
  // Only a lock that still carries this token is removed: never a successor's.
  const stillMine = () => {
    try {
      return (JSON.parse(readFileSync(lockPath, 'utf8')) as LockHolder).token === token;
    } catch {
      return false;
    }
  };
  const onExit = () => {
    try {
      if (stillMine()) unlinkSync(lockPath);
    } catch {
      // already gone
    }
  };
  if (heldAtExit.size === 0) process.once('exit', removeHeldLocks);
  heldAtExit.add(onExit);
  return {
    path: lockPath,
    async release() {
      if (released) return;
      released = true;
      heldAtExit.delete(onExit);
      if (heldAtExit.size === 0) process.off('exit', removeHeldLocks);
      if (stillMine()) await unlink(lockPath).catch(() => undefined);
    },
  };
}

async function readHolder(lockPath: string): Promise<LockHolder | undefined> {
  try {
    const v = JSON.parse(await readFile(lockPath, 'utf8')) as Partial<LockHolder>;
    return typeof v.pid === 'number' && typeof v.host === 'string' ? (v as LockHolder) : undefined;
  } catch {
    return undefined;
  }
}

async function ageMs(lockPath: string): Promise<number> {
  try {
    return Date.now() - (await stat(lockPath)).mtimeMs;
  } catch {
    return Infinity;
  }
}

function isStale(holder: LockHolder): boolean {
  if (holder.host !== hostname()) return false;
  try {
    process.kill(holder.pid, 0);
    return false;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
