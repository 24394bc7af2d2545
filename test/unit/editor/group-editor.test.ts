import * as assert from 'node:assert/strict';
import { completionListAt } from '../../../src/core/editor/completion';
import { hoverAt } from '../../../src/core/editor/hover';
import { TenantGroups, tenantGroupOf } from '../../../src/core/tenant/tenant-groups';
import { TenantGroupsState } from '../../../src/core/tenant/tenant-groups-state';
import { catalog } from '../helpers';
import { tenantOf } from '../fixtures/tenants';

const E3 = catalog.skusByPartNumber('ENTERPRISEPACK')[0].skuId;
const groups = new TenantGroups([
  tenantGroupOf(
    {
      id: 'aaaaaaaa-0000-4000-8000-000000000001',
      displayName: 'All Sales',
      securityEnabled: true,
      mailEnabled: false,
      groupTypes: [],
      assignedLicenses: [{ skuId: E3, disabledPlans: [] }],
      licenseProcessingState: { state: 'ProcessingComplete' },
    },
    42,
  ),
  tenantGroupOf({
    id: 'aaaaaaaa-0000-4000-8000-000000000002',
    displayName: 'Sales #2',
    securityEnabled: true,
    mailEnabled: false,
    groupTypes: [],
  }),
  tenantGroupOf({
    id: 'aaaaaaaa-0000-4000-8000-000000000003',
    displayName: 'Marketing Team',
    securityEnabled: false,
    mailEnabled: true,
    groupTypes: ['Unified'],
  }),
]);
const skus = tenantOf({ ENTERPRISEPACK: { total: 10, used: 2 } });

describe('editor: group lines', () => {
  it('offers the tenant\'s security groups after "group ", with member count and licenses, quoting a name that needs it', () => {
    const list = completionListAt('group ', 6, { catalog, tenantGroups: groups, tenantSkus: skus });
    assert.deepEqual(
      list.items.map((i) => i.label),
      ['All Sales', 'Sales #2'],
      'the Microsoft 365 group without security cannot be licensed',
    );
    assert.equal(list.items[0].detail, '42 members · ENTERPRISEPACK');
    assert.equal(list.items[1].insertText, '"Sales #2"');
    assert.deepEqual(list.replace, { start: 6, end: 6 });
  });

  it('offers nothing on a group line when signed out, and the group keyword at the start of a line', () => {
    assert.deepEqual(completionListAt('group ', 6, { catalog }).items, []);
    assert.ok(completionListAt('', 0, { catalog }).items.some((i) => i.label === 'group'));
  });

  it('hovers a group name with its licenses, processing state and the nested-group caveat; a quoted one too', () => {
    const h = hoverAt('group All Sales   # team', 8, catalog, undefined, skus, undefined, groups)!;
    assert.match(h.markdown, /Licenses it gives: `ENTERPRISEPACK`/);
    assert.match(h.markdown, /Processing: ProcessingComplete/);
    assert.match(h.markdown, /nested group get nothing/);
    assert.deepEqual([h.start, h.end], [6, 15]);
    const q = hoverAt('group "Sales #2"', 9, catalog, undefined, skus, undefined, groups)!;
    assert.match(q.markdown, /\*\*Sales \\#2\*\*/);
    assert.equal(hoverAt('group Nobody', 8, catalog, undefined, skus, undefined, groups), undefined);
  });

  it("the editor's group state drops an answer for a session since replaced", async () => {
    let session: string | undefined = 'a';
    let release: () => void = () => undefined;
    const state = new TenantGroupsState<string>(
      () => session,
      (s) =>
        new Promise((resolve) => {
          release = () => resolve({ ok: true, value: new TenantGroups(s === 'a' ? groups.all : []) });
        }),
    );
    const first = state.refresh();
    session = 'b';
    release();
    await first;
    assert.equal(state.current(), undefined);
  });
});
