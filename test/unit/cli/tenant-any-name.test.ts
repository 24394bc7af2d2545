import * as assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/cli';
import { runApplyAcrossTenants, runPlanAcrossTenants } from '../../../src/cli/fleet/plan-apply-tenants';
import type { PlanApplyOptions } from '../../../src/cli/plan-apply';
import { runUndoCommand } from '../../../src/cli/undo';
import { DEMO_CUSTOMERS, startEmulator, type RunningEmulator } from '../../../src/emulator';
import { capturedIo } from '../fixtures/captured-io';
import { onGraphTime, VirtualClock } from '../fixtures/virtual-clock';
import { appOnlyEnv } from '../fixtures/test-tenant';

const NORTHWIND = DEMO_CUSTOMERS.northwind;
const FABRIKAM = DEMO_CUSTOMERS.fabrikam;
const TAILSPIN = DEMO_CUSTOMERS.tailspin;
/** How the lines of Northwind named both ways are led: each spelling once, in the order the files give them. */
const BOTH = `${NORTHWIND.domain} / ${NORTHWIND.tenantId}`;

/** Where a run writes its journals and reads its files. */
function folder(prefix: string) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return {
    dir,
    file: (name: string, text: string) => {
      const path = join(dir, name);
      writeFileSync(path, text);
      return path;
    },
    journals: () =>
      readdirSync(dir)
        .filter((f) => f.startsWith('licenses-results-'))
        .sort()
        .map((f) => join(dir, f)),
    header: (path: string) => JSON.parse(readFileSync(path, 'utf8').split('\n')[0]) as Record<string, string>,
    inside: async <T>(f: () => Promise<T>): Promise<T> => {
      const cwd = process.cwd();
      process.chdir(dir);
      try {
        return await f();
      } finally {
        process.chdir(cwd);
      }
    },
  };
}

/**
 * App-only (AZURE_CLIENT_ID with a secret) against the demo partner's emulator: one file names Northwind by its
 * domain, another by its tenant id. Microsoft Entra resolves both to one id, so the run has one Northwind.
 */
