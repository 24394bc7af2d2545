import * as assert from 'node:assert/strict';
import type { INetworkModule, NetworkResponse } from '@azure/msal-node';
import { appOnlyTokenProvider } from '../../../src/core/auth/app-only-auth';
import { connectToGraph } from '../../../src/core/graph/connection';
import { loadTenantSkus } from '../../../src/core/tenant/tenant-skus';
import { startTenant, type TestTenant } from '../fixtures/test-tenant';

const HOST = 'https://login.emulator.test';

/**
 * msal-node insists on https authorities; this network client (the hook msal-node ≥ 5 offers for
 * proxies) answers its discovery requests and carries the token request to the emulator's
 * http token endpoint, so the real ConfidentialClientApplication flow runs end to end.
 */
function networkTo(tenant: TestTenant): INetworkModule {
  const tenantId = tenant.emulator.tenant.tenantId;
  const json = <T>(body: unknown): NetworkResponse<T> => ({
    status: 200,
    headers: { 'content-type': 'application/json' },
    body: body as T,
  });
  return {
    async sendGetRequestAsync<T>(url: string): Promise<NetworkResponse<T>> {
      if (url.includes('/discovery/instance')) {
        return json({
          tenant_discovery_endpoint: `${HOST}/${tenantId}/v2.0/.well-known/openid-configuration`,
          'api-version': '1.1',
          metadata: [
            {
              preferred_network: 'login.emulator.test',
              preferred_cache: 'login.emulator.test',
              aliases: ['login.emulator.test'],
            },
          ],
        });
      }
      if (url.includes('openid-configuration')) {
        return json({
          token_endpoint: `${HOST}/${tenantId}/oauth2/v2.0/token`,
          authorization_endpoint: `${HOST}/${tenantId}/oauth2/v2.0/authorize`,
          end_session_endpoint: `${HOST}/${tenantId}/oauth2/v2.0/logout`,
          issuer: `${HOST}/${tenantId}/v2.0`,
          jwks_uri: `${HOST}/${tenantId}/discovery/v2.0/keys`,
        });
      }
      throw new Error(`unexpected GET ${url}`);
    },
    async sendPostRequestAsync<T>(
      url: string,
      options?: { headers?: Record<string, string>; body?: string },
    ): Promise<NetworkResponse<T>> {
      assert.ok(url.startsWith(`${HOST}/${tenantId}/oauth2/v2.0/token`), url);
      const res = await fetch(tenant.emulator.tokenUrl, {
        method: 'POST',
        headers: options?.headers,
        body: options?.body,
      });
      return { status: res.status, headers: Object.fromEntries(res.headers), body: (await res.json()) as T };
    },
  };
}

describe('engine: app-only sign-in with msal-node against the emulator', () => {
  let t: TestTenant;
  beforeEach(async () => {
    t = await startTenant({ clientId: 'test-client', clientSecret: 's3cret' });
  });
  afterEach(() => t.close());

  it('ConfidentialClientApplication gets a token from the emulator’s token endpoint and Graph accepts it; it is reused', async () => {
    const getAccessToken = await appOnlyTokenProvider({
      tenantId: t.emulator.tenant.tenantId,
      clientId: 'test-client',
      clientSecret: 's3cret',
      authorityHost: HOST,
      networkClient: networkTo(t),
    });
    const connection = connectToGraph({ baseUrl: t.emulator.baseUrl, getAccessToken });
    const [a, b] = await Promise.all([loadTenantSkus(connection), loadTenantSkus(connection)]);
    assert.ok(a.ok && b.ok);
    assert.equal(t.emulator.stats.tokenRequests, 1, 'one sign-in served both requests');
  });

  it('a wrong secret is a sign-in failure with a hint, not a network fault to retry', async () => {
    const getAccessToken = await appOnlyTokenProvider({
      tenantId: t.emulator.tenant.tenantId,
      clientId: 'test-client',
      clientSecret: 'wrong',
      authorityHost: HOST,
      networkClient: networkTo(t),
    });
    const connection = connectToGraph({ baseUrl: t.emulator.baseUrl, getAccessToken, retry: { baseDelayMs: 1 } });
    const skus = await loadTenantSkus(connection);
    assert.equal(skus.ok, false);
    if (!skus.ok) {
      assert.equal(skus.error.code, 'TokenUnavailable');
      assert.match(skus.error.message, /AADSTS7000215|invalid_client/);
      assert.match(skus.error.hint!, /Sign in again/);
    }
    assert.equal(t.emulator.stats.requests, 0, 'nothing was sent to Graph without a token');
  });
});
