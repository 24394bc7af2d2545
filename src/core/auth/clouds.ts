/**
 * Microsoft Graph and Entra hosts per national cloud (Graph docs, concepts/deployments.md and
 * concepts/sdks/national-clouds.md). "If you're working in a Microsoft 365 GCC environment,
 * continue using the worldwide endpoints."
 */
export type CloudName = 'Global' | 'USGovGCCHigh' | 'USGovDoD' | 'China';

export interface Cloud {
  readonly name: CloudName;
  readonly label: string;
  readonly authorityHost: string;
  /** Graph root without version. */
  readonly graphHost: string;
}

export const CLOUDS: Readonly<Record<CloudName, Cloud>> = {
  Global: { name: 'Global', label: 'Global (incl. GCC)', authorityHost: 'https://login.microsoftonline.com', graphHost: 'https://graph.microsoft.com' },
  USGovGCCHigh: { name: 'USGovGCCHigh', label: 'US Government GCC High', authorityHost: 'https://login.microsoftonline.us', graphHost: 'https://graph.microsoft.us' },
  USGovDoD: { name: 'USGovDoD', label: 'US Government DoD', authorityHost: 'https://login.microsoftonline.us', graphHost: 'https://dod-graph.microsoft.us' },
  China: { name: 'China', label: 'China (21Vianet)', authorityHost: 'https://login.chinacloudapi.cn', graphHost: 'https://microsoftgraph.chinacloudapi.cn' },
};

export const cloudOf = (name: string | undefined): Cloud => CLOUDS[(name ?? 'Global') as CloudName] ?? CLOUDS.Global;

/**
 * Least-privileged delegated scopes: assignLicense needs LicenseAssignment.ReadWrite.All,
 * setting usageLocation needs User.ReadWrite.All, subscribedSkus needs LicenseAssignment.Read.All
 * (covered by the write scope). Fully qualified, because national clouds need their own Graph host.
 */
export function delegatedScopes(cloud: Cloud): string[] {
  return ['LicenseAssignment.ReadWrite.All', 'User.ReadWrite.All'].map((s) => `${cloud.graphHost}/${s}`);
}

export const appOnlyScopes = (cloud: Cloud): string[] => [`${cloud.graphHost}/.default`];

export const graphBaseUrl = (cloud: Cloud): string => `${cloud.graphHost}/v1.0`;

export const authority = (cloud: Cloud, tenantId: string): string => `${cloud.authorityHost}/${tenantId || 'organizations'}`;
