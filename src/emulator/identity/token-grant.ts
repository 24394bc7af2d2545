/**
 * What a bearer token lets its holder do, as Microsoft Graph decides it: an app-only token carries
 * application permissions (`roles`), a delegated token carries scopes (`scp`) and acts as a signed-in user
 * whose Microsoft Entra directory roles also count ("For delegated scenarios, the calling user needs at
 * least one of the following Microsoft Entra roles", user-assignlicense.md). A call the token does not
 * cover is answered 403 Authorization_RequestDenied "Insufficient privileges to complete the operation."
 * (the 403 item of the graph-docs concepts/json-batching.md example response).
 *
 * `tenantId` is the token's `tid`: the tenant whose data the token reaches (unset: the emulator's home tenant).
 * A delegated token whose `homeTenantId` (the signed-in user's own tenant) differs from `tenantId` is a partner
 * admin's token in a customer tenant: its directory roles there are the roles of the partner's active GDAP
 * relationships with that customer (partner/gdap-access.ts).
 *
 * The emulator's default token is `unrestricted`: it passes every check, so existing callers keep working.
 */
export type TokenGrant =
  | { readonly kind: 'unrestricted'; readonly signedInUser?: string; readonly tenantId?: string }
  | { readonly kind: 'application'; readonly roles: readonly string[]; readonly tenantId?: string }
  | {
      readonly kind: 'delegated';
      readonly scopes: readonly string[];
      readonly directoryRoles: readonly string[];
      readonly signedInUser?: string;
      readonly tenantId?: string;
      readonly homeTenantId?: string;
    };
