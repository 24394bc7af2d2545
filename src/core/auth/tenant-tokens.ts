import type { AccessTokenProvider } from './access-token';
import type { AppOnlyCredentials } from './app-only-auth';
import { delegatedScopes, type Cloud } from './clouds';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A DNS name of at least two labels (contoso.onmicrosoft.com, contoso.com). */
const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/i;

/**
 * Is `name` a tenant as an authority takes it: a tenant id (GUID) or a verified domain ("Tenant ID or domain name",
 * learn.microsoft.com/entra/identity-platform/msal-client-application-configuration)? `common`, `organizations` and
 * `consumers` are not one tenant.
 */
export const isTenantName = (name: string): boolean => GUID.test(name.trim()) || DOMAIN.test(name.trim());

/**
 * App-only tokens for many tenants with ONE multi-tenant app and its one credential (secret, certificate or
 * federated token): each tenant's token comes from `{authority}/{tenant}` (the client-credentials request's
 * "`tenant`: The directory tenant the application plans to operate against, in GUID or domain-name format",
 * learn.microsoft.com/entra/identity-platform/v2-oauth2-client-creds-grant-flow), consented there beforehand. One
 * provider per tenant, made on first use and kept: each caches its own token.
 */
export class TenantTokens {
  private readonly providers = new Map<string, Promise<AccessTokenProvider>>();

  constructor(
    private readonly credentials: Omit<AppOnlyCredentials, 'tenantId'>,
    /** appOnlyTokenProvider by default (loaded with MSAL on first use); a test double otherwise. */
    private readonly make: (credentials: AppOnlyCredentials) => Promise<AccessTokenProvider> = async (c) =>
      (await import('./app-only-auth')).appOnlyTokenProvider(c),
  ) {}

  /** The token provider of `tenant` (id or domain); throws for a name that is not a tenant. */
  forTenant(tenant: string): AccessTokenProvider {
    const name = tenant.trim().toLowerCase();
    if (!isTenantName(name)) throw new Error(`"${tenant}" is not a tenant id or domain.`);
    let provider = this.providers.get(name);
    if (!provider) {
      provider = this.make({ ...this.credentials, tenantId: name });
      this.providers.set(name, provider);
      // A failed start (a bad certificate file) is not kept: the next call tries again.
      provider.catch(() => this.providers.delete(name));
    }
    return async () => (await provider)();
  }
}

/**
 * The scopes of a delegated session in a customer tenant through VS Code's Microsoft account provider: as for the
 * partner's own session (vscode-account.ts), with `VSCODE_TENANT:<customer>`, so that VS Code keeps one session per
 * tenant and asks again silently after the first sign-in. The partner admin signs in with their own account; GDAP
 * decides what the token may do there.
 */
export function customerSessionScopes(cloud: Cloud, clientId: string, customerTenant: string): string[] {
  return [`VSCODE_CLIENT_ID:${clientId.trim()}`, `VSCODE_TENANT:${customerTenant.trim()}`, ...delegatedScopes(cloud)];
}
