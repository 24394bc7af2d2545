import { APP_APPLICATION_PERMISSIONS, APP_DELEGATED_PERMISSIONS } from '../../../src/core/setup/setup-permissions';
import * as assert from 'node:assert/strict';
import { runSetupCommand } from '../../../src/cli/setup';
import { DELEGATED_PERMISSIONS } from '../../../src/core/auth/clouds';
import { BOOTSTRAP_PERMISSIONS } from '../../../src/core/setup/setup-permissions';
import type { RunningEmulator } from '../../../src/emulator';
import { call, get, start } from '../emulator/helpers';
import { capturedIo } from '../fixtures/captured-io';

const GRAPH = '00000003-0000-0000-c000-000000000000';

describe('setup: one command creates the app registration', () => {
  let emu: RunningEmulator;
  beforeEach(async () => {
    emu = await start();
  });
  afterEach(() => emu.close());

  const envWith = (token: string) => ({ LICENSES_GRAPH_URL: emu.baseUrl, LICENSES_ACCESS_TOKEN: token });
  const admin = (roles: string[]) =>
    emu.mintToken({ scopes: [...BOOTSTRAP_PERMISSIONS], directoryRoles: roles, signedInUser: 'admin@contoso.com' });
  const setup = async (args: string[], token: string) => {
    const io = capturedIo();
    const code = await runSetupCommand(args, io, { env: envWith(token) });
    return { code, io };
  };
  const graphSp = async () => (await get(emu, `/servicePrincipals?$filter=appId eq '${GRAPH}'`)).body.value[0];
  const ours = async () =>
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Graph's JSON, checked field by field below
    (await get(emu, "/applications?$filter=displayName eq 'M365 Licenses'")).body.value as Record<string, any>[];

  it('creates a single-tenant public client with exactly the product’s delegated permissions, its service principal and tenant-wide consent', async () => {
    const { code, io } = await setup(['--json'], admin(['Privileged Role Administrator']));
    assert.equal(code, 0, io.err.join('\n'));
    const result = JSON.parse(io.out[0]);
    assert.equal(result.kind, 'done');
    assert.equal(result.tenantId, emu.tenant.tenantId);
    assert.equal(result.consentNeeded, undefined);

    const apps = await ours();
    assert.equal(apps.length, 1);
    const app = apps[0];
    assert.equal(app.appId, result.clientId);
    assert.equal(app.signInAudience, 'AzureADMyOrg');
    assert.equal(app.isFallbackPublicClient, true);
    assert.deepEqual(
      [...app.publicClient.redirectUris].sort(),
      [
        'http://localhost',
        `ms-appx-web://Microsoft.AAD.BrokerPlugin/${app.appId}`,
        'https://vscode.dev/redirect',
      ].sort(),
    );
    const graph = await graphSp();
    const scopeId = (v: string) => graph.oauth2PermissionScopes.find((s: { value: string }) => s.value === v).id;
    assert.deepEqual(app.requiredResourceAccess, [
      {
        resourceAppId: GRAPH,
        resourceAccess: APP_DELEGATED_PERMISSIONS.map((p) => ({ id: scopeId(p), type: 'Scope' })),
      },
    ]);
    // Setup offers the Teams number permissions; a sign-in asks for them only for a file with numbers.
    assert.deepEqual(
      APP_DELEGATED_PERMISSIONS.filter((p) => !(DELEGATED_PERMISSIONS as readonly string[]).includes(p)),
      ['TeamsTelephoneNumber.ReadWrite.All', 'TeamsUserConfiguration.Read.All'],
    );
    assert.ok(
      !JSON.stringify(app.requiredResourceAccess).includes(scopeId('Directory.ReadWrite.All')),
      'nothing broader',
    );

    const sps = (await get(emu, `/servicePrincipals?$filter=appId eq '${app.appId}'`)).body.value;
    assert.equal(sps.length, 1);
    const grants = (await get(emu, `/oauth2PermissionGrants?$filter=clientId eq '${sps[0].id}'`)).body.value;
    assert.deepEqual(
      grants.map((g: Record<string, unknown>) => [
        g.consentType,
        g.resourceId,
        g.principalId,
        String(g.scope).split(' ').sort(),
      ]),
      [['AllPrincipals', graph.id, null, [...APP_DELEGATED_PERMISSIONS].sort()]],
    );
  });

  it('a second run finds and reuses the registration, and puts back a redirect URI removed by hand', async () => {
    const token = admin(['Global Administrator']);
    const first = JSON.parse((await setup(['--json'], token)).io.out[0]);
    const app = (await ours())[0];
    await call(emu, 'PATCH', `/applications/${app.id}`, { publicClient: { redirectUris: ['http://localhost'] } });
    const { code, io } = await setup([], token);
    assert.equal(code, 0, io.err.join('\n'));
    assert.equal((await ours()).length, 1, 'no second application');
    assert.ok(io.out.includes(`~ app registration "M365 Licenses" updated (${first.clientId})`), io.out.join('\n'));
    assert.ok(io.out.some((l) => l.startsWith('= service principal')));
    assert.ok(io.out.some((l) => l.startsWith('= consent for the organization')));
    assert.ok(io.out.includes(`  "licenses.clientId": "${first.clientId}",`));
    assert.ok(io.out.includes(`  "licenses.tenantId": "${emu.tenant.tenantId}"`));
    assert.equal((await ours())[0].publicClient.redirectUris.length, 3);
  });

  it('without a role that may consent: the app is made, and the admin-consent URL and what it asks are printed; exit 1', async () => {
    const { code, io } = await setup([], admin([]));
    assert.equal(code, 1);
    const app = (await ours())[0];
    assert.ok(app, 'the registration exists all the same');
    assert.ok(
      io.out.some((l) => l.startsWith('✗ consent for the organization')),
      io.out.join('\n'),
    );
    assert.ok(
      io.err.includes(`  https://login.microsoftonline.com/${emu.tenant.tenantId}/adminconsent?client_id=${app.appId}`),
      io.err.join('\n'),
    );
    assert.ok(io.err.some((l) => /Global Administrator, Privileged Role Administrator/.test(l)));
    assert.ok(io.err.some((l) => l.includes('LicenseAssignment.ReadWrite.All (delegated)')));
  });

  it('a token without the setup permissions stops at the first call with Graph’s refusal, nothing created', async () => {
    const { code, io } = await setup([], emu.mintToken({ scopes: ['User.Read'], signedInUser: 'admin@contoso.com' }));
    assert.equal(code, 1);
    assert.match(
      io.err.join('\n'),
      /Setup stopped at "read Microsoft Graph's permissions": \[Authorization_RequestDenied\]/,
    );
    assert.equal((await ours()).length, 0);
  });

  it('--app-only --github adds the application permissions with admin consent and the repository’s federated credentials', async () => {
    const { code, io } = await setup(
      ['--app-only', '--github', 'contoso/licenses', '--json'],
      admin(['Privileged Role Administrator']),
    );
    assert.equal(code, 0, io.err.join('\n'));
    const app = (await ours())[0];
    const graph = await graphSp();
    const roleId = (v: string) => graph.appRoles.find((s: { value: string }) => s.value === v).id;
    const roles = app.requiredResourceAccess[0].resourceAccess
      .filter((a: { type: string }) => a.type === 'Role')
      .map((a: { id: string }) => a.id)
      .sort();
    assert.deepEqual(
      roles,
      [
        'LicenseAssignment.Read.All',
        'LicenseAssignment.ReadWrite.All',
        'User.ReadWrite.All',
        'GroupMember.Read.All',
        'TeamsTelephoneNumber.ReadWrite.All',
        'TeamsUserConfiguration.Read.All',
      ]
        .map(roleId)
        .sort(),
    );
    const sp = (await get(emu, `/servicePrincipals?$filter=appId eq '${app.appId}'`)).body.value[0];
    const assigned = (await get(emu, `/servicePrincipals/${sp.id}/appRoleAssignments`)).body.value;
    assert.deepEqual(assigned.map((a: { appRoleId: string }) => a.appRoleId).sort(), roles);
    const fics = (await get(emu, `/applications/${app.id}/federatedIdentityCredentials`)).body.value;
    assert.deepEqual(fics.map((f: Record<string, unknown>) => [f.issuer, f.subject, f.audiences]).sort(), [
      [
        'https://token.actions.githubusercontent.com',
        'repo:contoso/licenses:pull_request',
        ['api://AzureADTokenExchange'],
      ],
      [
        'https://token.actions.githubusercontent.com',
        'repo:contoso/licenses:ref:refs/heads/main',
        ['api://AzureADTokenExchange'],
      ],
    ]);
    // Again, with an environment, and without --app-only: the application permissions stay.
    const again = await setup(['--github', 'contoso/licenses:production'], admin(['Privileged Role Administrator']));
    assert.equal(again.code, 0, again.io.err.join('\n'));
    const after = (await get(emu, `/applications/${app.id}/federatedIdentityCredentials`)).body.value;
    assert.equal(after.length, 3);
    assert.ok(after.some((f: { subject: string }) => f.subject === 'repo:contoso/licenses:environment:production'));
    assert.equal(
      (await ours())[0].requiredResourceAccess[0].resourceAccess.filter((a: { type: string }) => a.type === 'Role')
        .length,
      APP_APPLICATION_PERMISSIONS.length,
    );
  });

  it('a Cloud Application Administrator may consent to delegated permissions but not to Graph application permissions', async () => {
    const { code, io } = await setup(['--app-only'], admin(['Cloud Application Administrator']));
    assert.equal(code, 1);
    assert.ok(
      io.out.some((l) => l.startsWith('+ consent for the organization')),
      io.out.join('\n'),
    );
    assert.ok(io.out.includes('✗ application permission LicenseAssignment.ReadWrite.All refused'));
    assert.ok(io.err.some((l) => l.includes('a Global Administrator or Privileged Role Administrator')));
  });

  it('bad arguments are usage errors that name the problem', async () => {
    for (const [args, message] of [
      [['--github', 'nope'], /OWNER\/REPO/],
      [['extra'], /unexpected argument "extra"/],
      [['--github'], /--github needs a value/],
    ] as const) {
      const io = capturedIo();
      assert.equal(await runSetupCommand([...args], io, { env: {} }), 2);
      assert.match(io.err[0], message);
    }
  });
});
