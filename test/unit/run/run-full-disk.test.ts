import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { appendFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runApplyCommand } from '../../../src/cli/plan-apply';
import { runUndoCommand } from '../../../src/cli/undo';
import type { JournalFile } from '../../../src/core/journal/journal';
import { capturedIo, type CapturedIo } from '../fixtures/captured-io';
import { bulkUser, startTenant, type TestTenant, sharedDemoTenant } from '../fixtures/test-tenant';

/** The journal's file system: appends recorded; past `room` bytes what fits is written, then ENOSPC, as a full disk. */
function disk(room = Infinity) {
  const appends: number[] = [];
  let used = 0;
  let full = false;
  const writer =
    (path: string) =>
    (real: JournalFile): JournalFile => ({
      async appendFile(text) {
        const bytes = Buffer.from(text, 'utf8');
        appends.push(bytes.length);
        const fits = Math.max(0, Math.min(bytes.length, room - used));
        if (fits > 0) await appendFile(path, bytes.subarray(0, fits));
        used += fits;
        if (fits < bytes.length) {
          full = true;
          throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
        }
      },
      // A full disk fails the sync too, once it is full.
      sync: () => (full ? Promise.reject(Object.assign(new Error('ENOSPC'), { code: 'ENOSPC' })) : real.sync()),
      close: () => real.close(),
    });
  return { appends, writer, used: () => used };
}

const USERS = Array.from({ length: 60 }, (_, i) => bulkUser(i + 1));
const MCOEV_SKU = 'e43b5b99-8dfb-405f-9987-dc307f34bcbd';

/** How the run is started: confirmed at the y/N question (the whole list first), or `--yes` (written as read). */
const PATHS = {
  confirmed: { argv: [] as string[], answer: 'y' },
  'no question (--yes)': { argv: ['--yes'], answer: undefined },
};

