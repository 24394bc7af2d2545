import * as assert from 'node:assert/strict';
import { CLOUDS, delegatedScopes } from '../../../src/core/auth/clouds';
import { vscodeAccountScopes } from '../../../src/core/auth/vscode-account';

const TEAMS = /Teams(TelephoneNumber|UserConfiguration)/;

describe('sign-in asks for the Teams number permissions only for a file with numbers', () => {
  it('a sign-in without numbers asks for no Teams permission; with numbers, exactly the two the number stage needs', () => {
    assert.ok(!delegatedScopes(CLOUDS.Global).some((s) => TEAMS.test(s)));
    assert.deepEqual(
      delegatedScopes(CLOUDS.Global, { numbers: true }).filter((s) => TEAMS.test(s)),
      [
        'https://graph.microsoft.com/TeamsTelephoneNumber.ReadWrite.All',
        'https://graph.microsoft.com/TeamsUserConfiguration.Read.All',
      ],
    );
  });

  it("VS Code's account provider gets the same scopes, on the cloud's own Graph host", () => {
    const plain = vscodeAccountScopes(CLOUDS.USGovGCCHigh, 'app', 'contoso');
    const wider = vscodeAccountScopes(CLOUDS.USGovGCCHigh, 'app', 'contoso', true);
    assert.ok(!plain.some((s) => TEAMS.test(s)));
    assert.ok(wider.includes('https://graph.microsoft.us/TeamsTelephoneNumber.ReadWrite.All'));
    assert.deepEqual(wider.slice(0, plain.length), plain, 'the same scopes first, the Teams ones added');
  });

  it("the partner's reads are asked only with `partner` (the customer tenants asked for), beside the Teams ones", () => {
    const partner = /DelegatedAdminRelationship|CrossTenantInformation/;
    assert.ok(!delegatedScopes(CLOUDS.Global, { numbers: true }).some((s) => partner.test(s)));
    assert.deepEqual(
      delegatedScopes(CLOUDS.Global, { partner: true }).filter((s) => partner.test(s)),
      [
        'https://graph.microsoft.com/DelegatedAdminRelationship.Read.All',
        'https://graph.microsoft.com/CrossTenantInformation.ReadBasic.All',
      ],
    );
    const both = vscodeAccountScopes(CLOUDS.Global, 'app', 'contoso', true, true);
    assert.equal(both.filter((s) => TEAMS.test(s)).length, 2);
    assert.equal(both.filter((s) => partner.test(s)).length, 2);
  });
});
