import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { E5_PILOT_GROUP_ID, ALL_SALES_GROUP_ID } from '../../../src/emulator';
import { runReprocessCommand } from '../../../src/cli/reprocess';
import { SKU } from '../emulator/helpers';
import { startTenant, type TestTenant } from '../fixtures/test-tenant';
import { capturedIo } from '../fixtures/captured-io';

describe('CLI: reprocess JOURNAL', () => {
  let t: TestTenant;
  let dir: string;
  let env: Record<string, string>;
  beforeEach(async () => {
    t = await startTenant();
    dir = mkdtempSync(join(tmpdir(), 'licenses-reprocess-'));
    env = { LICENSES_GRAPH_URL: t.emulator.baseUrl, LICENSES_ACCESS_TOKEN: t.emulator.token };
  });
  afterEach(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A journal as apply writes it, naming two demo members in error. */
  function journal(tenantId = t.emulator.baseUrl): string {
    const catherine = t.emulator.tenant.findUser('catherine.gibson@contoso.com')!;
    const anna = t.emulator.tenant.findUser('anna.bergman@contoso.com')!;
    const at = '2026-01-01T00:00:00Z';
    const lines = [
      { journal: 'm365-licenses', version: 1, files: ['groups.licenses'], tenant: 'test', tenantId, startedAt: at },
      {
        kind: 'group',
        group: 'E5 Pilot',
        groupId: E5_PILOT_GROUP_ID,
        outcome: 'changed',
        added: ['ENTERPRISEPREMIUM'],
        removed: [],
        processingState: 'ProcessingComplete',
        at,
      },
      {
        kind: 'member-error',
        group: 'E5 Pilot',
        groupId: E5_PILOT_GROUP_ID,
        user: catherine.userPrincipalName,
        userId: catherine.id,
        sku: 'ENTERPRISEPREMIUM',
        skuId: SKU.E5,
        state: 'Error',
        error: 'CountViolation',
        fix: 'buy seats',
        at,
      },
      {
        kind: 'member-error',
        group: 'All Sales',
        groupId: ALL_SALES_GROUP_ID,
        user: anna.userPrincipalName,
        userId: anna.id,
        sku: 'ENTERPRISEPACK',
        skuId: SKU.E3,
        state: 'Error',
        error: 'MutuallyExclusiveViolation',
        fix: 'remove E1',
        at,
      },
    ];
    const path = join(dir, 'run.jsonl');
    writeFileSync(path, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    return path;
  }

  it('reprocesses the members in error: one whose cause is gone is licensed, one whose cause remains is said to be still in error', async () => {
    const io = capturedIo();
    const code = await runReprocessCommand([journal(), '--yes'], io, { env });
    assert.equal(t.emulator.stats.byRoute['POST /users/{id}/reprocessLicenseAssignment'], 2);
    assert.deepEqual(io.out.slice(0, 2).sort(), [
      '✓ catherine.gibson@contoso.com reprocessed: no error left',
      '✗ anna.bergman@contoso.com reprocessed, still in error: ENTERPRISEPACK MutuallyExclusiveViolation',
    ]);
    assert.equal(code, 1, 'a member still in error is a problem');
    // E5 had seats again: catherine holds it now, from the group.
    assert.ok(t.emulator.tenant.heldSkuIds(t.emulator.tenant.findUser('catherine.gibson@contoso.com')!).has(SKU.E5));
  });

  it('asks before writing on a real tenant and writes nothing without an answer', async () => {
    const io = capturedIo();
    assert.equal(await runReprocessCommand([journal()], io, { env }), 2);
    assert.match(io.err.join('\n'), /--yes/);
    assert.equal(t.emulator.stats.byRoute['POST /users/{id}/reprocessLicenseAssignment'], undefined);
  });

  it('refuses a journal of another tenant', async () => {
    const io = capturedIo();
    assert.equal(await runReprocessCommand([journal('11111111-2222-3333-4444-555555555555'), '--yes'], io, { env }), 2);
    assert.match(io.err.join('\n'), /written for test/);
    assert.equal(t.emulator.stats.byRoute['POST /users/{id}/reprocessLicenseAssignment'], undefined);
  });
});
