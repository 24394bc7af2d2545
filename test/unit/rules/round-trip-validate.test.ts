import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Catalog } from '../../../src/core/catalog/catalog';
import { parseLicensesFile } from '../../../src/core/format';
import { desiredUsers } from '../../../src/core/desired/desired-users';
import { desiredGroups } from '../../../src/core/desired/desired-groups';
import { exportTenant } from '../../../src/core/inventory/export-tenant';
import { RECLAIM_KINDS, reclaimFile } from '../../../src/core/inventory/reclaim-file';
import { readTenantReport } from '../../../src/core/inventory/tenant-report';
import { JournalWriter } from '../../../src/core/journal/journal';
import { readAllGroups } from '../../../src/core/reads/group-reads';
import { redundantDirectCopies, removeDirectCopiesFile } from '../../../src/core/report/redundant-direct';
import { validateWithTenant } from '../../../src/core/rules/validate-with-tenant';
import { planLicenses } from '../../../src/core/run/read-and-plan';
import { TenantGroups, tenantGroupOf } from '../../../src/core/tenant/tenant-groups';
import { loadTenantSkus } from '../../../src/core/tenant/tenant-skus';
import { prepareUndo } from '../../../src/core/undo/prepare-undo';
import { run, startTenant, UPN, type TestTenant } from '../fixtures/test-tenant';

const catalog = Catalog.builtIn();

/** The errors and warnings the editor shows on `text` with the tenant signed in: the file's rules and the tenant's. */
async function problemsSignedIn(t: TestTenant, text: string): Promise<string[]> {
  const skus = await loadTenantSkus(t.connection);
  const groups = await readAllGroups(t.connection);
  assert.ok(skus.ok && groups.ok);
  const tenantGroups = new TenantGroups(groups.value.map((g) => tenantGroupOf(g)));
  return validateWithTenant(parseLicensesFile(text), catalog, skus.value, tenantGroups)
    .filter((f) => f.severity !== 'information')
    .map((f) => `${f.range.start.line + 1} ${f.severity} ${f.code}: ${f.message}`);
}

describe('round trip: every file the product writes validates with 0 errors and 0 warnings, tenant signed in', () => {
  let t: TestTenant;
  let dir: string;
  beforeEach(async () => {
    t = await startTenant();
    dir = mkdtempSync(join(tmpdir(), 'licenses-round-trip-'));
  });
  afterEach(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('export of the demo tenant: no false seat warning for holders, no exact without assign, no Calling Plan warning', async () => {
    const exported = await exportTenant(t.connection, { kind: 'licensed' }, { tenantLabel: 'demo tenant' });
    assert.ok(exported.kind === 'exported');
    assert.deepEqual(await problemsSignedIn(t, exported.file.text), [], exported.file.text);
    // The users who hold licenses only through groups are still named, as comments.
    assert.match(exported.file.text, /^# {3}dave@contoso\.com {2}# from group "All Sales"/m);
  });

  it('undo of a run, a user who held nothing directly before included', async () => {
    const journalPath = join(dir, 'run.jsonl');
    const journal = await JournalWriter.open(journalPath, {
      files: ['run.licenses'],
      tenant: 'demo tenant',
      tenantId: 'demo',
      startedAt: new Date().toISOString(),
    });
    const text = [
      'usage-location FR',
      'assign ENTERPRISEPACK',
      UPN('carol'),
      'remove MCOMEETADV',
      UPN('diego.siciliani'),
    ].join('\n');
    try {
      await run(t.connection, desiredUsers(parseLicensesFile(text), catalog), { sink: journal });
    } finally {
      await journal.close();
    }
    const undo = await prepareUndo(t.connection, journalPath, { label: 'demo tenant', id: 'demo' });
    assert.ok(undo.kind === 'ready', JSON.stringify(undo));
    assert.deepEqual([...undo.file.restored].sort(), [UPN('carol'), UPN('diego.siciliani')]);
    assert.match(undo.file.text, /^remove ENTERPRISEPACK\ncarol@contoso\.com$/m, 'carol held nothing directly');
    assert.deepEqual(await problemsSignedIn(t, undo.file.text), [], undo.file.text);
  });

  it('reclaim files (redundant direct copies, disabled accounts, inactive users)', async () => {
    t.emulator.tenant.findUser(UPN('bob'))!.accountEnabled = false;
    const outcome = await readTenantReport(t.connection, { tenantLabel: 'demo tenant' });
    assert.ok(outcome.kind === 'report');
    const skus = await loadTenantSkus(t.connection);
    assert.ok(skus.ok);
    for (const kind of RECLAIM_KINDS) {
      const text = reclaimFile(outcome.report, kind, skus.value);
      assert.ok(text, kind);
      assert.deepEqual(await problemsSignedIn(t, text), [], `${kind}:\n${text}`);
    }
  });

  it('the file removing redundant direct copies, written by plan --redundant-direct', async () => {
    const parsed = parseLicensesFile('assign ENTERPRISEPACK\ngroup All Sales\n');
    const planned = await planLicenses(
      t.connection,
      desiredUsers(parsed, catalog),
      undefined,
      undefined,
      desiredGroups(parsed, catalog),
    );
    assert.ok(planned.kind === 'planned');
    const copies = redundantDirectCopies(planned.plan);
    assert.ok(copies.length > 0);
    const text = removeDirectCopiesFile(copies);
    assert.deepEqual(await problemsSignedIn(t, text), [], text);
  });
});
