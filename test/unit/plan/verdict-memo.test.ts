import * as assert from 'node:assert/strict';
import { planRun } from '../../../src/core/plan/whole-plan';
import { found, graphUser, subscribed, tenantSkus } from '../fixtures/graph-shapes';
import { wants } from '../fixtures/test-tenant';

// A bulk block sends one change to users who mostly hold the same licenses: the planner judges
// each resulting set once. These users share the change; only their licenses tell them apart.
describe('planner: one verdict per resulting set, never one user’s verdict for another', () => {
  const skus = tenantSkus(...['MCOEV', 'MCOPSTN1', 'MCOPSTN2', 'ENTERPRISEPACK'].map((p) => subscribed(p, 100)));
  const plan = planRun(
    ['ann', 'ben', 'cat', 'dan'].map((u) => wants(u, { assign: ['MCOPSTN1'] })),
    skus,
    found(
      graphUser('ann@contoso.com', { direct: [['MCOEV']] }),
      graphUser('ben@contoso.com', { direct: [['MCOEV'], ['MCOPSTN2']] }),
      graphUser('cat@contoso.com', { direct: [['MCOEV']] }),
      graphUser('dan@contoso.com', { direct: [] }),
    ),
  );
  const byUser = new Map(plan.users.map((u) => [u.user, u]));

  it('users holding the same licenses get the same verdict', () => {
    assert.equal(byUser.get('ann@contoso.com')?.kind, 'change');
    assert.equal(byUser.get('cat@contoso.com')?.kind, 'change');
  });

  it('a user whose licenses differ is judged on their own: mutually exclusive plans, or a missing Phone System', () => {
    assert.equal(byUser.get('ben@contoso.com')?.error?.code, 'MutuallyExclusivePlans');
    assert.equal(byUser.get('dan@contoso.com')?.error?.code, 'MissingRequiredPlan');
    assert.equal(byUser.get('ben@contoso.com')?.user, 'ben@contoso.com', 'the failed plan keeps its own user');
  });
});
