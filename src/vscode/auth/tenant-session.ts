/** A signed-in tenant, as the commands see it: where Graph is and how to get a token for it. */
export interface TenantSession {
  readonly kind: 'demo' | 'delegated' | 'app';
  /** Shown in the status bar and the confirmation: "Demo tenant", "admin@contoso.com (contoso tenant)". */
  readonly label: string;
  readonly tenantId: string;
  /** e.g. https://graph.microsoft.com/v1.0 */
  readonly graphBaseUrl: string;
  getToken(): Promise<string>;
  /** Signed in through VS Code's account provider of this id (vscode-account-session.ts). */
  readonly accountProvider?: string;
  /** Whether that provider still holds the account: it can be signed out in VS Code's Accounts menu. */
  isSignedIn?(): Promise<boolean>;
  /**
   * Incremental consent: asks, once, for the Teams number permissions (clouds.ts TEAMS_NUMBER_PERMISSIONS) and uses
   * them for every later token. Called only for a file that gives numbers. Absent: the session has them (app-only
   * runs get what the registration was granted; the demo tenant grants everything). `silent` (the editor, as a file
   * with numbers opens): never a prompt; the wider permissions only when they are held already (consented before),
   * else nothing changes and the numbers read says they could not be read.
   */
  askForNumbers?(options?: { readonly silent?: boolean }): Promise<void>;
  /**
   * Incremental consent, asked only when the admin asks to see the customer tenants: the partner's reads
   * (clouds.ts PARTNER_PERMISSIONS: the GDAP relationships, tenants found by domain), used for every later token.
   * Absent: this session cannot ask for them (device code, app-only, the demo tenant, which grants them).
   */
  askForPartner?(): Promise<void>;
  /**
   * A session for another tenant, a customer's that a file's `tenant` line names (id or domain), made on first use
   * and kept by the caller: delegated, the same account signed in to that tenant; the demo, the demo partner's
   * customer with a token of its own. `refused`: the tenant cannot be reached, and why (naming it). Absent: this
   * session reaches no other tenant. `silent` (the editor, as a file opens): never a prompt; undefined when reaching
   * the tenant would need one (no sign-in to it yet).
   */
  customer?(
    tenant: string,
    options?: { readonly silent?: boolean },
  ): Promise<TenantSession | { readonly refused: string } | undefined>;
  dispose(): Promise<void>;
}