describe('run: a disk that fills up under a whole run (ENOSPC in the journal)', () => {
  let t: TestTenant;
  let dir: string;
  let env: Record<string, string>;
  let licenses: string;
  beforeEach(async () => {
    t = await startTenant({ tenant: sharedDemoTenant({ users: 360 }), concurrency: 1 });
    env = { LICENSES_GRAPH_URL: t.emulator.baseUrl, LICENSES_ACCESS_TOKEN: t.emulator.token };
    dir = mkdtempSync(join(tmpdir(), 'licenses-run-full-'));
    licenses = join(dir, 'voice.licenses');
    writeFileSync(licenses, `assign MCOEV\n${USERS.join('\n')}\n`);
  });
  afterEach(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const holdsMcoev = (user: string) => t.emulator.tenant.heldSkuIds(t.emulator.tenant.findUser(user)!).has(MCOEV_SKU);

  async function apply(how: keyof typeof PATHS, journal: string, writer?: ReturnType<typeof disk>) {
    const io = capturedIo(PATHS[how].answer);
    const code = await runApplyCommand([licenses, ...PATHS[how].argv, '--journal', journal], io, {
      env,
      lockFolder: dir,
      ...(writer ? { journalWriter: writer.writer(journal) } : {}),
    });
    return { code, io };
  }

  /**
   * The byte sizes of a whole run's appends, on a disk with room, in a tenant of its own; one run per way of starting
   * (every test's folder name has the same length, so every journal's lines do).
   */
  const references = new Map<keyof typeof PATHS, Promise<number[]>>();
  function reference(how: keyof typeof PATHS): Promise<number[]> {
    let appends = references.get(how);
    if (!appends) references.set(how, (appends = referenceRun(how)));
    return appends;
  }
  async function referenceRun(how: keyof typeof PATHS): Promise<number[]> {
    const own = await startTenant({ tenant: sharedDemoTenant({ users: 360 }), concurrency: 1 });
    try {
      const d = disk();
      const journal = join(dir, `reference-${how.length}.jsonl`);
      const io = capturedIo(PATHS[how].answer);
      const code = await runApplyCommand([licenses, ...PATHS[how].argv, '--journal', journal], io, {
        env: { LICENSES_GRAPH_URL: own.emulator.baseUrl, LICENSES_ACCESS_TOKEN: own.emulator.token },
        lockFolder: dir,
        journalWriter: d.writer(journal),
      });
      assert.equal(code, 0, [...io.out, ...io.err].join('\n'));
      return d.appends;
    } finally {
      await own.close();
    }
  }

  const all = (io: CapturedIo) => [...io.out, ...io.err].join('\n');

  for (const how of Object.keys(PATHS) as (keyof typeof PATHS)[]) {
    describe(how, () => {
      /** Where the disk fills: a number of bytes into the journal, from a reference run's appends. */
      const POINTS: Record<string, (appends: number[]) => number> = {
        // The list is the first large append (the header's own, or the one after it).
        'while the users are listed as pending': (a) => {
          const list = a.findIndex((n) => n > 3000);
          return sum(a.slice(0, list)) + Math.floor(a[list]! / 2);
        },
        'mid-run, after some results': (a) => sum(a.slice(0, Math.ceil(a.length / 2))) + 40,
        'on the last line': (a) => sum(a) - Math.ceil(a.at(-1)! / 2),
      };
      for (const [point, room] of Object.entries(POINTS)) {
        it(`${point}: the run stops and says where, retry covers every user not done, undo blames no one else`, async () => {
          const appends = await reference(how);
          assert.ok(appends.length >= 4, `${appends.length} appends`);
          const journal = join(dir, 'run.jsonl');
          const full = disk(room(appends));
          const { code, io } = await apply(how, journal, full);

          // What the admin notices: a failure, naming the journal and the full disk.
          assert.notEqual(code, 0, all(io));
          assert.ok(
            io.err.some((l) => l.includes(journal) && l.includes('ENOSPC')),
            `a message naming ${journal} and ENOSPC:\n${all(io)}`,
          );
          const done = new Set(
            readFileSync(journal, 'utf8')
              .split('\n')
              .filter((l) => /"outcome":"(changed|unchanged)"/.test(l))
              .map((l) => (JSON.parse(l) as { user: string }).user),
          );
          // Nothing is written to the tenant that the journal could not have listed first.
          const written = USERS.filter(holdsMcoev);
          if (point.startsWith('while')) assert.deepEqual(written, [], 'no write before the list is on disk');
          for (const u of done) assert.ok(holdsMcoev(u), `${u}: recorded done, and done`);

          // Undo of this run: the run's own writes are never "changed since by someone else".
          const undo = capturedIo();
          const undoFile = join(dir, 'undo.licenses');
          await runUndoCommand([journal, '--output', undoFile], undo, { env });
          assert.doesNotMatch(all(undo), /[1-9]\d* changed since by someone else/, all(undo));
          assert.doesNotMatch(all(undo), /^! /m, all(undo));
          if (written.length > 0) {
            const text = readFileSync(undoFile, 'utf8');
            for (const u of written) assert.match(text, new RegExp(`^${u}$`, 'm'), `${u} is restored by the undo`);
          }

          // The retry the CLI points to covers every user not confirmed done: after it, every user is licensed.
          const retry = capturedIo();
          const retryCode = await runApplyCommand(
            ['--retry-failed', journal, '--yes', '--journal', join(dir, 'retry.jsonl')],
            retry,
            { env, lockFolder: dir },
          );
          // Never a retry advised that the journal then refuses.
          const advisesRetry = io.err.some((l) => l.includes(`--retry-failed ${journal}`));
          if (retryCode !== 0) {
            // Documented: a list cut short is refused, and the files are applied again, as the run said.
            assert.match(all(retry), /apply the files again/, all(retry));
            assert.ok(!advisesRetry, `the run advised a retry its journal refuses:\n${all(io)}`);
            assert.deepEqual(written, [], 'refused only when nothing was written');
            assert.ok(
              io.err.some(
                (l) => l.includes('cannot write the journal') || l.includes(`m365-licenses apply ${licenses}`),
              ),
              `the run says to apply the files again:\n${all(io)}`,
            );
            assert.equal((await apply(how, join(dir, 'again.jsonl'))).code, 0);
          }
          assert.deepEqual(
            USERS.filter((u) => !holdsMcoev(u)),
            [],
            `every user licensed after the retry:\n${all(io)}\n${all(retry)}`,
          );
        });
      }
    });
  }
});

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