describe('a run across tenants: one tenant, any name (app-only)', () => {
  let emu: RunningEmulator;
  let at: ReturnType<typeof folder>;
  let options: PlanApplyOptions;
  const run = (argv: string[], io = capturedIo()) =>
    at.inside(async () => ({ code: await main(argv, io, options), io }));
  const byDomain = () =>
    at.file(
      'by-domain.licenses',
      `tenant ${NORTHWIND.domain}\nassign EXCHANGESTANDARD\nlena.fischer@${NORTHWIND.domain}\n`,
    );
  const byId = () =>
    at.file(
      'by-id.licenses',
      `tenant ${NORTHWIND.tenantId}\nassign EXCHANGESTANDARD\nivan.petrov@${NORTHWIND.domain}\n`,
    );
  const licenses = (upn: string) =>
    emu
      .tenantOf(NORTHWIND.domain)!
      .findUser(upn)!
      .licenses.map((l) => emu.tenantOf(NORTHWIND.domain)!.findSku(l.skuId)!.skuPartNumber);

  beforeEach(async () => {
    const clock = new VirtualClock();
    emu = await startEmulator({ clock: clock.emulator, replicationLag: false });
    at = folder('licenses-any-name-');
    options = {
      env: appOnlyEnv(emu),
      clock: clock.run,
      lockFolder: mkdtempSync(join(tmpdir(), 'licenses-any-name-lock-')),
    };
  });
  afterEach(async () => {
    await emu.close();
    rmSync(at.dir, { recursive: true, force: true });
    rmSync(options.lockFolder!, { recursive: true, force: true });
  });

  it('apply: the files naming it by domain and by id are one tenant, one journal, its lines led by both names', async () => {
    const { code, io } = await run(['apply', byDomain(), byId(), '--yes']);
    assert.equal(code, 0, io.err.join('\n'));
    assert.deepEqual(licenses(`lena.fischer@${NORTHWIND.domain}`), ['EXCHANGESTANDARD']);
    assert.deepEqual(licenses(`ivan.petrov@${NORTHWIND.domain}`), ['EXCHANGESTANDARD']);
    assert.equal(io.out.at(-1), '1 tenant: every one ended well.');
    for (const user of ['lena.fischer', 'ivan.petrov'])
      assert.ok(
        io.out.some((l) => l.startsWith(`[${BOTH}] ✓ ${user}@${NORTHWIND.domain} +EXCHANGESTANDARD`)),
        io.out.join('\n'),
      );
    // One journal holding both files' users, under the tenant's id.
    const journals = at.journals();
    assert.equal(journals.length, 1, journals.join('\n'));
    const header = at.header(journals[0]);
    assert.equal(header.tenantId, NORTHWIND.tenantId);
    assert.deepEqual(
      header.files,
      ['by-domain.licenses', 'by-id.licenses'].map((f) => join(at.dir, f)),
    );
    const users = readFileSync(journals[0], 'utf8').match(/"user":"[^"]+"/g) ?? [];
    assert.deepEqual(new Set(users).size, 2);
    // Each name signed in once, the second connection closed unused: no more tokens asked for the run.
    assert.equal(emu.stats.tokenRequests, 2);
  });

  it('apply without --yes: one confirmation line for the tenant, one question; no means nothing written', async () => {
    const questions: string[] = [];
    const io = capturedIo();
    io.prompt = async (q) => {
      questions.push(q);
      return 'n';
    };
    const { code } = await run(['apply', byDomain(), byId()], io);
    assert.equal(code, 0);
    assert.equal(questions.length, 1);
    assert.match(questions[0], new RegExp(`^1 tenant, one confirmation:\\n {2}${BOTH}: 2 to change`));
    assert.match(questions[0], /Apply these changes to 1 tenant\? \[y\/N\] $/);
    assert.deepEqual(licenses(`lena.fischer@${NORTHWIND.domain}`), []);
    assert.deepEqual(at.journals().length, 0);
  });

  it('plan: one plan of both files; a name that cannot be reached stays a tenant of its own, failing alone', async () => {
    const tailspin = at.file(
      'tailspin.licenses',
      `tenant ${TAILSPIN.domain}\nassign ENTERPRISEPACK\nava.martin@x.com\n`,
    );
    const { code, io } = await run(['plan', byId(), tailspin, byDomain()]);
    assert.equal(code, 2);
    // By the order the files give the names: the id's file came first.
    const label = `${NORTHWIND.tenantId} / ${NORTHWIND.domain}`;
    assert.ok(
      io.out.some((l) => l.startsWith(`[${label}] `) && l.includes(`${NORTHWIND.tenantId}: 2 users, 2 to change`)),
      io.out.join('\n'),
    );
    assert.ok(
      io.err.some((l) => l.startsWith(`[${TAILSPIN.domain}] Cannot reach tenant ${TAILSPIN.domain}`)),
      io.err.join('\n'),
    );
    assert.equal(io.out.at(-1), `2 tenants: 1 ended well, problems in ${TAILSPIN.domain}.`);
  });
});

/**
 * The demo (`--demo`): a customer is recorded by its tenant id, whatever the files named it, and older journals
 * that recorded it as `demo:<name>` are still its own.
 */
