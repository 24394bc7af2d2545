import { GRAPH_APP_ID } from './setup-permissions';

/** What Graph's service principal publishes, as read from `GET /servicePrincipals?$filter=appId eq '…'`. */
export interface GraphServicePrincipal {
  readonly id: string;
  readonly oauth2PermissionScopes: readonly { readonly id: string; readonly value: string }[];
  readonly appRoles: readonly { readonly id: string; readonly value: string }[];
}

export interface ResolvedPermission {
  readonly value: string;
  readonly id: string;
  readonly type: 'Scope' | 'Role';
}

/**
 * Redirect URIs of the public client (application.md publicClient.redirectUris): `http://localhost`
 * for MSAL's loopback sign-in (any port, entra-docs reply-url.md), `https://vscode.dev/redirect` for
 * VS Code's Microsoft account provider, and the Windows broker's URI, which names the app's own id
 * (entra-docs msal-node-extensions, "ms-appx-web://Microsoft.AAD.BrokerPlugin/{client_id}").
 */
function redirectUrisFor(appId: string): string[] {
  return ['http://localhost', 'https://vscode.dev/redirect', `ms-appx-web://Microsoft.AAD.BrokerPlugin/${appId}`];
}

/** The ids of these permission names, from the tenant's Graph service principal; the names it lacks otherwise. */
export function resolvePermissions(
  graph: GraphServicePrincipal,
  delegated: readonly string[],
  application: readonly string[],
):
  | { readonly ok: true; readonly permissions: ResolvedPermission[] }
  | { readonly ok: false; readonly missing: string[] } {
  const missing: string[] = [];
  const permissions: ResolvedPermission[] = [];
  const find = (list: readonly { id: string; value: string }[], value: string) =>
    list.find((p) => p.value.toLowerCase() === value.toLowerCase());
  for (const value of delegated) {
    const scope = find(graph.oauth2PermissionScopes, value);
    if (scope) permissions.push({ value: scope.value, id: scope.id, type: 'Scope' });
    else missing.push(`${value} (delegated)`);
  }
  for (const value of application) {
    const role = find(graph.appRoles, value);
    if (role) permissions.push({ value: role.value, id: role.id, type: 'Role' });
    else missing.push(`${value} (application)`);
  }
  return missing.length ? { ok: false, missing } : { ok: true, permissions };
}

/** The application's writable properties, as POST/PATCH /applications take them (application.md). */
export function applicationBody(
  displayName: string,
  tag: string,
  appId: string | undefined,
  permissions: readonly ResolvedPermission[],
) {
  return {
    displayName,
    // Single tenant: only this directory's accounts sign in (application.md signInAudience).
    signInAudience: 'AzureADMyOrg',
    // Public client flows (device code, loopback) without a secret (application.md isFallbackPublicClient).
    isFallbackPublicClient: true,
    // The broker URI needs the app id, which Graph assigns on creation: a first POST goes without it.
    publicClient: { redirectUris: appId ? redirectUrisFor(appId) : redirectUrisFor('').slice(0, 2) },
    requiredResourceAccess: [
      { resourceAppId: GRAPH_APP_ID, resourceAccess: permissions.map((p) => ({ id: p.id, type: p.type })) },
    ],
    tags: [tag],
  };
}

/**
 * The admin-consent URL a Global or Privileged Role Administrator opens to grant what the app asks
 * for, for the whole organization (entra-docs grant-admin-consent.md, "Construct the URL").
 */
export function adminConsentUrl(authorityHost: string, tenantId: string, appId: string): string {
  return `${authorityHost.replace(/\/+$/, '')}/${encodeURIComponent(tenantId || 'organizations')}/adminconsent?client_id=${encodeURIComponent(appId)}`;
}
