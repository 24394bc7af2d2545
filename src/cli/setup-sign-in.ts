import { BOOTSTRAP_CLIENT_ID, BOOTSTRAP_PERMISSIONS } from '../core/setup/setup-permissions';
import type { AccessTokenProvider } from '../core/auth/access-token';
import { translatorOf, type CliIo } from './io';

/**
 * The admin's one sign-in for `setup`: device code (entra-docs v2-oauth2-device-code.md) with MSAL
 * and the bootstrap public client, so it works over SSH and in containers. The prompt (a URL and a
 * code, never a secret) goes to stderr, keeping stdout for the result. MSAL is loaded here, on use.
 */
export async function bootstrapSignIn(
  authorityHost: string,
  graphHost: string,
  tenant: string,
  io: CliIo,
): Promise<{ getAccessToken: AccessTokenProvider; tenantId?: string }> {
  const { PublicClientApplication } = await import('@azure/msal-node');
  const app = new PublicClientApplication({
    auth: { clientId: BOOTSTRAP_CLIENT_ID, authority: `${authorityHost.replace(/\/+$/, '')}/${tenant}` },
  });
  const result = await app.acquireTokenByDeviceCode({
    scopes: BOOTSTRAP_PERMISSIONS.map((p) => `${graphHost}/${p}`),
    deviceCodeCallback: (r) => io.stderr(r.message),
  });
  if (!result?.accessToken) throw new Error(translatorOf(io)('Microsoft sign-in returned no access token.'));
  const token = result.accessToken;
  return { getAccessToken: async () => token, tenantId: result.tenantId || undefined };
}
