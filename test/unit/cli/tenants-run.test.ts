import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runApplyAcrossTenants, runPlanAcrossTenants } from '../../../src/cli/fleet/plan-apply-tenants';
import { runUndoCommand } from '../../../src/cli/undo';
import type { CliIo } from '../../../src/cli/io';
import { emulatorTenants, type CliTenant, type TenantTarget } from '../../../src/cli/tenant';
import { connectToGraph } from '../../../src/core/graph/connection';
import { DEMO_APP_ID, DEMO_CUSTOMERS, startEmulator, type RunningEmulator } from '../../../src/emulator';
import { capturedIo } from '../fixtures/captured-io';
import frenchBundle from '../../../l10n/bundle.l10n.fr.json';
import { bundleTranslator } from '../../../src/core/text/translate';
import { onGraphTime } from '../fixtures/virtual-clock';

const FABRIKAM = 'fabrikam.onmicrosoft.com';
const NORTHWIND = 'northwindtraders.onmicrosoft.com';
/** The demo's customer whose relationship expired and where the app is not consented. */
const TAILSPIN = 'tailspintoys.onmicrosoft.com';

/**
 * The emulator's partner and its customers behind one server: each tenant reached with an app-only
 * token asked for that tenant, as the multi-tenant app does; what a run reaches is decided by the
 * file's `tenant` line.
 */
