import * as assert from 'node:assert/strict';
import { parseLicensesFile } from '../../../src/core/format';
import { desiredUsers } from '../../../src/core/desired/desired-users';
import { mergeDesiredUsers } from '../../../src/core/desired/merge-desired';
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

describe('the telephone number a file wants per user', () => {
  it("gives each numbered user the canonical form, the extension and the block's emergency location", () => {
    const users = want(
      'assign MCOEV MCOPSTN1',
      'alice@contoso.com   +1 (425) 555-0101',
      'carol@contoso.com   no-number',
      'bob@contoso.com',
      'pstn on-premises',
      'assign MCOEV',
      'number-location 3A1D7B2E-0000-4000-8000-000000000001',
      'dave@contoso.com    +33 1 70 00 00 01;ext=201',
    );
    const byUser = new Map(users.map((u) => [u.user, u.number]));
    assert.deepEqual(byUser.get('alice@contoso.com'), {
      kind: 'number',
      e164: '+14255550101',
      canonical: '+14255550101',
      line: 2,
    });
    assert.deepEqual(byUser.get('carol@contoso.com'), { kind: 'none', line: 3 });
    assert.equal(byUser.get('bob@contoso.com'), undefined, 'a line without a number leaves numbers alone');
    assert.deepEqual(byUser.get('dave@contoso.com'), {
      kind: 'number',
      e164: '+33170000001',
      extension: '201',
      canonical: '+33170000001;ext=201',
      locationId: '3A1D7B2E-0000-4000-8000-000000000001',
      line: 8,
    });
  });

  it('the last line that gives a user a number wins, across blocks; a later line without one changes nothing', () => {
    const [alice] = want(
      'assign MCOEV',
      'alice@contoso.com +14255550101',
      'assign MCOPSTN1',
      'alice@contoso.com no-number',
      'usage-location US',
      'alice@contoso.com',
    );
    assert.deepEqual(alice.number, { kind: 'none', line: 4 });
  });

  it('users listed in the same blocks share their licenses but not their numbers', () => {
    const [a, b] = want('assign MCOEV', 'a@contoso.com +14255550101', 'b@contoso.com +14255550102');
    assert.equal(a.number?.kind === 'number' && a.number.canonical, '+14255550101');
    assert.equal(b.number?.kind === 'number' && b.number.canonical, '+14255550102');
    assert.equal(a.assign, b.assign);
  });

  it('a malformed number wants nothing (the file has an error, which blocks a run)', () => {
    const [bob] = want('assign MCOEV', 'bob@contoso.com +1 425 555 01x2');
    assert.equal(bob.number, undefined);
  });
});

describe('numbers across files', () => {
  it('a later file that gives a number wins; one that gives none keeps the earlier', () => {
    const base = want('assign MCOEV', 'alice@contoso.com +14255550101', 'bob@contoso.com +14255550102');
    const voice = want('assign MCOPSTN1', 'alice@contoso.com no-number', 'bob@contoso.com');
    const merged = new Map(mergeDesiredUsers([base, voice]).map((u) => [u.user, u.number]));
    assert.equal(merged.get('alice@contoso.com')?.kind, 'none');
    assert.equal(merged.get('bob@contoso.com')?.kind === 'number' && merged.get('bob@contoso.com')?.line, 3);
  });
});
