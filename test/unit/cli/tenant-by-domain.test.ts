import * as assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/cli';
import type { PlanApplyOptions } from '../../../src/cli/plan-apply';
import { DEMO_CUSTOMERS, startEmulator, type RunningEmulator } from '../../../src/emulator';
import { capturedIo } from '../fixtures/captured-io';
import { VirtualClock } from '../fixtures/virtual-clock';
import { appOnlyEnv } from '../fixtures/test-tenant';

const NORTHWIND = DEMO_CUSTOMERS.northwind;

/**
 * App-only, as CI signs in (AZURE_CLIENT_ID with a secret), against the demo partner's emulator: a file names its
 * customer by domain, Microsoft Entra resolves it, and the journal records the tenant's id, so that the journal's
 * commands find the tenant whether the files, an older journal or VS Code named it by domain or by id.
 */
describe('a tenant named by domain is the tenant of its id (app-only)', () => {
  let emu: RunningEmulator;
  let clock: VirtualClock;
  let dir: string;
  let options: PlanApplyOptions;
  const run = async (argv: string[]) => {
    const io = capturedIo();
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      return { code: await main(argv, io, options), io };
    } finally {
      process.chdir(cwd);
    }
  };
  const file = (usageLocation: string) => {
    const path = join(dir, 'mail.licenses');
    writeFileSync(
      path,
      `tenant ${NORTHWIND.domain}\n${usageLocation}assign EXCHANGESTANDARD\n` +
        `ava.martin@${NORTHWIND.domain}\nomar.haddad@${NORTHWIND.domain}\n`,
    );
    return path;
  };
  const licenses = (upn: string) =>
    emu
      .tenantOf(NORTHWIND.domain)!
      .findUser(upn)!
      .licenses.map((l) => emu.tenantOf(NORTHWIND.domain)!.findSku(l.skuId)!.skuPartNumber);
  /** The first run's journal (a journal's name starts with the time its run started). */
  const journalOf = () =>
    join(
      dir,
      readdirSync(dir)
        .filter((f) => f.startsWith('licenses-results-'))
        .sort()[0],
    );
  /** The journal with its header changed, as an older CLI or VS Code would have written it. */
  const rewritten = (path: string, header: Record<string, string>) => {
    const [first, ...rest] = readFileSync(path, 'utf8').split('\n');
    const copy = join(
      dir,
      `copy-${Object.values(header)
        .join('-')
        .replace(/[^\w.-]/g, '')}.jsonl`,
    );
    writeFileSync(copy, [JSON.stringify({ ...(JSON.parse(first) as object), ...header }), ...rest].join('\n'));
    return copy;
  };

  beforeEach(async () => {
    clock = new VirtualClock();
    emu = await startEmulator({ clock: clock.emulator, replicationLag: false });
    dir = mkdtempSync(join(tmpdir(), 'licenses-by-domain-'));
    options = {
      env: appOnlyEnv(emu),
      clock: clock.run,
      lockFolder: mkdtempSync(join(tmpdir(), 'licenses-by-domain-lock-')),
    };
  });
  afterEach(async () => {
    await emu.close();
    rmSync(dir, { recursive: true, force: true });
    rmSync(options.lockFolder!, { recursive: true, force: true });
  });

  it('the journal records the id, the name stays as typed; the retry and the undo of it reach the tenant', async () => {
    const applied = await run(['apply', file(''), '--yes']);
    assert.equal(applied.code, 1, 'omar.haddad has no usage location');
    const header = JSON.parse(readFileSync(journalOf(), 'utf8').split('\n')[0]) as Record<string, string>;
    assert.equal(header.tenant, NORTHWIND.domain);
    assert.equal(header.tenantId, NORTHWIND.tenantId);
    assert.equal(header.fileTenant, NORTHWIND.tenantId);
    assert.match(journalOf(), /mail\.licenses\.northwindtraders\.onmicrosoft\.com/, 'the journal is named as typed');

    file('usage-location GB\n');
    const retried = await run(['apply', '--retry-failed', journalOf(), '--yes']);
    assert.equal(retried.code, 0, retried.io.err.join('\n'));
    assert.deepEqual(licenses(`omar.haddad@${NORTHWIND.domain}`), ['EXCHANGESTANDARD']);

    const undone = await run(['undo', journalOf(), '--output', join(dir, 'undo.licenses')]);
    assert.equal(undone.code, 0, undone.io.err.join('\n'));
    const undo = readFileSync(join(dir, 'undo.licenses'), 'utf8');
    assert.match(undo, new RegExp(`^tenant ${NORTHWIND.tenantId}$`, 'm'), 'the undo file is for the same tenant');
    assert.match(undo, /^ava\.martin@northwindtraders\.onmicrosoft\.com$/m);
    // Planned as it is, the undo file goes to Northwind, not to the configured tenant.
    const planned = await run(['plan', join(dir, 'undo.licenses')]);
    assert.equal(planned.code, 0, planned.io.err.join('\n'));
    assert.ok(planned.io.out.includes(`[${NORTHWIND.tenantId}]     ava.martin@${NORTHWIND.domain}`));
    assert.ok(planned.io.out.some((l) => l.startsWith(`${NORTHWIND.tenantId}: 1 user, 1 to change`)));
  });

  it('AZURE_TENANT_ID given as a domain: the journal records the id, and a retry configured with the id is accepted', async () => {
    const env = options.env!;
    options = { ...options, env: { ...env, AZURE_TENANT_ID: NORTHWIND.domain } };
    const path = file('');
    // A file without a tenant line: the configured tenant's, an ordinary one-tenant run.
    writeFileSync(path, readFileSync(path, 'utf8').replace(/^tenant .*\n/, ''));
    assert.equal((await run(['apply', path, '--yes'])).code, 1);
    const header = JSON.parse(readFileSync(journalOf(), 'utf8').split('\n')[0]) as Record<string, string>;
    assert.equal(header.tenantId, NORTHWIND.tenantId);
    assert.equal(header.fileTenant, undefined);

    writeFileSync(path, `usage-location GB\n${readFileSync(path, 'utf8')}`);
    options = { ...options, env: { ...env, AZURE_TENANT_ID: NORTHWIND.tenantId } };
    const retried = await run(['apply', '--retry-failed', journalOf(), '--yes']);
    assert.equal(retried.code, 0, retried.io.err.join('\n'));
    assert.deepEqual(licenses(`omar.haddad@${NORTHWIND.domain}`), ['EXCHANGESTANDARD']);
  });

  it('a journal recorded by domain, or by id with the files naming the domain, is accepted; another tenant’s is refused', async () => {
    await run(['apply', file('usage-location GB\n'), '--yes']);
    const journal = journalOf();
    const byDomain = rewritten(journal, { tenantId: NORTHWIND.domain, fileTenant: NORTHWIND.domain });
    const byIdNamedByDomain = rewritten(journal, { tenantId: NORTHWIND.tenantId, fileTenant: NORTHWIND.domain });
    for (const accepted of [byDomain, byIdNamedByDomain]) {
      const undone = await run(['undo', accepted, '--output', join(dir, 'undo.licenses'), '--force']);
      assert.equal(undone.code, 0, undone.io.err.join('\n'));
      assert.match(readFileSync(join(dir, 'undo.licenses'), 'utf8'), /remove EXCHANGESTANDARD/);
    }
    const other = rewritten(journal, { tenantId: DEMO_CUSTOMERS.fabrikam.tenantId, fileTenant: NORTHWIND.domain });
    const refused = await run(['undo', other, '--output', join(dir, 'other.licenses')]);
    assert.equal(refused.code, 2);
    assert.match(
      refused.io.err.join('\n'),
      new RegExp(`the journal was written for .*\\(${DEMO_CUSTOMERS.fabrikam.tenantId}\\)`),
    );
  });

  it('status and reprocess accept the journal of the same tenant named the other way, and refuse another’s', async () => {
    const omar = emu.tenantOf(NORTHWIND.domain)!.findUser(`omar.haddad@${NORTHWIND.domain}`)!;
    const at = '2026-01-01T00:00:00.000Z';
    const journal = (tenantId: string, fileTenant: string) => {
      const path = join(dir, `groups-${tenantId}-${fileTenant}.jsonl`);
      const lines = [
        {
          journal: 'm365-licenses',
          version: 1,
          files: ['mail.licenses'],
          tenant: fileTenant,
          tenantId,
          fileTenant,
          startedAt: at,
        },
        {
          kind: 'group',
          group: 'Mail users',
          groupId: '7c1f3a52-0f6e-4a52-9a8e-3f1e0b6c2d10',
          outcome: 'changed',
          at,
          added: ['EXCHANGESTANDARD'],
          removed: [],
          processingState: 'ProcessingInProgress',
        },
        {
          kind: 'member-error',
          at,
          group: 'Mail users',
          groupId: '7c1f3a52-0f6e-4a52-9a8e-3f1e0b6c2d10',
          user: omar.userPrincipalName,
          userId: omar.id,
          sku: 'EXCHANGESTANDARD',
          skuId: omar.id,
          state: 'Error',
          error: 'CountViolation',
          fix: 'buy seats',
        },
      ];
      writeFileSync(path, `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`);
      return path;
    };
    for (const [tenantId, fileTenant] of [
      [NORTHWIND.domain, NORTHWIND.domain],
      [NORTHWIND.tenantId, NORTHWIND.domain],
      [NORTHWIND.tenantId, NORTHWIND.tenantId],
    ]) {
      const status = await run(['status', journal(tenantId, fileTenant), '--wait', '0']);
      assert.ok(!status.io.err.some((l) => /not followed/.test(l)), status.io.err.join('\n'));
      const reprocess = await run(['reprocess', journal(tenantId, fileTenant), '--yes']);
      assert.ok(!reprocess.io.err.some((l) => /not reprocessed/.test(l)), reprocess.io.err.join('\n'));
      assert.ok(reprocess.io.out.join('\n').includes(omar.userPrincipalName), reprocess.io.out.join('\n'));
    }
    const other = journal(DEMO_CUSTOMERS.fabrikam.tenantId, NORTHWIND.domain);
    const status = await run(['status', other, '--wait', '0']);
    assert.equal(status.code, 2);
    assert.match(status.io.err.join('\n'), /not followed: the journal was written for/);
    const reprocess = await run(['reprocess', other, '--yes']);
    assert.equal(reprocess.code, 2);
    assert.match(reprocess.io.err.join('\n'), /not reprocessed: the journal was written for/);
  });
});
