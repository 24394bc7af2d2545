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
});
