/**
 * A minimal Microsoft identity platform token endpoint for app-only sign-in against the emulator:
 * POST /{tenant}/oauth2/v2.0/token with grant_type=client_credentials and scope ending in /.default
 * (learn.microsoft.com/entra/identity-platform/v2-oauth2-client-creds-grant-flow). It hands out the
 * emulator's bearer token. MSAL itself insists on https authorities, so this serves plain clients and
 * tests of the request shape; error texts follow the AADSTS codes of that page.
 */
export interface TokenEndpointOptions {
  /** When set, client_id must match. */
  readonly clientId?: string;
  /** When set, client_secret must match. */
  readonly clientSecret?: string;
}

export function handleTokenRequest(options: TokenEndpointOptions, method: string, rawBody: string, token: string): { status: number; body: unknown } {
  const error = (status: number, code: string, description: string) => ({ status, body: { error: code, error_description: description } });
  if (method !== 'POST') return error(405, 'invalid_request', 'AADSTS900561: The endpoint only accepts POST requests.');
  const form = new URLSearchParams(rawBody);
  if (form.get('grant_type') !== 'client_credentials') return error(400, 'unsupported_grant_type', 'AADSTS70003: The app requested an unsupported grant type.');
  if (!form.get('scope')?.endsWith('/.default')) return error(400, 'invalid_scope', 'AADSTS1002012: The provided value for scope is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier.');
  if (options.clientId !== undefined && form.get('client_id') !== options.clientId) return error(400, 'unauthorized_client', `AADSTS700016: Application with identifier '${form.get('client_id')}' was not found in the directory.`);
  if (options.clientSecret !== undefined && form.get('client_secret') !== options.clientSecret) return error(401, 'invalid_client', 'AADSTS7000215: Invalid client secret provided.');
  return { status: 200, body: { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: token } };
}
