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
  Global: {
    name: 'Global',
    label: 'Global (incl. GCC)',
    authorityHost: 'https://login.microsoftonline.com',
    graphHost: 'https://graph.microsoft.com',
  },
  USGovGCCHigh: {
    name: 'USGovGCCHigh',
    label: 'US Government GCC High',
    authorityHost: 'https://login.microsoftonline.us',
    graphHost: 'https://graph.microsoft.us',
  },
  USGovDoD: {
    name: 'USGovDoD',
    label: 'US Government DoD',
    authorityHost: 'https://login.microsoftonline.us',
    graphHost: 'https://dod-graph.microsoft.us',
  },
  China: {
    name: 'China',
    label: 'China (21Vianet)',
    authorityHost: 'https://login.chinacloudapi.cn',
    graphHost: 'https://microsoftgraph.chinacloudapi.cn',
  },
};

export const cloudOf = (name: string | undefined): Cloud => CLOUDS[(name ?? 'Global') as CloudName] ?? CLOUDS.Global;

/**
 * Least-privileged delegated scopes, as each API's permissions table documents them:
 * `GET /subscribedSkus` lists LicenseAssignment.Read.All (or Directory/Organization.Read.All and
 * broader), and not the write scopes (subscribedsku-list.md); assignLicense needs
 * LicenseAssignment.ReadWrite.All (user-assignlicense.md); setting usageLocation and reading users
 * need User.ReadWrite.All (user-update.md, user-get.md); reading the groups a file licenses and
 * their members needs GroupMember.Read.All, the least privileged of group-get.md and
 * group-list-members.md (group assignLicense itself needs LicenseAssignment.ReadWrite.All,
 * group-assignlicense.md; reprocessing a member User.ReadWrite.All). Delegated writes also need an Entra role:
 * License Administrator, User Administrator or Directory Writers (user-assignlicense.md).
 * Fully qualified, because national clouds need their own Graph host.
 */
export const DELEGATED_PERMISSIONS = [
  'LicenseAssignment.Read.All',
  'LicenseAssignment.ReadWrite.All',
  'User.ReadWrite.All',
  'GroupMember.Read.All',
] as const;

/**
 * Teams telephone numbers, asked for only when a file gives numbers (incremental consent: a file without
 * numbers never asks for them). Assigning and unassigning needs TeamsTelephoneNumber.ReadWrite.All (which reads the
 * inventory and operations too); reading a user's voice state back needs TeamsUserConfiguration.Read.All
 * (graph-docs teamsadministration-numberassignment-assignnumber.md and
 * teamsadministration-teamsadminroot-list-userconfigurations.md).
 * A signed-in admin also needs the Teams Communications Administrator role (docs/numbers.md).
 */
export const TEAMS_NUMBER_PERMISSIONS = [
  'TeamsTelephoneNumber.ReadWrite.All',
  'TeamsUserConfiguration.Read.All',
] as const;

/**
 * A partner's own reads, asked for only when the admin asks to see the customer tenants (incremental consent: an admin
 * who never does is never asked): the GDAP relationships, DelegatedAdminRelationship.Read.All
 * (tenantrelationship-list-delegatedadminrelationships.md), and a customer named by a domain found by it,
 * CrossTenantInformation.ReadBasic.All (tenantrelationship-findtenantinformationbydomainname.md).
 */
const PARTNER_PERMISSIONS = ['DelegatedAdminRelationship.Read.All', 'CrossTenantInformation.ReadBasic.All'] as const;

/**
 * The scopes a sign-in asks for; with `numbers`, the Teams number permissions too (a file with numbers); with
 * `partner`, the partner's reads (the customer tenants asked for).
 */
export function delegatedScopes(
  cloud: Cloud,
  options: { readonly numbers?: boolean; readonly partner?: boolean } = {},
): string[] {
  const permissions = [
    ...DELEGATED_PERMISSIONS,
    ...(options.numbers ? TEAMS_NUMBER_PERMISSIONS : []),
    ...(options.partner ? PARTNER_PERMISSIONS : []),
  ];
  return permissions.map((s) => `${cloud.graphHost}/${s}`);
}

export const appOnlyScopes = (cloud: Cloud): string[] => [`${cloud.graphHost}/.default`];

export const graphBaseUrl = (cloud: Cloud): string => `${cloud.graphHost}/v1.0`;

export const authority = (cloud: Cloud, tenantId: string): string =>
  `${cloud.authorityHost}/${tenantId || 'organizations'}`;
