import * as assert from 'node:assert/strict';
import type { GraphUser } from '../../../src/core/graph/resources';
import { planRun } from '../../../src/core/plan/whole-plan';
import type { CurrentUser } from '../../../src/core/reads/tenant-reads';
import { checkAfterWrite } from '../../../src/core/verify/verify';
import { graphUser, skuId, tenantSkus } from '../fixtures/graph-shapes';
import { wants } from '../fixtures/test-tenant';

const skus = tenantSkus();
const planFor = (user: GraphUser, assign: string[]) =>
  planRun(
    [wants(user.userPrincipalName, { assign })],
    skus,
    new Map<string, CurrentUser>([[user.userPrincipalName, { kind: 'found', user }]]),
  ).users[0];

describe('engine: verification after the write (pure)', () => {
  it('"changed" needs the tenant to agree: a license sent but not on the re-read user is blocking', () => {
    const before = graphUser('a@contoso.com');
    const findings = checkAfterWrite(planFor(before, ['MCOEV']), before, skus);
    assert.equal(findings.length, 1);
    assert.equal(findings[0].blocking, true);
    assert.equal(findings[0].maybeNotYetVisible, true, 'read again before blaming replication');
    assert.match(findings[0].text, /MCOEV is not on the user/);
  });

  it('a license this run touched that shows an error state is blocking, with the hint for its error', () => {
    const after: GraphUser = {
      ...graphUser('a@contoso.com', { direct: [['MCOEV']] }),
      licenseAssignmentStates: [
        { skuId: skuId('MCOEV'), disabledPlans: [], assignedByGroup: null, state: 'Error', error: 'CountViolation' },
      ],
    };
    const findings = checkAfterWrite(planFor(graphUser('a@contoso.com'), ['MCOEV']), after, skus);
    assert.equal(findings[0].blocking, true);
    assert.equal(findings[0].code, 'CountViolation');
    assert.match(findings[0].hint!, /seats/);
  });

  it('another license in error (e.g. through a group) is reported but does not undo this change', () => {
    const group = '99999999-8888-7777-6666-555555555555';
    const after: GraphUser = {
      ...graphUser('a@contoso.com', { direct: [['MCOEV']] }),
      licenseAssignmentStates: [
        { skuId: skuId('MCOEV'), disabledPlans: [], assignedByGroup: null, state: 'Active', error: 'None' },
        {
          skuId: skuId('ENTERPRISEPACK'),
          disabledPlans: [],
          assignedByGroup: group,
          state: 'ActiveWithError',
          error: 'MutuallyExclusiveViolation',
        },
      ],
    };
    const findings = checkAfterWrite(planFor(graphUser('a@contoso.com'), ['MCOEV']), after, skus);
    assert.equal(findings.length, 1);
    assert.equal(findings[0].blocking, false);
    assert.match(
      findings[0].text,
      new RegExp(
        `ENTERPRISEPACK is in state ActiveWithError with MutuallyExclusiveViolation \\(through group ${group}\\)`,
      ),
    );
  });

  it('error "None" and a null error are both success (the service sends "None", the docs say null)', () => {
    const after: GraphUser = {
      ...graphUser('a@contoso.com', { direct: [['MCOEV']] }),
      licenseAssignmentStates: [
        { skuId: skuId('MCOEV'), disabledPlans: [], assignedByGroup: null, state: 'Active', error: null },
      ],
    };
    assert.deepEqual(checkAfterWrite(planFor(graphUser('a@contoso.com'), ['MCOEV']), after, skus), []);
  });
});
