import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseLicensesFile } from '../../../src/core/format';
import { readUsers } from '../../../src/core/reads/tenant-reads';
import { directStateOf, type DirectState } from '../../../src/core/plan/direct-state';
import { desiredUsers } from '../../../src/core/desired/desired-users';
import { skuPlans } from '../../../src/core/plan/resulting-licenses';
import { hasErrors, validate } from '../../../src/core/rules';
import { JournalWriter } from '../../../src/core/journal/journal';
import { loadTenantSkus, type TenantSkus } from '../../../src/core/tenant/tenant-skus';
import { prepareUndo, undoFileName } from '../../../src/core/undo/prepare-undo';
import type { GraphConnection } from '../../../src/core/graph/connection';
import { catalog } from '../helpers';
import { resultOf, run, startTenant, UPN, type TestTenant } from '../fixtures/test-tenant';

const TENANT = { label: 'test tenant', id: 'demo' };

/**
 * The run under test: a disabled-plan update, a swap, a removal, a new license with a usage location, a direct copy
 * next to a group's, and an exact block.
 */
const RUN_FILE = [
  'disable ENTERPRISEPACK: SWAY YAMMER_ENTERPRISE',
  'assign ENTERPRISEPACK',
  UPN('bob'),
  'remove ENTERPRISEPACK',
  'assign STANDARDPACK',
  UPN('johanna.lorenz'),
  'remove MCOMEETADV',
  UPN('diego.siciliani'),
  'usage-location FR',
  'assign ENTERPRISEPACK',
  UPN('carol'),
  'remove ENTERPRISEPACK',
  UPN('frank'),
  'exact',
  'assign ENTERPRISEPACK',
  UPN('erin'),
].join('\n');
const USERS = ['bob', 'johanna.lorenz', 'diego.siciliani', 'carol', 'frank', 'erin'].map(UPN);

const fileUsers = (text: string) => desiredUsers(parseLicensesFile(text), catalog);

async function statesOf(
  connection: GraphConnection,
  skus: TenantSkus,
  users: readonly string[],
): Promise<Map<string, DirectState>> {
  const read = await readUsers(connection, users);
  return new Map(
    users.map((u) => {
      const r = read.get(u.toLowerCase());
      assert.ok(r?.kind === 'found', u);
      return [u, directStateOf(r.user, (id) => skuPlans(id, skus).partNumber)];
    }),
  );
}

