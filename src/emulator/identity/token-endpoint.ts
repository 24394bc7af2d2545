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
  /**
   * Judges a client assertion (client_assertion_type jwt-bearer, v2-oauth2-client-creds-grant-flow.md,
   * "Second case: Access token request with a certificate" and workload-identity-federation.md):
   * the access token to hand out, or the AADSTS error. Unset: assertions are refused.
   */
  readonly assertion?: (
    clientId: string,
    assertion: string,
  ) => { readonly token: string } | { readonly code: string; readonly description: string };
  /**
   * The token for a tenant other than the home one (`{authority}/{tenant}/oauth2/v2.0/token`, by id or verified
   * domain), once the client has authenticated: `appId` is the client of an assertion, undefined for the emulator's
   * own app (secret). Undefined answer: the home tenant's token, as before several tenants.
   */
  readonly tenantToken?: (
    tenant: string,
    appId: string | undefined,
  ) => { readonly token: string } | TokenError | undefined;
}

interface TokenError {
  readonly status: number;
  readonly code: string;
  readonly description: string;
}

const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

export function handleTokenRequest(
  options: TokenEndpointOptions,
  method: string,
  rawBody: string,
  token: string,
  tenant = '',
): { status: number; body: unknown } {
  const error = (status: number, code: string, description: string) => ({
    status,
    body: { error: code, error_description: description },
  });
  if (method !== 'POST') return error(405, 'invalid_request', 'AADSTS900561: The endpoint only accepts POST requests.');
  const form = new URLSearchParams(rawBody);
  if (form.get('grant_type') !== 'client_credentials')
    return error(400, 'unsupported_grant_type', 'AADSTS70003: The app requested an unsupported grant type.');
  if (!form.get('scope')?.endsWith('/.default'))
    return error(
      400,
      'invalid_scope',
      'AADSTS1002012: The provided value for scope is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier.',
    );
  if (form.has('client_assertion') || form.has('client_assertion_type')) {
    if (form.get('client_assertion_type') !== JWT_BEARER || !form.get('client_assertion'))
      return error(
        400,
        'invalid_request',
        `AADSTS50027: client_assertion_type must be ${JWT_BEARER}, with a client_assertion.`,
      );
    if (!options.assertion)
      return error(401, 'invalid_client', 'AADSTS700027: Client assertion failed signature validation.');
    const judged = options.assertion(form.get('client_id') ?? '', form.get('client_assertion')!);
    if ('code' in judged) return error(400, judged.code, judged.description);
    return issued(options.tenantToken?.(tenant, form.get('client_id') ?? '') ?? judged);
  }
  if (options.clientId !== undefined && form.get('client_id') !== options.clientId)
    return error(
      400,
      'unauthorized_client',
      `AADSTS700016: Application with identifier '${form.get('client_id')}' was not found in the directory.`,
    );
  if (options.clientSecret !== undefined && form.get('client_secret') !== options.clientSecret)
    return error(401, 'invalid_client', 'AADSTS7000215: Invalid client secret provided.');
  return issued(options.tenantToken?.(tenant, undefined) ?? { token });
}

function issued(result: { readonly token: string } | TokenError): { status: number; body: unknown } {
  if ('code' in result)
    return { status: result.status, body: { error: result.code, error_description: result.description } };
  return {
    status: 200,
    body: { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: result.token },
  };
}
