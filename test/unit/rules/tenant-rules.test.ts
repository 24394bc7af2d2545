import * as assert from 'node:assert/strict';
import { parseLicensesFile } from '../../../src/core/format';
import { tenantRules, type TenantSkuSeats } from '../../../src/core/rules/tenant-rules';
import { catalog } from '../helpers';

const TENANT: TenantSkuSeats[] = [
  { skuId: 'e43b5b99-8dfb-405f-9987-dc307f34bcbd', partNumber: 'MCOEV', seatsLeft: 2, seatsTotal: 10 },
  { skuId: '0dab259f-bf13-4952-b7f8-7db8f131b28d', partNumber: 'MCOPSTN1', seatsLeft: 50, seatsTotal: 50 },
];
const findings = (...lines: string[]) => tenantRules(parseLicensesFile(lines.join('\n')), catalog, TENANT);

describe('tenant-aware validation (signed in)', () => {
  it('flags a SKU the tenant has no subscription for, on the SKU', () => {
    const [f] = findings('assign MCOMEETADV', 'a@contoso.com');
    assert.equal(f.code, 'sku-not-in-tenant');
    assert.equal(f.severity, 'error');
    assert.deepEqual([f.range.start.character, f.range.end.character], [7, 17]);
  });

  it('warns with "needs N, M left" when more users get a SKU than seats are left', () => {
    const [f] = findings('assign MCOEV MCOPSTN1', 'a@contoso.com', 'b@contoso.com', 'assign MCOEV', 'c@contoso.com', 'A@contoso.com');
    assert.equal(f.code, 'not-enough-seats');
    assert.match(f.message, /MCOEV: needs 3, 2 left/);
  });

  it('is silent when the tenant has the SKUs and the seats', () => {
    assert.deepEqual(findings('assign MCOEV MCOPSTN1', 'a@contoso.com', 'b@contoso.com'), []);
  });

  it('does not count removals against seats', () => {
    assert.deepEqual(findings('remove MCOEV', 'a@contoso.com', 'b@contoso.com', 'c@contoso.com'), []);
  });
});
