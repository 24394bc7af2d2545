import * as assert from 'node:assert/strict';
import { E5_PILOT_GROUP_ID as E5_PILOT, type RunningEmulator } from '../../../src/emulator';
import { directSkus, SKU, start } from './helpers';

interface Reply {
  status: number;
  headers: Headers;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

async function as(emu: RunningEmulator, token: string, method: string, path: string, body?: unknown): Promise<Reply> {
  const headers: Record<string, string> = { Authorization: `Bearer ${token}` };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(`${emu.baseUrl}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

const addE3 = { addLicenses: [{ skuId: SKU.E3, disabledPlans: [] }], removeLicenses: [] };

function assertDenied(r: Reply): void {
  assert.equal(r.status, 403, JSON.stringify(r.body));
  assert.equal(r.body.error.code, 'Authorization_RequestDenied');
  assert.equal(r.body.error.message, 'Insufficient privileges to complete the operation.');
  assert.ok(r.body.error.innerError['request-id'], 'the usual innerError');
}

describe('emulator: permissions carried by tokens (permissions.ts)', () => {
  let emu: RunningEmulator;
  beforeEach(async () => (emu = await start({ signedInUser: 'alice@contoso.com' })));
  afterEach(() => emu.close());

  describe('app-only tokens (roles)', () => {
    it('LicenseAssignment.Read.All reads subscribedSkus but not users, and cannot assign', async () => {
      const t = emu.mintToken({ roles: ['LicenseAssignment.Read.All'] });
      assert.equal((await as(emu, t, 'GET', '/subscribedSkus')).status, 200);
      assertDenied(await as(emu, t, 'GET', '/users/bob@contoso.com'));
      assertDenied(await as(emu, t, 'GET', '/users?$top=5'));
      assertDenied(await as(emu, t, 'POST', '/users/alice@contoso.com/assignLicense', addE3));
      assert.deepEqual(directSkus(emu, 'alice@contoso.com'), [], 'a denied write changes nothing');
      assert.equal(emu.stats.denied, 3);
    });

    it('Organization.Read.All is enough for subscribedSkus; User.Read.All is not', async () => {
      assert.equal(
        (await as(emu, emu.mintToken({ roles: ['Organization.Read.All'] }), 'GET', '/subscribedSkus')).status,
        200,
      );
      assertDenied(await as(emu, emu.mintToken({ roles: ['User.Read.All'] }), 'GET', '/subscribedSkus'));
    });

    it('LicenseAssignment.ReadWrite.All assigns but cannot PATCH usageLocation; User.ReadWrite.All does both', async () => {
      const license = emu.mintToken({ roles: ['LicenseAssignment.ReadWrite.All'] });
      assert.equal((await as(emu, license, 'POST', '/users/alice@contoso.com/assignLicense', addE3)).status, 200);
      assertDenied(await as(emu, license, 'PATCH', '/users/carol@contoso.com', { usageLocation: 'US' }));
      assert.equal(emu.tenant.findUser('carol@contoso.com')!.usageLocation, null);
      const users = emu.mintToken({ roles: ['User.ReadWrite.All'] });
      assert.equal((await as(emu, users, 'PATCH', '/users/carol@contoso.com', { usageLocation: 'US' })).status, 204);
      assert.equal((await as(emu, users, 'POST', '/users/carol@contoso.com/assignLicense', addE3)).status, 200);
    });

    it('licenseDetails is not supported for application permissions, even Directory.ReadWrite.All', async () => {
      assertDenied(
        await as(
          emu,
          emu.mintToken({ roles: ['Directory.ReadWrite.All'] }),
          'GET',
          '/users/bob@contoso.com/licenseDetails',
        ),
      );
    });

    it('groups read with GroupMember.Read.All; User.Read.All is refused', async () => {
      assert.equal(
        (await as(emu, emu.mintToken({ roles: ['GroupMember.Read.All'] }), 'GET', `/groups/${E5_PILOT}`)).status,
        200,
      );
      assertDenied(await as(emu, emu.mintToken({ roles: ['User.Read.All'] }), 'GET', `/groups/${E5_PILOT}`));
    });

    it('/me is refused with an app-only token even when the emulator has a signed-in user', async () => {
      const r = await as(emu, emu.mintToken({ roles: ['User.Read.All'] }), 'GET', '/me');
      assert.equal(r.status, 400);
    });
  });

  describe("delegated tokens (scopes and the admin's directory roles)", () => {
    it('assignLicense needs the scope AND a role: License Administrator passes, no role is refused', async () => {
      const noRole = emu.mintToken({ scopes: ['LicenseAssignment.ReadWrite.All'] });
      assertDenied(await as(emu, noRole, 'POST', '/users/alice@contoso.com/assignLicense', addE3));
      const roleNoScope = emu.mintToken({ scopes: ['User.Read.All'], directoryRoles: ['License Administrator'] });
      assertDenied(await as(emu, roleNoScope, 'POST', '/users/alice@contoso.com/assignLicense', addE3));
      assert.deepEqual(directSkus(emu, 'alice@contoso.com'), []);
      const admin = emu.mintToken({
        scopes: ['LicenseAssignment.ReadWrite.All'],
        directoryRoles: ['License Administrator'],
      });
      assert.equal((await as(emu, admin, 'POST', '/users/alice@contoso.com/assignLicense', addE3)).status, 200);
    });

    it('Directory Writers and User Administrator may assign too; a Global Reader may not', async () => {
      for (const role of ['Directory Writers', 'User Administrator']) {
        const t = emu.mintToken({ scopes: ['User.ReadWrite.All'], directoryRoles: [role] });
        assert.equal(
          (
            await as(emu, t, 'POST', '/users/alice@contoso.com/assignLicense', {
              addLicenses: [{ skuId: SKU.MCOEV, disabledPlans: [] }],
              removeLicenses: [],
            })
          ).status,
          200,
          role,
        );
      }
      assertDenied(
        await as(
          emu,
          emu.mintToken({ scopes: ['User.ReadWrite.All'], directoryRoles: ['Global Reader'] }),
          'POST',
          '/users/bob@contoso.com/assignLicense',
          addE3,
        ),
      );
    });

    it('a Groups Administrator may license a group but not a user; reprocessing needs a licensing role', async () => {
      const groups = emu.mintToken({
        scopes: ['LicenseAssignment.ReadWrite.All', 'User.ReadWrite.All'],
        directoryRoles: ['Groups Administrator'],
      });
      assert.equal((await as(emu, groups, 'POST', `/groups/${E5_PILOT}/assignLicense`, addE3)).status, 202);
      assertDenied(await as(emu, groups, 'POST', '/users/alice@contoso.com/assignLicense', addE3));
      assertDenied(await as(emu, groups, 'POST', '/users/alice@contoso.com/reprocessLicenseAssignment', {}));
      for (const role of ['License Administrator', 'User Administrator', 'Directory Writers']) {
        const t = emu.mintToken({ scopes: ['User.ReadWrite.All'], directoryRoles: [role] });
        assert.equal((await as(emu, t, 'POST', '/users/alice@contoso.com/reprocessLicenseAssignment', {})).status, 200);
      }
    });

    it('License Administrator may PATCH usageLocation but not other properties; User Administrator may', async () => {
      const license = emu.mintToken({ scopes: ['User.ReadWrite.All'], directoryRoles: ['License Administrator'] });
      assert.equal((await as(emu, license, 'PATCH', '/users/carol@contoso.com', { usageLocation: 'DE' })).status, 204);
      assertDenied(await as(emu, license, 'PATCH', '/users/carol@contoso.com', { jobTitle: 'Boss' }));
      assertDenied(
        await as(
          emu,
          emu.mintToken({ scopes: ['LicenseAssignment.ReadWrite.All'], directoryRoles: ['License Administrator'] }),
          'PATCH',
          '/users/carol@contoso.com',
          { usageLocation: 'FR' },
        ),
      );
      const userAdmin = emu.mintToken({ scopes: ['User.ReadWrite.All'], directoryRoles: ['User Administrator'] });
      assert.equal((await as(emu, userAdmin, 'PATCH', '/users/carol@contoso.com', { jobTitle: 'Boss' })).status, 204);
      assert.deepEqual(
        [emu.tenant.findUser('carol@contoso.com')!.usageLocation, emu.tenant.findUser('carol@contoso.com')!.jobTitle],
        ['DE', 'Boss'],
      );
    });

    it('User.ReadBasic.All reads the basic profile only: $select of license properties is refused', async () => {
      const t = emu.mintToken({ scopes: ['User.ReadBasic.All'] });
      assert.equal((await as(emu, t, 'GET', '/users/bob@contoso.com?$select=id,displayName')).status, 200);
      assertDenied(await as(emu, t, 'GET', '/users/bob@contoso.com?$select=id,assignedLicenses'));
      assertDenied(await as(emu, t, 'GET', '/users?$select=id,licenseAssignmentStates'));
      assert.equal(
        (
          await as(
            emu,
            emu.mintToken({ scopes: ['User.Read.All'] }),
            'GET',
            '/users/bob@contoso.com?$select=id,assignedLicenses',
          )
        ).status,
        200,
      );
    });

    it('User.Read reaches the signed-in user only: /me and own licenseDetails, not another user', async () => {
      const t = emu.mintToken({ scopes: ['User.Read'], signedInUser: 'bob@contoso.com' });
      assert.equal(
        (await as(emu, t, 'GET', '/me')).body.userPrincipalName,
        'bob@contoso.com',
        "the token's user, not the emulator's",
      );
      assert.equal((await as(emu, t, 'GET', '/me/licenseDetails')).status, 200);
      assertDenied(await as(emu, t, 'GET', '/users/alice@contoso.com'));
      assertDenied(await as(emu, t, 'GET', '/users/alice@contoso.com/licenseDetails'));
    });
  });

  it("inside $batch each item is judged by the envelope's token; a 403 item still reports its resource unit", async () => {
    const t = emu.mintToken({ roles: ['User.Read.All'] });
    const r = await as(emu, t, 'POST', '/$batch', {
      requests: [
        { id: 'read', method: 'GET', url: '/users/bob@contoso.com?$select=id' },
        {
          id: 'write',
          method: 'POST',
          url: '/users/alice@contoso.com/assignLicense',
          headers: { 'Content-Type': 'application/json' },
          body: addE3,
        },
      ],
    });
    assert.equal(r.status, 200);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    type Item = { id: string; status: number; headers: Record<string, string>; body: any };
    const items = new Map((r.body.responses as Item[]).map((x) => [x.id, x]));
    assert.equal(items.get('read')!.status, 200);
    assertDenied({ status: items.get('write')!.status, headers: new Headers(), body: items.get('write')!.body });
    assert.equal(items.get('write')!.headers['x-ms-resource-unit'], '1');
    assert.deepEqual(directSkus(emu, 'alice@contoso.com'), []);
  });

  it('the default token keeps every permission; an unknown token is 401; mintToken wants scopes or roles', async () => {
    assert.equal((await as(emu, emu.token, 'GET', '/users/bob@contoso.com/licenseDetails')).status, 200);
    assert.equal((await as(emu, emu.token, 'POST', '/users/alice@contoso.com/assignLicense', addE3)).status, 200);
    assert.equal((await as(emu, 'emulator.forged', 'GET', '/subscribedSkus')).status, 401);
    assert.throws(() => emu.mintToken({}), /exactly one of scopes/);
    assert.throws(() => emu.mintToken({ scopes: [], roles: [] }), /exactly one of scopes/);
    assert.throws(
      () => emu.mintToken({ roles: ['User.Read.All'], directoryRoles: ['License Administrator'] }),
      /app-only/,
    );
  });
});
