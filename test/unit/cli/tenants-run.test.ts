import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runApplyAcrossTenants, runPlanAcrossTenants } from '../../../src/cli/fleet/plan-apply-tenants';
import { runUndoCommand } from '../../../src/cli/undo';
import type { CliIo } from '../../../src/cli/io';
import type { CliTenant, TenantTarget } from '../../../src/cli/tenant';
import { connectToGraph } from '../../../src/core/graph/connection';
import { startTenant, UPN, type TestTenant } from '../fixtures/test-tenant';
import { capturedIo } from '../fixtures/captured-io';

/**
 * One emulator per tenant behind a per-tenant connection factory: what a run over several tenants
 * reaches is decided by the file's `tenant` line, and a tenant the factory cannot reach is refused.
 */
describe('plan and apply across tenants (files that name their tenant)', () => {
  const names = ['contoso.onmicrosoft.com', 'fabrikam.onmicrosoft.com'] as const;
  let tenants: Map<string, TestTenant>;
  let dir: string;
  let lockFolder: string;
  let reached: (string | undefined)[];
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, text);
    return path;
  };
  const connect = async (target: TenantTarget | undefined, io: CliIo): Promise<CliTenant | undefined> => {
    reached.push(target?.tenant);
    const t = target?.tenant ? tenants.get(target.tenant.toLowerCase()) : undefined;
    if (!t) {
      io.stderr(`${target?.tenant}: the app is not consented in this tenant`);
      return undefined;
    }
    const label = target!.tenant!;
    const connection = connectToGraph({
      baseUrl: t.emulator.baseUrl,
      getAccessToken: async () => t.emulator.token,
      label,
      retry: { baseDelayMs: 5, maxDelayMs: 20, requestTimeoutMs: 2000, userDeadlineMs: 2000 },
      ...(target?.sharedPacer ? { sharedPacer: target.sharedPacer } : {}),
    });
    return { connection, identity: { label, id: label, named: label }, demo: false, close: async () => undefined };
  };
  const licensed = (tenant: string, user: string) =>
    tenants
      .get(tenant)!
      .emulator.tenant.findUser(UPN(user))!
      .licenses.map((l) => l.skuId).length;

  beforeEach(async () => {
    tenants = new Map();
    for (const n of names) tenants.set(n, await startTenant());
    dir = mkdtempSync(join(tmpdir(), 'licenses-tenants-'));
    lockFolder = mkdtempSync(join(tmpdir(), 'licenses-tenants-lock-'));
    reached = [];
  });
  afterEach(async () => {
    for (const t of tenants.values()) await t.close();
    rmSync(dir, { recursive: true, force: true });
    rmSync(lockFolder, { recursive: true, force: true });
  });

  const PHONE = (tenant: string) => `tenant ${tenant}\nusage-location FR\nassign MCOEV\nalice@contoso.com\n`;

  it('plan: each tenant planned against its own state, every line led by its tenant, one summary for the run', async () => {
    const a = file('contoso/phone.licenses', PHONE(names[0]));
    const b = file('fabrikam/phone.licenses', PHONE(names[1]));
    const io = capturedIo();
    const code = await runPlanAcrossTenants([a, b], io, { connect, lockFolder });
    assert.equal(code, 0, io.err.join('\n'));
    assert.deepEqual(reached.sort(), [...names].sort());
    const body = io.out.slice(0, -1).filter((l) => l !== '');
    for (const line of body)
      assert.match(line, /^\[(contoso|fabrikam)\.onmicrosoft\.com\] |^(contoso|fabrikam)[^ ]*: /);
    assert.ok(io.out.some((l) => /^contoso\.onmicrosoft\.com: 1 user, 1 to change/.test(l)));
    assert.ok(io.out.some((l) => /^fabrikam\.onmicrosoft\.com: 1 user, 1 to change/.test(l)));
    assert.equal(io.out.at(-1), '2 tenants: every one ended well.');
    assert.equal(tenants.get(names[0])!.emulator.stats.writes + tenants.get(names[1])!.emulator.stats.writes, 0);
  });

  it("a tenant's files are merged, as one run of several files is; plan --json gives every line its tenant", async () => {
    const a1 = file('a1.licenses', PHONE(names[0]));
    const a2 = file(
      'a2.licenses',
      `tenant ${names[0].toUpperCase()}\nusage-location FR\nassign MCOEV\ncarol@contoso.com\n`,
    );
    const b = file('b.licenses', PHONE(names[1]));
    const io = capturedIo();
    assert.equal(await runPlanAcrossTenants([a1, b, a2, '--json'], io, { connect, lockFolder }), 0, io.err.join('\n'));
    const summaries = io.out
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { tenant: string; summary?: { users: number } })
      .filter((l) => l.summary);
    assert.deepEqual(
      summaries.map((s) => [s.tenant, s.summary!.users]),
      [
        [names[0], 2],
        [names[1], 1],
      ],
    );
    assert.equal(reached.length, 2, 'one connection per tenant, not per file');
  });

  it('apply --yes: a tenant that cannot be reached fails alone, the others are written, exit from the worst', async () => {
    const a = file('a.licenses', PHONE(names[0]));
    const b = file('b.licenses', PHONE(names[1]));
    const c = file('c.licenses', PHONE('northwind.onmicrosoft.com'));
    const io = capturedIo();
    const cwd = process.cwd();
    process.chdir(dir);
    let code;
    try {
      code = await runApplyAcrossTenants([a, b, c, '--yes'], io, { connect, lockFolder });
    } finally {
      process.chdir(cwd);
    }
    assert.equal(code, 2);
    assert.equal(licensed(names[0], 'alice') > 0 && licensed(names[1], 'alice') > 0, true);
    assert.ok(io.err.includes('northwind.onmicrosoft.com: the app is not consented in this tenant'));
    assert.ok(io.out.some((l) => l.startsWith('[contoso.onmicrosoft.com] ✓ alice@contoso.com +MCOEV')));
    assert.ok(io.out.some((l) => l.startsWith('[fabrikam.onmicrosoft.com] ✓ alice@contoso.com +MCOEV')));
    assert.equal(io.out.at(-1), '3 tenants: 2 ended well, problems in northwind.onmicrosoft.com.');
    // One journal per tenant, each naming its tenant in its header.
    const journals = readdirSync(dir).filter((f) => f.endsWith('.jsonl'));
    assert.equal(journals.length, 2);
    const headers = journals.map(
      (j) => JSON.parse(readFileSync(join(dir, j), 'utf8').split('\n')[0]) as { fileTenant: string },
    );
    assert.deepEqual(headers.map((h) => h.fileTenant).sort(), [...names].sort());
  });

  it('apply asks once for every tenant, showing each tenant’s totals; no writes anywhere when the answer is no', async () => {
    const a = file('a.licenses', PHONE(names[0]));
    const b = file('b.licenses', PHONE(names[1]));
    const questions: string[] = [];
    const io = capturedIo();
    io.prompt = async (q) => {
      questions.push(q);
      return 'n';
    };
    const code = await runApplyAcrossTenants([a, b], io, { connect, lockFolder });
    assert.equal(code, 0);
    assert.equal(questions.length, 1);
    const q = questions[0];
    assert.match(q, /^2 tenants, one confirmation:\n {2}contoso\.onmicrosoft\.com: 1 to change/);
    assert.match(q, /\n {2}fabrikam\.onmicrosoft\.com: 1 to change/);
    assert.match(q, /\[fabrikam\.onmicrosoft\.com\] Tenant: fabrikam\.onmicrosoft\.com/);
    assert.match(q, /Apply these changes to 2 tenants\? \[y\/N\] $/);
    assert.equal(licensed(names[0], 'alice') + licensed(names[1], 'alice'), 0);
  });

  it('apply with a tenant whose Graph is down: that tenant fails alone after the one yes', async () => {
    const a = file('a.licenses', PHONE(names[0]));
    const b = file('b.licenses', PHONE(names[1]));
    await tenants.get(names[1])!.close();
    const io = capturedIo('y');
    const cwd = process.cwd();
    process.chdir(dir);
    let code;
    try {
      code = await runApplyAcrossTenants([a, b], io, { connect, lockFolder });
    } finally {
      process.chdir(cwd);
    }
    assert.equal(code, 2);
    assert.ok(licensed(names[0], 'alice') > 0, 'contoso is written');
    assert.ok(io.err.some((l) => l.startsWith('[fabrikam.onmicrosoft.com] Cannot read fabrikam.onmicrosoft.com')));
    assert.equal(io.out.at(-1), '2 tenants: 1 ended well, problems in fabrikam.onmicrosoft.com.');
  });

  it('--journal with several tenants is refused before anything is read', async () => {
    const a = file('a.licenses', PHONE(names[0]));
    const b = file('b.licenses', PHONE(names[1]));
    const io = capturedIo();
    assert.equal(await runApplyAcrossTenants([a, b, '--yes', '--journal', join(dir, 'j.jsonl')], io, { connect }), 2);
    assert.match(io.err[0], /a journal per tenant/);
    assert.deepEqual(reached, []);
  });

  it('retry knows the tenant from the journal: --retry-failed connects to the tenant its files named', async () => {
    const a = file('a.licenses', `tenant ${names[1]}\nassign MCOEV\nalice@contoso.com\ncarol@contoso.com\n`);
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      assert.equal(await runApplyAcrossTenants([a, '--yes'], capturedIo(), { connect, lockFolder }), 1);
      const journal = readdirSync(dir).find((f) => f.endsWith('.jsonl'))!;
      writeFileSync(a, `tenant ${names[1]}\nusage-location FR\nassign MCOEV\nalice@contoso.com\ncarol@contoso.com\n`);
      reached = [];
      const io = capturedIo();
      assert.equal(await runApplyAcrossTenants(['--retry-failed', journal, '--yes'], io, { connect, lockFolder }), 0);
      assert.deepEqual(reached, [names[1]]);
      assert.ok(licensed(names[1], 'carol') > 0, io.err.join('\n'));
      assert.equal(licensed(names[0], 'carol'), 0, 'the other tenant is untouched');
    } finally {
      process.chdir(cwd);
    }
  });

  it('undo knows the tenant from the journal: a demo run of a file naming its tenant is undone in that tenant', async () => {
    const a = file('a.licenses', PHONE(names[0]));
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      assert.equal(await runApplyAcrossTenants([a, '--demo'], capturedIo(), { lockFolder }), 0);
      const journal = readdirSync(dir).find((f) => f.endsWith('.jsonl'))!;
      assert.match(journal, /contoso\.onmicrosoft\.com/, 'the journal is named after its tenant');
      const io = capturedIo();
      await runUndoCommand([journal, '--demo', '--output', join(dir, 'undo.licenses')], io);
      assert.ok(!io.err.some((l) => /written for/.test(l)), io.err.join('\n'));
    } finally {
      process.chdir(cwd);
    }
  });
});
