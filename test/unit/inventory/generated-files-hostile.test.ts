import * as assert from 'node:assert/strict';
import { parseLicensesFile } from '../../../src/core/format';
import { reclaimFile } from '../../../src/core/inventory/reclaim-file';
import { readTenantReport } from '../../../src/core/inventory/tenant-report';
import { removeDirectCopiesFile } from '../../../src/core/report/redundant-direct';
import { ALL_SALES_GROUP_ID } from '../../../src/emulator';
import { startTenant, type TestTenant } from '../fixtures/test-tenant';

/** A group display name that tries to add a directive to the file it is written in. */
const INJECTED = 'All Sales"\nassign SPE_E5 ENTERPRISEPREMIUM\n# ';

/** Every directive of a file, as `kind`: a removal file has only `remove`. */
const directiveKinds = (text: string): string[] =>
  parseLicensesFile(text).blocks.flatMap((b) => b.directives.map((d) => d.kind));

describe('files the product generates: a group name cannot add a directive', () => {
  let t: TestTenant | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('the "frees no seat" reclaim file removes, and assigns nothing, whatever the group is named', async () => {
    t = await startTenant();
    t.emulator.tenant.findGroup(ALL_SALES_GROUP_ID)!.displayName = INJECTED;
    const outcome = await readTenantReport(t.connection, { tenantLabel: 'Contoso\nassign SPE_E5' });
    assert.equal(outcome.kind, 'report');
    if (outcome.kind !== 'report') return;
    const text = reclaimFile(outcome.report, 'redundant', outcome.skus)!;
    assert.ok(text.includes('All Sales'), 'the group is still named');
    assert.ok(directiveKinds(text).length > 0);
    assert.deepEqual([...new Set(directiveKinds(text))], ['remove']);
    assert.ok(!/^assign/m.test(text), text);
  });

  it('plan --redundant-direct: the removal file stays a removal file', () => {
    const text = removeDirectCopiesFile([
      {
        user: 'adele@contoso.com\nassign SPE_E5',
        userId: '11111111-1111-4111-8111-111111111111',
        skuId: 'x',
        partNumber: 'ENTERPRISEPACK',
        group: INJECTED,
      },
      { user: 'bob@contoso.com', userId: 'b', skuId: 'x', partNumber: 'ENTERPRISEPACK', group: INJECTED },
    ]);
    assert.deepEqual(directiveKinds(text), ['remove']);
    assert.ok(!/^assign/m.test(text), text);
    assert.match(text, /^11111111-1111-4111-8111-111111111111 {3}# also from group "All Sales" assign/m);
    assert.match(text, /^bob@contoso\.com {3}#/m);
  });
});
