import { english, type Translate } from '../text/translate';
import { reachFromSignInError } from './tenant-reach';

/** A customer tenant's token, or the one line that says why the tenant cannot be reached. */
export type CustomerToken = { readonly token: string } | { readonly refused: string };

/**
 * Asks `tokenUrl` ({authority}/{tenant}/oauth2/v2.0/token) for an app-only token of `tenant` as the
 * multi-tenant app `clientId` would (client credentials, `scope` = `{resource}/.default`), before any read: how a
 * run reaches a customer of an emulator (the demo partner's). Refused: the sign-in's own words as a reach message
 * naming the tenant and why (tenant-reach.ts), else "no token" with Entra's description.
 */
export async function clientCredentialsToken(
  tokenUrl: string,
  clientId: string,
  scope: string,
  tenant: string,
  t: Translate = english,
  fetcher: typeof fetch = fetch,
): Promise<CustomerToken> {
  const answer = await fetcher(tokenUrl, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, scope }),
  });
  const body = (await answer.json().catch(() => ({}))) as { access_token?: unknown; error_description?: unknown };
  if (answer.ok && typeof body.access_token === 'string' && body.access_token) return { token: body.access_token };
  const why = typeof body.error_description === 'string' ? body.error_description : String(answer.status);
  return {
    refused:
      reachFromSignInError({ name: tenant }, why, t)?.message ?? t('{0}: no token for this tenant: {1}', tenant, why),
  };
}
