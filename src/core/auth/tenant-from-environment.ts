import { refusedGraphUrl } from './endpoint-policy';
import type { FederatedSource } from './federated-assertion';

/**
 * Which tenant the CLI talks to, from the environment, in the order the README documents:
 * `--demo` or nothing configured → the embedded demo tenant; LICENSES_GRAPH_URL +
 * LICENSES_ACCESS_TOKEN → that endpoint with that token; AZURE_TENANT_ID + AZURE_CLIENT_ID +
 * (AZURE_CLIENT_SECRET | AZURE_CLIENT_CERTIFICATE_PATH | AZURE_FEDERATED_TOKEN_FILE | GitHub Actions'
 * ACTIONS_ID_TOKEN_REQUEST_URL + _TOKEN) → app-only sign-in, the federated ones without any secret
 * (docs/ci.md). Half a configuration is
 * an error, never a silent fall-back to the demo tenant.
 */
export type TenantChoice =
  | { readonly kind: 'demo' }
  | { readonly kind: 'token'; readonly baseUrl: string; readonly token: string }
  | {
      readonly kind: 'app-only';
      readonly baseUrl: string;
      readonly tenantId: string;
      readonly clientId: string;
      readonly clientSecret?: string;
      readonly certificatePath?: string;
      /** Workload identity federation, when neither a secret nor a certificate is given. */
      readonly federated?: FederatedSource;
      readonly authorityHost?: string;
    }
  | { readonly kind: 'misconfigured'; readonly message: string };

const GLOBAL_GRAPH = 'https://graph.microsoft.com/v1.0';

export function tenantFromEnvironment(env: Readonly<Record<string, string | undefined>>, demo: boolean): TenantChoice {
  if (demo) return { kind: 'demo' };
  const value = (name: string) => env[name]?.trim() || undefined;
  const url = value('LICENSES_GRAPH_URL');
  const token = value('LICENSES_ACCESS_TOKEN');
  const tenantId = value('AZURE_TENANT_ID');
  const clientId = value('AZURE_CLIENT_ID');
  const clientSecret = value('AZURE_CLIENT_SECRET');
  const certificatePath = value('AZURE_CLIENT_CERTIFICATE_PATH');
  const federatedTokenFile = value('AZURE_FEDERATED_TOKEN_FILE');
  const oidcUrl = value('ACTIONS_ID_TOKEN_REQUEST_URL');
  const oidcToken = value('ACTIONS_ID_TOKEN_REQUEST_TOKEN');
  // GitHub sets these in every job allowed `id-token: write`, whether or not this tool is meant to use
  // them: they count only beside AZURE_CLIENT_ID, never on their own.
  const github = oidcUrl && oidcToken ? { requestUrl: oidcUrl, requestToken: oidcToken } : undefined;

  // Refused before any request: the token must not leave for a plain-http or foreign-scheme endpoint.
  const refused = url ? refusedGraphUrl(url, 'LICENSES_GRAPH_URL') : undefined;
  if (refused) return { kind: 'misconfigured', message: refused };
  if (url && token) return { kind: 'token', baseUrl: url, token };
  if (token && !url)
    return {
      kind: 'misconfigured',
      message:
        'LICENSES_ACCESS_TOKEN is set but LICENSES_GRAPH_URL is not: set both (e.g. LICENSES_GRAPH_URL=https://graph.microsoft.com/v1.0).',
    };
  const azure = tenantId || clientId || clientSecret || certificatePath;
  if (!azure) {
    if (url)
      return {
        kind: 'misconfigured',
        message: 'LICENSES_GRAPH_URL is set but LICENSES_ACCESS_TOKEN is not (nor the AZURE_* app-only settings).',
      };
    return { kind: 'demo' };
  }
  const federated: FederatedSource | undefined = federatedTokenFile
    ? { kind: 'token-file', path: federatedTokenFile }
    : github
      ? { kind: 'github-actions', ...github }
      : undefined;
  const missing = [
    !tenantId && 'AZURE_TENANT_ID',
    !clientId && 'AZURE_CLIENT_ID',
    !clientSecret &&
      !certificatePath &&
      !federated &&
      'AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH or AZURE_FEDERATED_TOKEN_FILE (or GitHub Actions with `id-token: write`)',
  ].filter(Boolean);
  if (missing.length)
    return { kind: 'misconfigured', message: `App-only sign-in needs ${missing.join(', ')} as well.` };
  // The client secret or certificate assertion goes to the authority: the same rule as the token.
  const authorityRefused = value('AZURE_AUTHORITY_HOST')
    ? refusedGraphUrl(value('AZURE_AUTHORITY_HOST')!, 'AZURE_AUTHORITY_HOST')
    : undefined;
  if (authorityRefused)
    return { kind: 'misconfigured', message: authorityRefused.replace('the access token', 'the client secret') };
  // GitHub's request token is a credential too: it goes to no endpoint a token may not go to.
  const oidcRefused =
    !clientSecret && !certificatePath && !federatedTokenFile && github
      ? refusedGraphUrl(github.requestUrl, 'ACTIONS_ID_TOKEN_REQUEST_URL')
      : undefined;
  if (oidcRefused) return { kind: 'misconfigured', message: oidcRefused };
  return {
    kind: 'app-only',
    // A custom Graph root (national cloud, proxy) with app-only sign-in.
    baseUrl: url ?? GLOBAL_GRAPH,
    tenantId: tenantId!,
    clientId: clientId!,
    ...(clientSecret ? { clientSecret } : certificatePath ? { certificatePath } : { federated }),
    ...(value('AZURE_AUTHORITY_HOST') ? { authorityHost: value('AZURE_AUTHORITY_HOST') } : {}),
  };
}
