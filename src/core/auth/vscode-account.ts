import { delegatedScopes, type Cloud } from './clouds';

/**
 * Delegated sign-in through VS Code's own Microsoft account provider (the built-in
 * `microsoft-authentication` extension). VS Code picks the flow the host can do (loopback or the
 * OS broker on desktop, the vscode.dev redirect or a device code in remote and web windows) and
 * keeps the refresh token; we only say which app, which tenant and which Graph scopes.
 */

/** VS Code's provider for the worldwide cloud. */
const MICROSOFT_PROVIDER = 'microsoft';
/** VS Code's provider for national clouds; it exists only while `microsoft-sovereign-cloud.environment` is set. */
const SOVEREIGN_PROVIDER = 'microsoft-sovereign-cloud';
export const SOVEREIGN_ENVIRONMENT_SETTING = 'microsoft-sovereign-cloud.environment';

/** The values VS Code's `microsoft-sovereign-cloud.environment` setting accepts. */
type SovereignEnvironment = 'ChinaCloud' | 'USGovernment' | 'custom';

export interface AccountProvider {
  readonly providerId: string;
  /** The `microsoft-sovereign-cloud.environment` value this cloud needs; absent for the worldwide cloud. */
  readonly environment?: Exclude<SovereignEnvironment, 'custom'>;
}

/**
 * Which VS Code provider signs in to `cloud`. GCC High and DoD accounts sign in at
 * login.microsoftonline.us, which VS Code calls `USGovernment`; 21Vianet at login.chinacloudapi.cn
 * (`ChinaCloud`). GCC uses the worldwide service (Graph docs, deployments.md).
 */
export function accountProviderFor(cloud: Cloud): AccountProvider {
  switch (cloud.name) {
    case 'Global':
      return { providerId: MICROSOFT_PROVIDER };
    case 'USGovGCCHigh':
    case 'USGovDoD':
      return { providerId: SOVEREIGN_PROVIDER, environment: 'USGovernment' };
    case 'China':
      return { providerId: SOVEREIGN_PROVIDER, environment: 'ChinaCloud' };
  }
}

/**
 * `undefined` when VS Code's sovereign setting lets `cloud` sign in; else the value it needs.
 * `custom` is the admin's own endpoint description, which we cannot check: it is trusted.
 */
export function sovereignSettingNeeded(cloud: Cloud, environment: unknown): AccountProvider['environment'] | undefined {
  const needed = accountProviderFor(cloud).environment;
  if (!needed || environment === needed || environment === 'custom') return undefined;
  return needed;
}

/**
 * The scopes asked of VS Code's provider: the pseudo-scopes `VSCODE_CLIENT_ID:<app>` (our app
 * registration instead of VS Code's own) and `VSCODE_TENANT:<tenant>` (single-tenant apps need
 * their tenant, see sign-in-errors.ts), then the least-privileged Graph scopes, fully qualified so
 * national clouds get their own Graph host. VS Code adds openid, profile and offline_access itself.
 */
export function vscodeAccountScopes(
  cloud: Cloud,
  clientId: string,
  tenantId: string,
  numbers = false,
  partner = false,
): string[] {
  return [
    `VSCODE_CLIENT_ID:${clientId.trim()}`,
    `VSCODE_TENANT:${tenantId.trim()}`,
    ...delegatedScopes(cloud, { numbers, partner }),
  ];
}