describe('plan and apply across tenants (files that name their tenant)', () => {
  const names = [FABRIKAM, NORTHWIND] as const;
  let emulator: RunningEmulator;
  let dir: string;
  let lockFolder: string;
  let reached: (string | undefined)[];
  /** Tenants whose Graph is down: their connection goes to a closed port. */
  let down: Set<string>;
  let closedUrl: string;
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, text);
    return path;
  };
  const connect = async (target: TenantTarget | undefined, io: CliIo): Promise<CliTenant | undefined> => {
    reached.push(target?.tenant);
    const tenant = await emulatorTenants(emulator, DEMO_APP_ID)(target, io);
    if (!tenant || !target?.tenant || !down.has(target.tenant)) return tenant;
    // Quick retries: the outage is certain, the test need not wait out the product's patience.
    const connection = connectToGraph({
      baseUrl: closedUrl,
      getAccessToken: async () => emulator.token,
      label: target.tenant,
      retry: { baseDelayMs: 1, maxDelayMs: 5, requestTimeoutMs: 1000, userDeadlineMs: 1000 },
    });
    return { ...tenant, connection };
  };
  const licenses = (tenant: string, upn: string) =>
    emulator
      .tenantOf(tenant)!
      .findUser(upn)!
      .licenses.map((l) => emulator.tenantOf(tenant)!.findSku(l.skuId)!.skuPartNumber);

  before(async () => {
    const closed = await startEmulator();
    closedUrl = closed.baseUrl;
    await closed.close();
  });
  beforeEach(async () => {
    emulator = await startEmulator({ latencyMs: 0, replicationLag: false });
    dir = mkdtempSync(join(tmpdir(), 'licenses-tenants-'));
    lockFolder = mkdtempSync(join(tmpdir(), 'licenses-tenants-lock-'));
    reached = [];
    down = new Set();
  });
  afterEach(async () => {
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
    rmSync(lockFolder, { recursive: true, force: true });
  });

  const FILES: Record<string, string> = {
    [FABRIKAM]: `tenant ${FABRIKAM}\nassign MCOEV\nava.martin@${FABRIKAM}\n`,
    [NORTHWIND]: `tenant ${NORTHWIND}\nusage-location GB\nassign EXCHANGESTANDARD\nomar.haddad@${NORTHWIND}\n`,
    [TAILSPIN]: `tenant ${TAILSPIN}\nassign ENTERPRISEPACK\nava.martin@${TAILSPIN}\n`,
  };
  const withCwd = async <T>(f: () => Promise<T>): Promise<T> => {
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      return await f();
    } finally {
      process.chdir(cwd);
    }
  };
  it('plan: each tenant planned against its own state, every line led by its tenant, one summary for the run', async () => {
    const a = file('fabrikam/phone.licenses', FILES[FABRIKAM]);
    const b = file('northwind/mail.licenses', FILES[NORTHWIND]);
    const io = capturedIo();
    const code = await runPlanAcrossTenants([a, b], io, { connect, lockFolder });
    assert.equal(code, 0, io.err.join('\n'));
    assert.deepEqual(reached.sort(), [...names].sort());
    const body = io.out.slice(0, -1).filter((l) => l !== '');
    for (const line of body)
      assert.match(
        line,
        /^\[(fabrikam|northwindtraders)\.onmicrosoft\.com\] |^(fabrikam|northwindtraders)\S* \(demo tenant\): /,
      );
    assert.ok(io.out.some((l) => /^\[fabrikam\.onmicrosoft\.com\] .*ava\.martin@fabrikam/.test(l)));
    assert.ok(io.out.some((l) => /^fabrikam\.onmicrosoft\.com \(demo tenant\): 1 user, 1 to change/.test(l)));
    assert.ok(io.out.some((l) => /^northwindtraders\.onmicrosoft\.com \(demo tenant\): 1 user, 1 to change/.test(l)));
    assert.equal(io.out.at(-1), '2 tenants: every one ended well.');
    assert.deepEqual(licenses(FABRIKAM, `ava.martin@${FABRIKAM}`), ['SPE_E3'], 'plan writes nothing');
  });

  it("a tenant's files are merged, as one run of several files is; plan --json gives every line its tenant", async () => {
    const a1 = file('a1.licenses', FILES[FABRIKAM]);
    const a2 = file('a2.licenses', `tenant ${FABRIKAM.toUpperCase()}\nassign MCOEV\nnoah.keller@${FABRIKAM}\n`);
    const b = file('b.licenses', FILES[NORTHWIND]);
    const io = capturedIo();
    assert.equal(await runPlanAcrossTenants([a1, b, a2, '--json'], io, { connect, lockFolder }), 0, io.err.join('\n'));
    const summaries = io.out
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { tenant: string; summary?: { users: number } })
      .filter((l) => l.summary);
    assert.deepEqual(
      summaries.map((s) => [s.tenant, s.summary!.users]),
      [
        [FABRIKAM, 2],
        [NORTHWIND, 1],
      ],
    );
    assert.equal(reached.length, 2, 'one connection per tenant, not per file');
  });

  it('apply --yes: a tenant where the app is not consented fails alone, the others are written, exit from the worst', async () => {
    const files = [FABRIKAM, NORTHWIND, TAILSPIN].map((n, i) => file(`${i}.licenses`, FILES[n]));
    const io = capturedIo();
    const code = await withCwd(() => runApplyAcrossTenants([...files, '--yes'], io, { connect, lockFolder }));
    assert.equal(code, 2);
    assert.deepEqual(licenses(FABRIKAM, `ava.martin@${FABRIKAM}`).sort(), ['MCOEV', 'SPE_E3']);
    assert.deepEqual(licenses(NORTHWIND, `omar.haddad@${NORTHWIND}`), ['EXCHANGESTANDARD']);
    assert.ok(
      io.err.some((l) =>
        l.startsWith(`[${TAILSPIN}] Cannot reach tenant ${TAILSPIN}: the app is not consented there.`),
      ),
      io.err.join('\n'),
    );
    assert.ok(io.out.some((l) => l.startsWith(`[${FABRIKAM}] ✓ ava.martin@${FABRIKAM} +MCOEV`)));
    assert.ok(
      io.out.some((l) => l.startsWith(`[${NORTHWIND}] ✓ omar.haddad@${NORTHWIND} usage location GB +EXCHANGESTANDARD`)),
    );
    assert.equal(io.out.at(-1), `3 tenants: 2 ended well, problems in ${TAILSPIN}.`);
    // One journal per tenant, each recording its tenant by id in its header, named after it as the file wrote it.
    const journals = readdirSync(dir).filter((f) => f.endsWith('.jsonl'));
    assert.equal(journals.length, 2);
    assert.deepEqual(journals.map((j) => /\.licenses\.(\w+)\./.exec(j)?.[1]).sort(), ['fabrikam', 'northwindtraders']);
    const headers = journals.map(
      (j) => JSON.parse(readFileSync(join(dir, j), 'utf8').split('\n')[0]) as { fileTenant: string },
    );
    assert.deepEqual(
      headers.map((h) => h.fileTenant).sort(),
      [DEMO_CUSTOMERS.fabrikam.tenantId, DEMO_CUSTOMERS.northwind.tenantId].sort(),
    );
  });

  it('apply asks once for every tenant, showing each tenant’s totals; no writes anywhere when the answer is no', async () => {
    const a = file('a.licenses', FILES[FABRIKAM]);
    const b = file('b.licenses', FILES[NORTHWIND]);
    const questions: string[] = [];
    const io = capturedIo();
    io.prompt = async (q) => {
      questions.push(q);
      return 'n';
    };
    // Not the demo: the connection says so, and a real tenant is asked.
    const real = async (target: TenantTarget | undefined, cio: CliIo) => {
      const tenant = await connect(target, cio);
      return tenant && { ...tenant, demo: false };
    };
    const code = await runApplyAcrossTenants([a, b], io, { connect: real, lockFolder });
    assert.equal(code, 0);
    assert.equal(questions.length, 1);
    const q = questions[0];
    assert.match(q, /^2 tenants, one confirmation:\n {2}fabrikam\.onmicrosoft\.com: 1 to change/);
    assert.match(q, /\n {2}northwindtraders\.onmicrosoft\.com: 1 to change/);
    assert.match(q, /\[northwindtraders\.onmicrosoft\.com\] Tenant: northwindtraders\.onmicrosoft\.com/);
    assert.match(q, /Apply these changes to 2 tenants\? \[y\/N\] $/);
    assert.deepEqual(licenses(FABRIKAM, `ava.martin@${FABRIKAM}`), ['SPE_E3']);
    assert.deepEqual(licenses(NORTHWIND, `omar.haddad@${NORTHWIND}`), []);
  });

  it('apply with a tenant whose Graph is down: that tenant fails alone', async () => {
    const a = file('a.licenses', FILES[FABRIKAM]);
    const b = file('b.licenses', FILES[NORTHWIND]);
    down.add(NORTHWIND);
    const io = capturedIo();
    const code = await withCwd(() => runApplyAcrossTenants([a, b, '--yes'], io, { connect, lockFolder }));
    assert.equal(code, 2);
    assert.deepEqual(licenses(FABRIKAM, `ava.martin@${FABRIKAM}`).sort(), ['MCOEV', 'SPE_E3'], 'fabrikam is written');
    assert.ok(
      io.err.some((l) => l.startsWith(`[${NORTHWIND}] Cannot read ${NORTHWIND}`)),
      io.err.join('\n'),
    );
    assert.equal(io.out.at(-1), `2 tenants: 1 ended well, problems in ${NORTHWIND}.`);
  });

  it('--journal with several tenants is refused before anything is read; with one tenant it names its journal', async () => {
    const a = file('a.licenses', FILES[FABRIKAM]);
    const b = file('b.licenses', FILES[NORTHWIND]);
    const io = capturedIo();
    assert.equal(await runApplyAcrossTenants([a, b, '--yes', '--journal', join(dir, 'j.jsonl')], io, { connect }), 2);
    assert.match(io.err[0], /a journal per tenant/);
    assert.deepEqual(reached, []);
    // One tenant, one journal: --journal names it.
    const journal = join(dir, 'one.jsonl');
    assert.equal(
      await runApplyAcrossTenants([a, '--yes', '--journal', journal], capturedIo(), { connect, lockFolder }),
      0,
    );
    const header = JSON.parse(readFileSync(journal, 'utf8').split('\n')[0]) as { fileTenant: string };
    assert.equal(header.fileTenant, DEMO_CUSTOMERS.fabrikam.tenantId);
  });

  it('retry knows the tenant from the journal: --retry-failed connects to the tenant its files named', async () => {
    const text = (location: string) =>
      `tenant ${NORTHWIND}\n${location}assign EXCHANGESTANDARD\nomar.haddad@${NORTHWIND}\nava.martin@${NORTHWIND}\n`;
    const a = file('a.licenses', text(''));
    await withCwd(async () => {
      assert.equal(await runApplyAcrossTenants([a, '--yes'], capturedIo(), { connect, lockFolder }), 1);
      const journal = readdirSync(dir).find((f) => f.endsWith('.jsonl'))!;
      writeFileSync(a, text('usage-location GB\n'));
      reached = [];
      const io = capturedIo();
      assert.equal(await runApplyAcrossTenants(['--retry-failed', journal, '--yes'], io, { connect, lockFolder }), 0);
      assert.deepEqual(reached, [DEMO_CUSTOMERS.northwind.tenantId], 'the tenant the journal recorded, by its id');
      assert.deepEqual(licenses(NORTHWIND, `omar.haddad@${NORTHWIND}`), ['EXCHANGESTANDARD'], io.err.join('\n'));
    });
  });

  it('the demo: files naming the partner’s customers are applied to each customer, Tailspin refused', async () => {
    const files = [FABRIKAM, TAILSPIN].map((n, i) => file(`${i}.licenses`, FILES[n]));
    const io = capturedIo();
    const code = await withCwd(() => runApplyAcrossTenants([...files, '--demo'], io, onGraphTime({ lockFolder })));
    assert.equal(code, 2);
    assert.ok(
      io.out.some((l) => l.startsWith(`[${FABRIKAM}] ✓ ava.martin@${FABRIKAM} +MCOEV`)),
      io.out.join('\n'),
    );
    assert.ok(
      io.err.some((l) =>
        l.startsWith(`[${TAILSPIN}] Cannot reach tenant ${TAILSPIN}: the app is not consented there.`),
      ),
    );
  });

  it('undo knows the tenant from the journal: a demo run of a file naming its tenant is undone in that tenant', async () => {
    const a = file('a.licenses', FILES[FABRIKAM]);
    await withCwd(async () => {
      assert.equal(await runApplyAcrossTenants([a, '--demo'], capturedIo(), onGraphTime({ lockFolder })), 0);
      const journal = readdirSync(dir).find((f) => f.endsWith('.jsonl'))!;
      assert.match(journal, /fabrikam\.onmicrosoft\.com/, 'the journal is named after its tenant');
      const io = capturedIo();
      await runUndoCommand([journal, '--demo', '--output', join(dir, 'undo.licenses')], io, onGraphTime());
      assert.ok(!io.err.some((l) => /written for/.test(l)), io.err.join('\n'));
      assert.match(readFileSync(join(dir, 'undo.licenses'), 'utf8'), /ava\.martin@fabrikam\.onmicrosoft\.com/);
    });
  });

  it('says it in French: the one question and the run summary', async () => {
    const a = file('a.licenses', FILES[FABRIKAM]);
    const b = file('b.licenses', FILES[NORTHWIND]);
    const questions: string[] = [];
    const io = { ...capturedIo(), t: bundleTranslator(frenchBundle, 'fr') };
    const real = async (target: TenantTarget | undefined, cio: CliIo) => {
      const tenant = await connect(target, cio);
      return tenant && { ...tenant, demo: false };
    };
    io.prompt = async (q: string) => {
      questions.push(q);
      return 'non';
    };
    assert.equal(await runApplyAcrossTenants([a, b], io, { connect: real, lockFolder }), 0);
    assert.match(questions[0], /^2 locataires, une seule confirmation :/);
    assert.match(questions[0], /Appliquer ces modifications à 2 locataires \? \[o\/N\] $/);
    assert.equal(io.out.at(-1), '2 locataires : tous se sont bien terminés.');
  });
});
