import type { INetworkModule, NetworkResponse } from '@azure/msal-node';
import { isLoopbackHost } from './endpoint-policy';

/**
 * App-only sign-in against the built-in emulator (AZURE_AUTHORITY_HOST=http://127.0.0.1:PORT): MSAL
 * only accepts https authorities, so it is given the https form of the same address and this network
 * client (msal-node's documented hook for proxies) answers its metadata requests itself and carries
 * the token request to the plain-http loopback endpoint. Anything but loopback http gets undefined:
 * a real authority goes through MSAL's own network stack, unchanged.
 */
export function loopbackAuthorityNetwork(
  authorityHost: string,
  tenantId: string,
): { authorityHost: string; networkClient: INetworkModule } | undefined {
  let url: URL;
  try {
    url = new URL(authorityHost);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' || !isLoopbackHost(url.hostname)) return undefined;
  const https = `https://${url.host}`;
  const json = <T>(body: unknown): NetworkResponse<T> => ({
    status: 200,
    headers: { 'content-type': 'application/json' },
    body: body as T,
  });
  const toHttp = (target: string) => `http://${url.host}${new URL(target).pathname}${new URL(target).search}`;
  const networkClient: INetworkModule = {
    async sendGetRequestAsync<T>(target: string): Promise<NetworkResponse<T>> {
      if (target.includes('/discovery/instance')) {
        return json({
          tenant_discovery_endpoint: `${https}/${tenantId}/v2.0/.well-known/openid-configuration`,
          'api-version': '1.1',
          metadata: [{ preferred_network: url.host, preferred_cache: url.host, aliases: [url.host] }],
        });
      }
      if (target.includes('openid-configuration')) {
        return json({
          token_endpoint: `${https}/${tenantId}/oauth2/v2.0/token`,
          authorization_endpoint: `${https}/${tenantId}/oauth2/v2.0/authorize`,
          end_session_endpoint: `${https}/${tenantId}/oauth2/v2.0/logout`,
          issuer: `${https}/${tenantId}/v2.0`,
          jwks_uri: `${https}/${tenantId}/discovery/v2.0/keys`,
        });
      }
      throw new Error(`The emulator's authority serves no ${new URL(target).pathname}.`);
    },
    async sendPostRequestAsync<T>(
      target: string,
      options?: { headers?: Record<string, string>; body?: string },
    ): Promise<NetworkResponse<T>> {
      const res = await fetch(toHttp(target), { method: 'POST', headers: options?.headers, body: options?.body });
      return { status: res.status, headers: Object.fromEntries(res.headers), body: (await res.json()) as T };
    },
  };
  return { authorityHost: https, networkClient };
}
