import * as assert from 'node:assert/strict';
import { CLOUDS } from '../../../src/core/auth/clouds';
import { signInMethodSetting } from '../../../src/core/auth/sign-in-method';
import { accountProviderFor, sovereignSettingNeeded, vscodeAccountScopes } from '../../../src/core/auth/vscode-account';

describe("sign-in through VS Code's Microsoft account", () => {
  it('asks for our app and our tenant with the pseudo-scopes, then the least-privileged Graph scopes', () => {
    assert.deepEqual(
      vscodeAccountScopes(CLOUDS.Global, ' 11111111-2222-3333-4444-555555555555 ', 'contoso.onmicrosoft.com'),
      [
        'VSCODE_CLIENT_ID:11111111-2222-3333-4444-555555555555',
        'VSCODE_TENANT:contoso.onmicrosoft.com',
        'https://graph.microsoft.com/LicenseAssignment.Read.All',
        'https://graph.microsoft.com/LicenseAssignment.ReadWrite.All',
        'https://graph.microsoft.com/User.ReadWrite.All',
        'https://graph.microsoft.com/GroupMember.Read.All',
      ],
    );
  });

  it('a national cloud gets its own Graph host in the scopes (a worldwide token is refused there)', () => {
    const dod = vscodeAccountScopes(CLOUDS.USGovDoD, 'app', 'tenant');
    assert.ok(
      dod.slice(2).every((s) => s.startsWith('https://dod-graph.microsoft.us/')),
      dod.join(' '),
    );
    const china = vscodeAccountScopes(CLOUDS.China, 'app', 'tenant');
    assert.ok(
      china.slice(2).every((s) => s.startsWith('https://microsoftgraph.chinacloudapi.cn/')),
      china.join(' '),
    );
  });

  it('the worldwide cloud (GCC included) uses the "microsoft" provider; GCC High and DoD USGovernment, China ChinaCloud', () => {
    assert.deepEqual(accountProviderFor(CLOUDS.Global), { providerId: 'microsoft' });
    assert.deepEqual(accountProviderFor(CLOUDS.USGovGCCHigh), {
      providerId: 'microsoft-sovereign-cloud',
      environment: 'USGovernment',
    });
    assert.deepEqual(accountProviderFor(CLOUDS.USGovDoD), {
      providerId: 'microsoft-sovereign-cloud',
      environment: 'USGovernment',
    });
    assert.deepEqual(accountProviderFor(CLOUDS.China), {
      providerId: 'microsoft-sovereign-cloud',
      environment: 'ChinaCloud',
    });
  });

  it('says which sovereign setting a national cloud needs when VS Code is set to another cloud or none', () => {
    assert.equal(sovereignSettingNeeded(CLOUDS.USGovGCCHigh, undefined), 'USGovernment');
    assert.equal(sovereignSettingNeeded(CLOUDS.USGovGCCHigh, 'ChinaCloud'), 'USGovernment');
    assert.equal(sovereignSettingNeeded(CLOUDS.China, 'USGovernment'), 'ChinaCloud');
    assert.equal(sovereignSettingNeeded(CLOUDS.USGovDoD, 'USGovernment'), undefined);
    assert.equal(
      sovereignSettingNeeded(CLOUDS.China, 'custom'),
      undefined,
      "an admin's custom environment is theirs to describe",
    );
    assert.equal(
      sovereignSettingNeeded(CLOUDS.Global, 'ChinaCloud'),
      undefined,
      'the worldwide provider ignores the sovereign setting',
    );
  });
});

describe('licenses.signInMethod', () => {
  it('the retired "browser" means VS Code\'s account now, and is to be rewritten, without a warning', () => {
    assert.deepEqual(signInMethodSetting('browser'), { value: 'vscode', migratedFrom: 'browser' });
  });

  it("absent is VS Code's account; the other methods stay; anything else falls back and says so", () => {
    assert.deepEqual(signInMethodSetting(undefined), { value: 'vscode' });
    for (const m of ['vscode', 'deviceCode', 'appSecret', 'appCertificate'])
      assert.deepEqual(signInMethodSetting(m), { value: m });
    assert.deepEqual(signInMethodSetting('password').value, 'vscode');
    assert.equal(signInMethodSetting('password').problem?.reason, 'not-allowed');
    assert.equal(
      signInMethodSetting('constructor').problem?.reason,
      'not-allowed',
      'an inherited property name is not a retired value',
    );
  });
});
