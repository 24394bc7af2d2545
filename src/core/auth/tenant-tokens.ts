import type { AccessTokenProvider } from './access-token';
import type { AppOnlyCredentials } from './app-only-auth';

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
 * provider per tenant, made on first use and kept: each caches its own token. (Delegated, in VS Code, a customer
 * tenant's session is `vscodeAccountScopes(cloud, clientId, customer)`: `VSCODE_TENANT:<customer>` makes VS Code keep
 * one session per tenant, silent after the first sign-in; GDAP decides what the partner admin's token may do there.)
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