describe('the demo records its customers by tenant id', () => {
  let at: ReturnType<typeof folder>;
  let lockFolder: string;
  /** Mia Laurent has no usage location: MCOEV fails for her until the file gives one. */
  const fabrikam = (name: string, location = '') =>
    at.file(
      'phone.licenses',
      `tenant ${name}\n${location}assign MCOEV\nava.martin@${FABRIKAM.domain}\nmia.laurent@${FABRIKAM.domain}\n`,
    );
  const apply = (argv: string[]) =>
    at.inside(async () => {
      const io = capturedIo();
      return { code: await runApplyAcrossTenants([...argv, '--demo'], io, onGraphTime({ lockFolder })), io };
    });

  beforeEach(() => {
    at = folder('licenses-demo-ids-');
    lockFolder = mkdtempSync(join(tmpdir(), 'licenses-demo-ids-lock-'));
  });
  afterEach(() => {
    rmSync(at.dir, { recursive: true, force: true });
    rmSync(lockFolder, { recursive: true, force: true });
  });

  it('a journal of Fabrikam named by domain records its id; a retry with the file naming Fabrikam by id is accepted', async () => {
    const first = await apply([fabrikam(FABRIKAM.domain)]);
    assert.equal(first.code, 1, 'Mia Laurent has no usage location');
    const [journal] = at.journals();
    const header = at.header(journal);
    assert.equal(header.tenantId, FABRIKAM.tenantId);
    assert.equal(header.fileTenant, FABRIKAM.tenantId);
    assert.match(journal, /phone\.licenses\.fabrikam\.onmicrosoft\.com/, 'the journal is named as the file wrote it');

    fabrikam(FABRIKAM.tenantId, 'usage-location US\n');
    const retried = await apply(['--retry-failed', journal]);
    assert.equal(retried.code, 0, retried.io.err.join('\n'));
    assert.ok(
      retried.io.out.some((l) => l.startsWith(`✓ mia.laurent@${FABRIKAM.domain}`)),
      retried.io.out.join('\n'),
    );
  });

  it('files naming Fabrikam by domain and by id are one customer of the demo', async () => {
    const a = fabrikam(FABRIKAM.domain, 'usage-location US\n');
    const b = at.file('by-id.licenses', `tenant ${FABRIKAM.tenantId}\nassign MCOEV\nnoah.keller@${FABRIKAM.domain}\n`);
    const io = capturedIo();
    const code = await at.inside(() => runPlanAcrossTenants([a, b, '--demo'], io, onGraphTime({ lockFolder })));
    assert.equal(code, 0, io.err.join('\n'));
    assert.ok(
      io.out.some((l) => l.includes(`${FABRIKAM.domain} (demo tenant): 3 users, 3 to change`)),
      io.out.join('\n'),
    );
    assert.equal(io.out.at(-1), '1 tenant: every one ended well.');
  });

  it('an older journal that recorded Fabrikam as demo:<name> is still Fabrikam’s; another customer’s is refused', async () => {
    await apply([fabrikam(FABRIKAM.domain, 'usage-location US\n')]);
    const [journal] = at.journals();
    const older = (tenantId: string, fileTenant: string) => {
      const [first, ...rest] = readFileSync(journal, 'utf8').split('\n');
      const header = { ...(JSON.parse(first) as object), tenantId, fileTenant };
      return at.file(`older-${rest.length}-${fileTenant}.jsonl`, [JSON.stringify(header), ...rest].join('\n'));
    };
    // Each undo starts a demo of its own, where the run never happened: the journal is read and Fabrikam's users
    // compared with it, not refused.
    for (const name of [FABRIKAM.domain, FABRIKAM.tenantId]) {
      const io = capturedIo();
      const output = join(at.dir, `undo-${name}.licenses`);
      await runUndoCommand([older(`demo:${name}`, name), '--demo', '--output', output], io, onGraphTime());
      assert.ok(!io.err.some((l) => /written for/.test(l)), io.err.join('\n'));
      assert.ok(
        io.out.some((l) => l.includes(`mia.laurent@${FABRIKAM.domain}: no longer holds MCOEV`)),
        io.out.join('\n'),
      );
    }
    const io = capturedIo();
    const other = older(`demo:${NORTHWIND.domain}`, FABRIKAM.domain);
    const code = await runUndoCommand([other, '--demo', '--output', join(at.dir, 'other.licenses')], io, onGraphTime());
    assert.equal(code, 2);
    assert.match(io.err.join('\n'), /the journal was written for/);
  });
});
