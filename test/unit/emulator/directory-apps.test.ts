import * as assert from 'node:assert/strict';
import type { RunningEmulator } from '../../../src/emulator';
import { call, get, start } from './helpers';

describe('emulator: app-registration endpoints', () => {
  let emu: RunningEmulator;
  beforeEach(async () => {
    emu = await start();
  });
  afterEach(() => emu.close());

  const newApp = async () => (await call(emu, 'POST', '/applications', { displayName: 'Tool' })).body;
  const as = (token: string, method: string, path: string, body?: unknown) =>
    call(emu, method, path, body, { Authorization: `Bearer ${token}` });

  it('POST /applications answers 201 with ids and the documented defaults; displayName is required', async () => {
    const created = await call(emu, 'POST', '/applications', { displayName: 'Tool' });
    assert.equal(created.status, 201);
    assert.match(created.body.id, /^[0-9a-f-]{36}$/);
    assert.match(created.body.appId, /^[0-9a-f-]{36}$/);
    assert.notEqual(created.body.id, created.body.appId);
    assert.equal(created.body.signInAudience, 'AzureADMyOrg');
    assert.equal((await call(emu, 'POST', '/applications', { signInAudience: 'AzureADMyOrg' })).status, 400);
    assert.equal(
      (await call(emu, 'POST', '/applications', { displayName: 'x', signInAudience: 'Everyone' })).status,
      400,
    );
  });

  it('a permission id the Graph service principal does not publish is refused, so hard-coded ids fail', async () => {
    const r = await call(emu, 'POST', '/applications', {
      displayName: 'Tool',
      requiredResourceAccess: [
        {
          resourceAppId: '00000003-0000-0000-c000-000000000000',
          resourceAccess: [{ id: 'df021288-bdef-4463-88db-98f22de89214', type: 'Role' }],
        },
      ],
    });
    assert.equal(r.status, 400);
  });

  it('$filter supports eq on the documented properties only', async () => {
    await newApp();
    assert.equal(
      (await get(emu, "/applications?$filter=displayName eq 'tool'")).body.value.length,
      1,
      'case-insensitive, as the directory',
    );
    assert.equal((await get(emu, "/applications?$filter=displayName eq 'Other'")).body.value.length, 0);
    const r = await get(emu, "/applications?$filter=startswith(displayName,'T')");
    assert.equal(r.status, 400);
    assert.equal(r.body.error.code, 'Request_UnsupportedQuery');
  });

  it('one service principal per application; an unknown appId is refused', async () => {
    const app = await newApp();
    assert.equal((await call(emu, 'POST', '/servicePrincipals', { appId: app.appId })).status, 201);
    assert.equal((await call(emu, 'POST', '/servicePrincipals', { appId: app.appId })).status, 409);
    assert.equal(
      (await call(emu, 'POST', '/servicePrincipals', { appId: '11111111-1111-1111-1111-111111111111' })).status,
      400,
    );
  });

  it('federated identity credentials: one audience, unique name and issuer+subject', async () => {
    const app = await newApp();
    const fic = (name: string, subject: string, audiences: unknown = ['api://AzureADTokenExchange']) =>
      call(emu, 'POST', `/applications/${app.id}/federatedIdentityCredentials`, {
        name,
        issuer: 'https://token.actions.githubusercontent.com',
        subject,
        audiences,
      });
    assert.equal((await fic('a', 'repo:o/r:pull_request')).status, 201);
    assert.equal((await fic('b', 'repo:o/r:pull_request')).status, 409, 'same issuer and subject');
    assert.equal((await fic('a', 'repo:o/r:ref:refs/heads/main')).status, 409, 'same name');
    assert.equal((await fic('c', 'repo:o/r:x', ['one', 'two'])).status, 400);
    assert.equal((await get(emu, `/applications/${app.id}/federatedIdentityCredentials`)).body.value.length, 1);
  });

  it('consent for all principals needs an administrator role that may give it, and the grant permission', async () => {
    const app = await newApp();
    const sp = (await call(emu, 'POST', '/servicePrincipals', { appId: app.appId })).body;
    const graph = (await get(emu, "/servicePrincipals?$filter=appId eq '00000003-0000-0000-c000-000000000000'")).body
      .value[0];
    const grant = { clientId: sp.id, consentType: 'AllPrincipals', resourceId: graph.id, scope: 'User.ReadWrite.All' };
    const user = emu.mintToken({
      scopes: ['DelegatedPermissionGrant.ReadWrite.All'],
      directoryRoles: [],
      signedInUser: 'adele.vance@contoso.com',
    });
    const noScope = emu.mintToken({
      scopes: ['Application.ReadWrite.All'],
      directoryRoles: ['Global Administrator'],
      signedInUser: 'adele.vance@contoso.com',
    });
    const admin = emu.mintToken({
      scopes: ['DelegatedPermissionGrant.ReadWrite.All'],
      directoryRoles: ['Application Administrator'],
      signedInUser: 'adele.vance@contoso.com',
    });
    assert.equal((await as(user, 'POST', '/oauth2PermissionGrants', grant)).status, 403);
    assert.equal((await as(noScope, 'POST', '/oauth2PermissionGrants', grant)).status, 403);
    assert.equal((await as(admin, 'POST', '/oauth2PermissionGrants', { ...grant, scope: 'Not.A.Scope' })).status, 400);
    const made = await as(admin, 'POST', '/oauth2PermissionGrants', grant);
    assert.equal(made.status, 201);
    assert.equal((await as(admin, 'POST', '/oauth2PermissionGrants', grant)).status, 409);
    assert.equal(
      (
        await as(admin, 'PATCH', `/oauth2PermissionGrants/${made.body.id}`, {
          scope: 'User.ReadWrite.All LicenseAssignment.ReadWrite.All',
        })
      ).status,
      204,
    );
    assert.equal(
      (await get(emu, `/oauth2PermissionGrants?$filter=clientId eq '${sp.id}'`)).body.value[0].scope,
      'User.ReadWrite.All LicenseAssignment.ReadWrite.All',
    );
    // Graph application permissions: an Application Administrator may not grant them.
    const role = graph.appRoles.find((r: { value: string }) => r.value === 'User.ReadWrite.All').id;
    const assign = { principalId: sp.id, resourceId: graph.id, appRoleId: role };
    const appAdmin = emu.mintToken({
      scopes: ['AppRoleAssignment.ReadWrite.All'],
      directoryRoles: ['Application Administrator'],
      signedInUser: 'adele.vance@contoso.com',
    });
    const pra = emu.mintToken({
      scopes: ['AppRoleAssignment.ReadWrite.All'],
      directoryRoles: ['Privileged Role Administrator'],
      signedInUser: 'adele.vance@contoso.com',
    });
    assert.equal((await as(appAdmin, 'POST', `/servicePrincipals/${sp.id}/appRoleAssignments`, assign)).status, 403);
    assert.equal((await as(pra, 'POST', `/servicePrincipals/${sp.id}/appRoleAssignments`, assign)).status, 201);
    assert.equal(
      (await as(pra, 'POST', `/servicePrincipals/${sp.id}/appRoleAssignments`, assign)).status,
      400,
      'already assigned',
    );
  });
});