describe('undo a run: the journal’s state before, and the file that restores it', () => {
  let tenant: TestTenant;
  let dir: string;
  let journalPath: string;
  let skus: TenantSkus;
  beforeEach(async () => {
    tenant = await startTenant();
    dir = mkdtempSync(join(tmpdir(), 'licenses-undo-'));
    journalPath = join(dir, 'run.jsonl');
    const loaded = await loadTenantSkus(tenant.connection);
    assert.ok(loaded.ok);
    skus = loaded.value;
  });
  afterEach(async () => {
    await tenant.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function applyJournalled(text: string) {
    const journal = await JournalWriter.open(journalPath, {
      files: ['run.licenses'],
      tenant: TENANT.label,
      tenantId: TENANT.id,
      startedAt: new Date().toISOString(),
    });
    try {
      return await run(tenant.connection, fileUsers(text), { sink: journal });
    } finally {
      await journal.close();
    }
  }

  it('round trip on the demo tenant: apply, undo, and every user’s direct licenses and disabled plans are as before', async () => {
    const before = await statesOf(tenant.connection, skus, USERS);
    const report = await applyJournalled(RUN_FILE);
    for (const u of USERS)
      assert.equal(resultOf(report, u).outcome, 'changed', `${u}: ${JSON.stringify(resultOf(report, u))}`);
    const changed = await statesOf(tenant.connection, skus, USERS);
    for (const u of USERS)
      assert.notDeepEqual(changed.get(u)?.licenses, before.get(u)?.licenses, `${u} was changed by the run`);

    const undo = await prepareUndo(tenant.connection, journalPath, TENANT);
    assert.equal(undo.kind, 'ready', JSON.stringify(undo));
    assert.ok(undo.kind === 'ready');
    assert.deepEqual([...undo.file.restored].sort(), [...USERS].sort());
    assert.deepEqual(undo.file.changedSince, []);
    const findings = validate(parseLicensesFile(undo.file.text), catalog);
    assert.equal(hasErrors(findings), false, JSON.stringify(findings));
    // The run's file named no tenant: neither does the undo file, which goes where the run went.
    assert.equal(parseLicensesFile(undo.file.text).tenant, undefined);

    const back = await run(tenant.connection, fileUsers(undo.file.text));
    for (const u of USERS)
      assert.equal(resultOf(back, u).outcome, 'changed', `${u}: ${JSON.stringify(resultOf(back, u))}`);
    const after = await statesOf(tenant.connection, skus, USERS);
    for (const u of USERS) assert.deepEqual(after.get(u)?.licenses, before.get(u)?.licenses, u);
    // carol had no usage location; the run set FR, and a file can only say so.
    assert.deepEqual(undo.file.usageLocationsSet, [{ user: UPN('carol'), usageLocation: 'FR' }]);
    assert.match(undo.file.text, /cannot clear one[^\n]*\n#   carol@contoso\.com: FR/);

    // Applied twice, the undo file changes nothing more.
    const again = await run(tenant.connection, fileUsers(undo.file.text));
    for (const u of USERS) assert.equal(resultOf(again, u).outcome, 'unchanged', u);
  });

  it("names the tenant the run's file named: the undo file's preview and apply go to that tenant", async () => {
    const journal = await JournalWriter.open(journalPath, {
      files: ['fabrikam.licenses'],
      tenant: TENANT.label,
      tenantId: TENANT.id,
      fileTenant: 'fabrikam.onmicrosoft.com',
      startedAt: new Date().toISOString(),
    });
    try {
      await run(tenant.connection, fileUsers(['assign MCOEV', UPN('bob')].join('\n')), { sink: journal });
    } finally {
      await journal.close();
    }
    const undo = await prepareUndo(tenant.connection, journalPath, TENANT);
    assert.ok(undo.kind === 'ready', JSON.stringify(undo));
    const parsed = parseLicensesFile(undo.file.text);
    assert.equal(parsed.tenant?.words[0]?.text, 'fabrikam.onmicrosoft.com', undo.file.text);
    assert.equal(hasErrors(validate(parsed, catalog)), false, undo.file.text);
  });

  it('the journal holds each user’s state before on the pending line written ahead of the first write', async () => {
    await applyJournalled(RUN_FILE);
    const lines = readFileSync(journalPath, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const bob = lines.filter((l) => l.user === UPN('bob'));
    assert.deepEqual(
      bob.map((l) => l.outcome),
      ['pending', 'changed'],
    );
    const e3 = skus.resolve('ENTERPRISEPACK');
    assert.ok(e3.kind === 'found');
    const yammer = e3.sku.plans.find((p) => p.servicePlanName === 'YAMMER_ENTERPRISE')!.servicePlanId.toLowerCase();
    const sway = e3.sku.plans.find((p) => p.servicePlanName === 'SWAY')!.servicePlanId.toLowerCase();
    assert.deepEqual(bob[0].before, {
      licenses: [{ skuId: e3.sku.skuId, partNumber: 'ENTERPRISEPACK', disabledPlans: [yammer] }],
      usageLocation: 'US',
    });
    assert.deepEqual(bob[1].after.licenses[0].disabledPlans, [sway, yammer].sort());
  });

  it('a user changed since by someone else is reported and left out, not overwritten', async () => {
    await applyJournalled(RUN_FILE);
    // Someone else gives bob MCOEV after the run (no journal of ours).
    const other = await run(tenant.connection, fileUsers(['assign MCOEV', UPN('bob')].join('\n')));
    assert.equal(resultOf(other, 'bob').outcome, 'changed');
    const undo = await prepareUndo(tenant.connection, journalPath, TENANT);
    assert.ok(undo.kind === 'ready');
    assert.deepEqual(undo.file.changedSince, [{ user: UPN('bob'), differences: ['now also holds MCOEV'] }]);
    assert.ok(!undo.file.restored.includes(UPN('bob')));
    const active = fileUsers(undo.file.text).map((d) => d.user);
    assert.ok(!active.includes(UPN('bob')), 'bob is only in a comment');
    assert.match(
      undo.file.text,
      /# bob@contoso\.com: now also holds MCOEV\n#   exact\n#   assign ENTERPRISEPACK\n#   disable ENTERPRISEPACK: YAMMER_ENTERPRISE\n#   bob@contoso\.com/,
    );
  });

  it('a user already back as before is not in the file; a journal of another tenant or no journal is refused', async () => {
    await applyJournalled(['remove MCOMEETADV', UPN('diego.siciliani')].join('\n'));
    await run(tenant.connection, fileUsers(['assign MCOMEETADV', UPN('diego.siciliani')].join('\n')));
    const undo = await prepareUndo(tenant.connection, journalPath, TENANT);
    assert.ok(undo.kind === 'ready');
    assert.deepEqual(undo.file.alreadyRestored, []);
    assert.equal(
      undo.file.changedSince.length,
      1,
      'MCOMEETADV came back through someone else: it differs from what the run left',
    );

    const other = await prepareUndo(tenant.connection, journalPath, {
      label: 'contoso',
      id: '00000000-0000-0000-0000-000000000001',
    });
    assert.equal(other.kind, 'refused');
    assert.match(other.kind === 'refused' ? other.message : '', /written for test tenant/);
    const junk = join(dir, 'junk.jsonl');
    writeFileSync(junk, 'hello\n');
    const refused = await prepareUndo(tenant.connection, junk, TENANT);
    assert.equal(refused.kind, 'refused');
    assert.match(refused.kind === 'refused' ? refused.message : '', /not a results journal/);
  });

  it('a journal of two runs is undone to the state before the first, and checked against what the second left', async () => {
    const before = await statesOf(tenant.connection, skus, [UPN('bob')]);
    await applyJournalled(['disable ENTERPRISEPACK: SWAY', 'assign ENTERPRISEPACK', UPN('bob')].join('\n'));
    await applyJournalled(['assign MCOEV', UPN('bob')].join('\n'));
    const undo = await prepareUndo(tenant.connection, journalPath, TENANT);
    assert.ok(undo.kind === 'ready');
    assert.deepEqual(
      undo.file.restored,
      [UPN('bob')],
      'the second run’s MCOEV is what the journal expects, not a change by someone else',
    );
    await run(tenant.connection, fileUsers(undo.file.text));
    assert.deepEqual((await statesOf(tenant.connection, skus, [UPN('bob')])).get(UPN('bob')), before.get(UPN('bob')));
  });

  it('a journal line whose state before is malformed is skipped and named, never written into the file', async () => {
    await applyJournalled(['assign MCOEV', UPN('alice')].join('\n'));
    const lines = readFileSync(journalPath, 'utf8').trim().split('\n');
    const forged = lines.map((l) => {
      const v = JSON.parse(l);
      if (v.outcome !== 'pending') return l;
      return JSON.stringify({
        ...v,
        before: { licenses: [{ skuId: 'assign E5', partNumber: 'x', disabledPlans: [] }] },
      });
    });
    writeFileSync(journalPath, `${forged.join('\n')}\n`);
    const undo = await prepareUndo(tenant.connection, journalPath, TENANT);
    assert.ok(undo.kind === 'ready');
    assert.match(undo.warnings.join('\n'), /run\.jsonl:\d+: line skipped: "before" has a license that is not a skuId/);
    assert.doesNotMatch(undo.file.text, /assign E5/);
    // The changed line still carries alice's state before: she is restored from it.
    assert.deepEqual(undo.file.restored, [UPN('alice')]);
  });

  it('the undo file is named after the journal, beside it', () => {
    assert.equal(undoFileName(join('a', 'licenses-results-x.jsonl')), join('a', 'licenses-results-x.undo.licenses'));
  });
});
