import * as assert from 'node:assert/strict';
import { parseLicensesFile } from '../../../src/core/format';
import { tenantRules } from '../../../src/core/rules/tenant-rules';
import type { TenantSkus } from '../../../src/core/tenant/tenant-skus';
import { catalog } from '../helpers';
import { tenantOf } from '../fixtures/tenants';

const TENANT = tenantOf({ MCOEV: { total: 10, used: 8 }, MCOPSTN1: { total: 50, used: 0 } });
const findings = (...lines: string[]) => findingsIn(TENANT, ...lines);
const findingsIn = (tenant: TenantSkus, ...lines: string[]) =>
  tenantRules(parseLicensesFile(lines.join('\n')), catalog, tenant);

describe('tenant-aware validation (signed in)', () => {
  it('flags a SKU the tenant has no subscription for, on the SKU', () => {
    const [f] = findings('assign MCOMEETADV', 'a@contoso.com');
    assert.equal(f.code, 'sku-not-in-tenant');
    assert.equal(f.severity, 'error');
    assert.deepEqual([f.range.start.character, f.range.end.character], [7, 17]);
  });

  it("finds the tenant's SKU written as a skuId or in lower case", () => {
    assert.deepEqual(findings('assign e43b5b99-8dfb-405f-9987-dc307f34bcbd mcopstn1', 'a@contoso.com'), []);
  });

  it('warns with "needs N, M left" when more users get a SKU than the subscription has seats', () => {
    const users = Array.from({ length: 11 }, (_, i) => `u${i}@contoso.com`);
    const [f] = findings('assign MCOEV', ...users);
    assert.equal(f.code, 'not-enough-seats');
    assert.equal(f.severity, 'warning');
    assert.match(f.message, /MCOEV: needs 11, 2 left/);
  });

  it('only tells (information) when the users may already hold the SKU: an exported tenant is no shortfall', () => {
    const [f] = findings(
      'assign MCOEV MCOPSTN1',
      'a@contoso.com',
      'b@contoso.com',
      'assign MCOEV',
      'c@contoso.com',
      'A@contoso.com',
    );
    assert.equal(f.code, 'seats-may-run-short');
    assert.equal(f.severity, 'information');
    assert.match(f.message, /MCOEV: 3 users, 2 seats left: enough if at least 1 of them already hold/);
  });

  it('is silent when the tenant has the SKUs and the seats', () => {
    assert.deepEqual(findings('assign MCOEV MCOPSTN1', 'a@contoso.com', 'b@contoso.com'), []);
  });

  it('does not count removals against seats', () => {
    assert.deepEqual(findings('remove MCOEV', 'a@contoso.com', 'b@contoso.com', 'c@contoso.com'), []);
  });

  it('on an over-assigned SKU, one new user is too many, and the message gives the real numbers', () => {
    const shrunk = tenantOf({ ENTERPRISEPACK: { total: 10, used: 15 } });
    assert.equal(findingsIn(shrunk, 'assign ENTERPRISEPACK', 'a@contoso.com')[0]?.code, 'seats-may-run-short');
    const users = Array.from({ length: 11 }, (_, i) => `u${i}@contoso.com`);
    const [f] = findingsIn(shrunk, 'assign ENTERPRISEPACK', ...users);
    assert.equal(f?.code, 'not-enough-seats');
    assert.match(f.message, /ENTERPRISEPACK: needs 11, 0 left: 15 assigned of 10 seats, so 5 must be freed first/);
  });

  it('on a suspended subscription, no new assignment fits, whatever seats are enabled', () => {
    const suspended = tenantOf({
      ENTERPRISEPACK: { total: 20, used: 5, suspended: 20, capabilityStatus: 'Suspended' },
    });
    const [f] = findingsIn(suspended, 'assign ENTERPRISEPACK', 'a@contoso.com');
    assert.equal(f?.code, 'not-enough-seats');
    assert.match(f.message, /subscription is Suspended and takes no new assignments/);
  });

  it('does not count suspended or warning units as seats', () => {
    const expiring = tenantOf({ ENTERPRISEPACK: { total: 2, used: 2, warning: 10, suspended: 10 } });
    const users = ['a', 'b', 'c'].map((u) => `${u}@contoso.com`);
    assert.equal(findingsIn(expiring, 'assign ENTERPRISEPACK', ...users)[0]?.code, 'not-enough-seats');
  });
});
