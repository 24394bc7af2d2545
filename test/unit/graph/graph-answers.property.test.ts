import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkBatchEnvelope, checkSkuPage, checkUser } from '../../../src/core/graph/graph-answers';
import { SecretRedactor } from '../../../src/core/graph/secret-redactor';
import { propertyRuns } from '../fixtures/scale';

/** Anything JSON.parse can give, including the shapes a broken proxy sends. */
const anyJson = fc.jsonValue({ maxDepth: 4 });

describe('engine: Graph answers are checked at the boundary (properties)', () => {
  it('checkUser never throws, and a user it accepts has what the planner and the writes rely on', () => {
    const userLike = fc.record(
      {
        id: fc.oneof(fc.uuid(), fc.constant(''), anyJson),
        userPrincipalName: fc.oneof(fc.emailAddress(), anyJson),
        usageLocation: fc.oneof(fc.constant('US'), fc.constant(null), anyJson),
        assignedLicenses: fc.oneof(
          fc.array(
            fc.record(
              { skuId: fc.oneof(fc.uuid(), anyJson), disabledPlans: fc.oneof(fc.array(fc.uuid()), anyJson) },
              { requiredKeys: [] },
            ),
          ),
          anyJson,
        ),
        licenseAssignmentStates: fc.oneof(
          fc.array(
            fc.record(
              {
                skuId: fc.oneof(fc.uuid(), anyJson),
                assignedByGroup: fc.oneof(fc.uuid(), fc.constant(null)),
                state: fc.constant('Active'),
              },
              { requiredKeys: [] },
            ),
          ),
          anyJson,
        ),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.oneof(anyJson, userLike), (body) => {
        const checked = checkUser(body, 'a@x');
        if (!checked.ok) {
          assert.match(checked.problem, /^user a@x: Graph's answer /);
          return;
        }
        const u = checked.value;
        assert.ok(typeof u.id === 'string' && u.id !== '');
        assert.ok(typeof u.userPrincipalName === 'string');
        for (const l of u.assignedLicenses ?? [])
          assert.ok(typeof l.skuId === 'string' && Array.isArray(l.disabledPlans));
        for (const s of u.licenseAssignmentStates ?? [])
          assert.ok(typeof s.skuId === 'string' && s.skuId.toLowerCase() !== undefined);
      }),
      { numRuns: propertyRuns(500) },
    );
  });

  it('checkSkuPage and checkBatchEnvelope never throw on any JSON', () => {
    fc.assert(
      fc.property(anyJson, (body) => {
        const page = checkSkuPage(body);
        if (page.ok)
          for (const s of page.value.skus)
            assert.ok(
              typeof s.skuId === 'string' &&
                typeof s.prepaidUnits.enabled === 'number' &&
                Array.isArray(s.servicePlans),
            );
        const envelope = checkBatchEnvelope(body, new Set(['1', '2']));
        for (const [id, item] of envelope.answers)
          assert.ok(['1', '2'].includes(id) && typeof item.status === 'number');
        if (envelope.answers.size < 2) assert.ok(envelope.problem, 'an incomplete answer is always reported');
      }),
      { numRuns: propertyRuns(500) },
    );
  });

  it('a remembered token never survives redaction, wherever it sits in a message', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 8, maxLength: 40 }), fc.string(), fc.string(), (token, before, after) => {
        const redactor = new SecretRedactor();
        redactor.remember(token);
        assert.ok(!redactor.redact(`${before}${token}${after}`).includes(token));
      }),
      { numRuns: propertyRuns(300) },
    );
  });
});
