import * as assert from 'node:assert/strict';
import { connectToGraph } from '../../../src/core/graph/connection';
import { nextPage } from '../../../src/core/reads/paging';
import { listLicensedUsers } from '../../../src/core/reads/user-listing';
import { english } from '../../../src/core/text/translate';
import { startEmulator, type RunningEmulator } from '../../../src/emulator';
import { startRewritingProxy, type Hostile } from '../fixtures/hostile-endpoints';

const gateway = 'https://graph-gateway.contoso.com/msgraph/v1.0';
const none = new Set<string>();

describe('paging behind a gateway or in a national cloud', () => {
  it("follows a nextLink on Graph's own host (any cloud) under the configured root; other hosts stay refused", () => {
    assert.deepEqual(nextPage('https://graph.microsoft.com/v1.0/users?$skiptoken=A', gateway, none, english), {
      kind: 'next',
      link: '/users?$skiptoken=A',
    });
    assert.deepEqual(
      nextPage('https://microsoftgraph.chinacloudapi.cn/v1.0/groups/g/members?$skiptoken=B', gateway, none, english),
      { kind: 'next', link: '/groups/g/members?$skiptoken=B' },
    );
    for (const foreign of [
      'https://evil.example/v1.0/users?$skiptoken=A',
      'http://graph.microsoft.com/v1.0/users?$skiptoken=A',
      'https://graph.microsoft.com/beta/users?$skiptoken=A',
      'https://graph.microsoft.com.evil.example/v1.0/users',
    ])
      assert.equal(nextPage(foreign, gateway, none, english).kind, 'outside', foreign);
    assert.equal(
      nextPage(
        'https://graph.microsoft.com/v1.0/users?$skiptoken=A',
        gateway,
        new Set(['/users?$skiptoken=A']),
        english,
      ).kind,
      'read-before',
    );
  });

  describe('a listing through a gateway whose pages link to graph.microsoft.com', () => {
    let emu: RunningEmulator | undefined;
    let proxy: Hostile | undefined;
    afterEach(async () => {
      await proxy?.close();
      await emu?.close();
      proxy = emu = undefined;
    });

    it('reads every page, each from the gateway', async () => {
      emu = await startEmulator({ latencyMs: 0, replicationLag: false });
      const upstream = emu;
      proxy = await startRewritingProxy(upstream.origin, (req, _status, text) =>
        req.url.startsWith('/v1.0/users?')
          ? { body: text.replaceAll(`${upstream.origin}/v1.0`, 'https://graph.microsoft.com/v1.0') }
          : undefined,
      );
      const connection = connectToGraph({ baseUrl: proxy.baseUrl, getAccessToken: async () => upstream.token });
      const listed = await listLicensedUsers(connection, { allUsers: true, pageSize: 60 });
      assert.ok(listed.ok, JSON.stringify(listed));
      if (!listed.ok) return;
      assert.equal(listed.value.length, upstream.tenant.users.length);
      assert.ok(
        proxy.seen.filter((s) => s.startsWith('GET /v1.0/users?')).length > 1,
        'several pages, all via the proxy',
      );
    });
  });
});
