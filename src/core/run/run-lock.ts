import { createHash } from 'node:crypto';
import { unlinkSync } from 'node:fs';
import { mkdir, open, readFile, stat, unlink } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import * as path from 'node:path';

/** Who holds a run lock, as written in the lock file. */
export interface LockHolder {
  readonly pid: number;
  readonly host: string;
  readonly startedAt: string;
  readonly journal?: string;
}

export interface RunLock {
  readonly path: string;
  release(): Promise<void>;
}

export type LockAttempt =
  | { readonly kind: 'locked'; readonly lock: RunLock }
  | { readonly kind: 'busy'; readonly path: string; readonly holder?: LockHolder };

/**
 * Where run locks live by default: one folder for the whole machine, so a CLI run and a VS Code
 * run of the same file (whose journals go to different folders) still exclude each other.
 */
export const defaultLockFolder = (): string => path.join(tmpdir(), 'm365-licenses-locks');

/** One lock per tenant and set of files: the same file may run against two tenants at once. */
export function lockName(tenantId: string, files: readonly string[]): string {
  const key = [tenantId.toLowerCase(), ...files.map((f) => path.resolve(f)).sort()].join('\n');
  return `run-${createHash('sha256').update(key).digest('hex').slice(0, 32)}.lock`;
}

/**
 * Takes the lock by creating its file exclusively. A lock left by a process that no longer runs on
 * this machine (a crash, a kill -9) is stale and taken over; one from another machine (a shared
 * folder) is respected. Released by `release()`, and on process exit as a last resort.
 */
export async function acquireRunLock(
  folder: string,
  name: string,
  holder: Omit<LockHolder, 'pid' | 'host'>,
): Promise<LockAttempt> {
  await mkdir(folder, { recursive: true });
  const lockPath = path.join(folder, name);
  const mine: LockHolder = { pid: process.pid, host: hostname(), ...holder };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const file = await open(lockPath, 'wx');
      try {
        await file.writeFile(JSON.stringify(mine), 'utf8');
      } finally {
        await file.close();
      }
      return { kind: 'locked', lock: heldLock(lockPath) };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const other = await readHolder(lockPath);
    if (other && !isStale(other)) return { kind: 'busy', path: lockPath, holder: other };
    // Stale, or written so partly that nobody can hold it (a crash between create and write).
    if (!other && attempt === 0 && (await ageMs(lockPath)) < 2000) return { kind: 'busy', path: lockPath };
    await unlink(lockPath).catch(() => undefined);
  }
  return { kind: 'busy', path: lockPath, holder: await readHolder(lockPath) };
}

function heldLock(lockPath: string): RunLock {
  let released = false;
  const onExit = () => {
    try {
      unlinkSync(lockPath);
    } catch {
      // already gone
    }
  };
  process.once('exit', onExit);
  return {
    path: lockPath,
    async release() {
      if (released) return;
      released = true;
      process.off('exit', onExit);
      await unlink(lockPath).catch(() => undefined);
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
