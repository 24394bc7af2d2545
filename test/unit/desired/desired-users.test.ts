import * as assert from 'node:assert/strict';
import { parseLicensesFile } from '../../../src/core/format';
import { desiredUsers } from '../../../src/core/desired/desired-users';
import { catalog } from '../helpers';

const want = (...lines: string[]) => desiredUsers(parseLicensesFile(lines.join('\n')), catalog);

describe('what a file wants per user', () => {
  it("merges a user's blocks: assigns, removes, usage location, on-premises PSTN", () => {
    const [alice] = want(
      'assign MCOEV',
      'usage-location fr',
      'alice@contoso.com',
      'pstn on-premises',
      'remove MCOPSTN1',
      'ALICE@contoso.com',
    );
    assert.deepEqual(alice, {
      user: 'alice@contoso.com',
      line: 3,
      assign: [{ sku: 'MCOEV' }],
      remove: ['MCOPSTN1'],
      usageLocation: 'FR',
      onPremisesPstn: true,
    });
  });

  it("carries disabled plans only for SKUs the file disables (undefined keeps the user's own)", () => {
    const [u] = want('assign ENTERPRISEPACK MCOEV', 'disable ENTERPRISEPACK: SWAY', 'u@contoso.com');
    assert.deepEqual(u.assign, [{ sku: 'ENTERPRISEPACK', disabledPlans: ['SWAY'] }, { sku: 'MCOEV' }]);
    assert.equal(u.assign[1].disabledPlans, undefined);
  });

  it('strips the MSOnline tenant prefix from SKUs', () => {
    const [u] = want('assign contoso:MCOEV', 'u@contoso.com');
    assert.deepEqual(u.assign, [{ sku: 'MCOEV' }]);
  });

  it('lists every user of a plain UPN list with nothing to do (chosen at run time)', () => {
    const users = want('a@contoso.com', 'b@contoso.com');
    assert.deepEqual(
      users.map((u) => [u.user, u.assign.length, u.remove.length]),
      [
        ['a@contoso.com', 0, 0],
        ['b@contoso.com', 0, 0],
      ],
    );
  });
});
