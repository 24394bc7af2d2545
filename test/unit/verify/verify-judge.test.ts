import * as assert from 'node:assert/strict';
import type { GraphUser } from '../../../src/core/graph/resources';
import type { CurrentUser } from '../../../src/core/reads/tenant-reads';
import { planRun } from '../../../src/core/plan/whole-plan';
import { isStalePrecondition } from '../../../src/core/run/precondition-retry';
import { RequestSlots } from '../../../src/core/run/request-slots';
import { changedResult } from '../../../src/core/results/results';
import { doublingDelayMs } from '../../../src/core/run/run-clock';
import { checkAfterWrite } from '../../../src/core/verify/verify';
import { judgeRead, NOT_YET_VISIBLE_NOTE } from '../../../src/core/verify/verify-run';
import { graphUser, skuId, tenantSkus } from '../fixtures/graph-shapes';
import { wants } from '../fixtures/test-tenant';

const skus = tenantSkus();
const planFor = (user: GraphUser, assign: string[]) =>
  planRun(
    [wants(user.userPrincipalName, { assign })],
    skus,
    new Map<string, CurrentUser>([[user.userPrincipalName, { kind: 'found', user }]]),
  ).users[0];

describe('engine: what one re-read means for a changed user (pure)', () => {
  const before = graphUser('a@contoso.com');
  const plan = planFor(before, ['MCOEV']);
  const changed = changedResult(plan, true);
  const withState = (state: string, error: string | null): GraphUser => ({
    ...graphUser('a@contoso.com', { direct: [['MCOEV']] }),
    licenseAssignmentStates: [{ skuId: skuId('MCOEV'), disabledPlans: [], assignedByGroup: null, state, error }],
  });

  it('a license sent but not on the user yet is looked at again, not failed', () => {
    assert.deepEqual(judgeRead(changed, checkAfterWrite(plan, before, skus), false), { kind: 'look-again' });
  });

  it('still missing on the last look: stays "changed", unverified, with the note and nothing else changed', () => {
    const verdict = judgeRead(changed, checkAfterWrite(plan, before, skus), true);
    assert.equal(verdict.kind, 'not-yet-visible');
    if (verdict.kind !== 'not-yet-visible') return;
    assert.deepEqual(verdict.result, { ...changed, notes: [NOT_YET_VISIBLE_NOTE] });
    assert.equal(verdict.result.error, undefined);
  });

  it('state Error on the license this run wrote fails the user at once, even before the last look', () => {
    const verdict = judgeRead(changed, checkAfterWrite(plan, withState('Error', 'CountViolation'), skus), false);
    assert.equal(verdict.kind, 'fails');
    if (verdict.kind !== 'fails') return;
    assert.deepEqual(
      [verdict.result.outcome, verdict.result.verified, verdict.result.error?.code],
      ['failed', false, 'CountViolation'],
    );
    assert.match(verdict.result.error!.hint!, /seats/);
  });

  it('ActiveWithError with a reason fails; ActiveWithError without one is the service settling and agrees', () => {
    assert.equal(
      judgeRead(changed, checkAfterWrite(plan, withState('ActiveWithError', 'DependencyViolation'), skus), false).kind,
      'fails',
    );
    const settling = judgeRead(changed, checkAfterWrite(plan, withState('ActiveWithError', 'None'), skus), false);
    assert.equal(settling.kind, 'agrees');
  });

  it('the tenant agrees: verified, and only a note-worthy read asks for a journal line', () => {
    const verdict = judgeRead(changed, checkAfterWrite(plan, withState('Active', 'None'), skus), false);
    assert.deepEqual(verdict, { kind: 'agrees', result: { ...changed, verified: true }, noted: false });
  });
});

describe('engine: the waits and the shared slots (pure)', () => {
  it('polls wait 1 s, 2 s, 4 s, 8 s, then 8 s again', () => {
    assert.deepEqual(
      [1, 2, 3, 4, 5, 6].map((n) => doublingDelayMs(n, 1000, 8000)),
      [1000, 2000, 4000, 8000, 8000, 8000],
    );
  });

  it('slots are handed over in arrival order and never more than there are', async () => {
    const slots = new RequestSlots(1);
    const order: string[] = [];
    let inUse = 0;
    let most = 0;
    const job = (name: string) =>
      slots.with(async () => {
        most = Math.max(most, ++inUse);
        order.push(name);
        await new Promise((r) => setImmediate(r));
        inUse--;
      });
    await Promise.all([job('write 1'), job('read 1'), job('write 2'), job('read 2')]);
    assert.deepEqual(order, ['write 1', 'read 1', 'write 2', 'read 2']);
    assert.equal(most, 1);
  });
});

describe('engine: which refusals may be replication lag (pure)', () => {
  const plan = planFor(graphUser('a@contoso.com'), ['MCOEV']);
  const refusal = (message: string) => ({ class: 'final' as const, code: 'Request_BadRequest', message, status: 400 });
  const noLocation = refusal('License assignment cannot be done for user with invalid usage location.');
  const noSeats = refusal(`Subscription with SKU ${skuId('MCOEV')} does not have any available licenses.`);

  it('"invalid usage location" only right after this run set the usage location', () => {
    assert.equal(isStalePrecondition(plan, noLocation, true, false), true);
    assert.equal(isStalePrecondition(plan, noLocation, false, true), false);
  });

  it('"no available licenses" only for an add in the seat-taking second phase', () => {
    assert.equal(isStalePrecondition(plan, noSeats, false, true), true);
    assert.equal(isStalePrecondition(plan, noSeats, true, false), false);
  });

  it('other refusals are never retried', () => {
    assert.equal(
      isStalePrecondition(
        plan,
        refusal('License assignment failed because service plans are mutually exclusive.'),
        true,
        true,
      ),
      false,
    );
  });
});
