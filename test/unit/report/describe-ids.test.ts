import * as assert from 'node:assert/strict';
import { describeIds } from '../../../src/core/plan/describe-ids';
import { TenantSkus } from '../../../src/core/tenant/tenant-skus';
import { formatResultLine } from '../../../src/core/report/format-results';
import { planId, skuId, subscribed } from '../fixtures/graph-shapes';

describe('Graph messages with plan and SKU ids, told by name', () => {
  const pstn1 = planId('MCOPSTN1', 'MCOPSTN1');
  const pstn2 = planId('MCOPSTN2', 'MCOPSTN2');

  it('turns the service-plan ids of a mutually exclusive refusal into names with their product names', () => {
    assert.equal(
      describeIds(
        `License assignment failed because service plans ${pstn1}, ${pstn2.toUpperCase()} are mutually exclusive.`,
      ),
      'License assignment failed because service plans MCOPSTN1 (Microsoft 365 Domestic Calling Plan), MCOPSTN2 (DOMESTIC AND INTERNATIONAL CALLING PLAN) are mutually exclusive.',
    );
  });

  it('names SKU ids by part number and product name, and leaves other ids (users, groups) alone', () => {
    const user = '0f0f0f0f-1111-2222-3333-444444444444';
    assert.equal(
      describeIds(`Subscription with SKU ${skuId('MCOEV')} does not have any available licenses for ${user}.`),
      `Subscription with SKU MCOEV (Microsoft Teams Phone Standard) does not have any available licenses for ${user}.`,
    );
  });

  it('uses the tenant’s part number for a SKU id Microsoft’s table does not list', () => {
    const custom = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
    const skus = new TenantSkus([subscribed('MCOEV', 1, { skuId: custom })]);
    assert.equal(
      describeIds(`License ${custom} does not correspond to a valid company License.`, skus),
      'License MCOEV does not correspond to a valid company License.',
    );
  });

  it('is applied to a failed result line, never to the user', () => {
    const line = formatResultLine({
      user: 'a@contoso.com',
      outcome: 'failed',
      added: [],
      removed: [],
      error: {
        code: 'Request_BadRequest',
        message: `service plan ${pstn1} depends on the service plan(s) ${planId('MCOEV', 'MCOEV')}.`,
      },
    });
    assert.equal(
      line,
      '✗ a@contoso.com [Request_BadRequest] service plan MCOPSTN1 (Microsoft 365 Domestic Calling Plan) depends on the service plan(s) MCOEV (Microsoft 365 Phone System).',
    );
  });
});
