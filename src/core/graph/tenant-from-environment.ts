import { refusedGraphUrl } from './endpoint-policy';

/**
 * Which tenant the CLI talks to, from the environment, in the order the README documents:
 * `--demo` or nothing configured → the embedded demo tenant; LICENSES_GRAPH_URL +
 * LICENSES_ACCESS_TOKEN → that endpoint with that token; AZURE_TENANT_ID + AZURE_CLIENT_ID +
 * (AZURE_CLIENT_SECRET | AZURE_CLIENT_CERTIFICATE_PATH) → app-only sign-in. Half a configuration is
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

  // Refused before any request: the token must not leave for a plain-http or foreign-scheme endpoint.
  const refused = url ? refusedGraphUrl(url, 'LICENSES_GRAPH_URL') : undefined;
  if (refused) return { kind: 'misconfigured', message: refused };
  if (url && token) return { kind: 'token', baseUrl: url, token };
  if (token && !url) return { kind: 'misconfigured', message: 'LICENSES_ACCESS_TOKEN is set but LICENSES_GRAPH_URL is not: set both (e.g. LICENSES_GRAPH_URL=https://graph.microsoft.com/v1.0).' };
  const azure = tenantId || clientId || clientSecret || certificatePath;
  if (!azure) {
    if (url) return { kind: 'misconfigured', message: 'LICENSES_GRAPH_URL is set but LICENSES_ACCESS_TOKEN is not (nor the AZURE_* app-only settings).' };
    return { kind: 'demo' };
  }
  const missing = [!tenantId && 'AZURE_TENANT_ID', !clientId && 'AZURE_CLIENT_ID', !clientSecret && !certificatePath && 'AZURE_CLIENT_SECRET or AZURE_CLIENT_CERTIFICATE_PATH'].filter(Boolean);
  if (missing.length) return { kind: 'misconfigured', message: `App-only sign-in needs ${missing.join(', ')} as well.` };
  // The client secret or certificate assertion goes to the authority: the same rule as the token.
  const authorityRefused = value('AZURE_AUTHORITY_HOST') ? refusedGraphUrl(value('AZURE_AUTHORITY_HOST')!, 'AZURE_AUTHORITY_HOST') : undefined;
  if (authorityRefused) return { kind: 'misconfigured', message: authorityRefused.replace('the access token', 'the client secret') };
  return {
    kind: 'app-only',
    // A custom Graph root (national cloud, proxy) with app-only sign-in.
    baseUrl: url ?? GLOBAL_GRAPH,
    tenantId: tenantId!,
    clientId: clientId!,
    ...(clientSecret ? { clientSecret } : { certificatePath }),
    ...(value('AZURE_AUTHORITY_HOST') ? { authorityHost: value('AZURE_AUTHORITY_HOST') } : {}),
  };
}
