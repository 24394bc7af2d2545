import { DELEGATED_PERMISSIONS, TEAMS_NUMBER_PERMISSIONS } from '../auth/clouds';

/** Microsoft Graph's application id, the same in every tenant (graph-docs permissions-reference.md). */
export const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';

/**
 * The public client that signs the admin in once, to create the product's own registration: the
 * Azure CLI's (04b07795-8ddb-461a-bbee-02f9e1bf7b46), as CLI for Microsoft 365's `m365 setup` does.
 * It is a Microsoft first-party public client present in every tenant, allowed device code and
 * loopback sign-in, and pre-authorized for Microsoft Graph's directory scopes, so nothing has to be
 * registered before the registration exists. Its token is used only for the calls below, then dropped.
 */
export const BOOTSTRAP_CLIENT_ID = '04b07795-8ddb-461a-bbee-02f9e1bf7b46';

/**
 * What setup itself does with the bootstrap sign-in, least privileged per call: create and update the
 * application and its service principal (application-post-applications.md: Application.ReadWrite.All),
 * grant delegated consent (oauth2permissiongrant-post.md: DelegatedPermissionGrant.ReadWrite.All),
 * grant application permissions (serviceprincipal-post-approleassignments.md:
 * AppRoleAssignment.ReadWrite.All). Only the bootstrap session holds these, never the product's app.
 */
export const BOOTSTRAP_PERMISSIONS = [
  'Application.ReadWrite.All',
  'DelegatedPermissionGrant.ReadWrite.All',
  'AppRoleAssignment.ReadWrite.All',
] as const;

/**
 * The delegated permissions the product's app registers: the list every sign-in requests (clouds.ts), and the
 * Teams number permissions a sign-in asks for only when a file gives numbers (consented here once for all).
 */
export const APP_DELEGATED_PERMISSIONS: readonly string[] = [...DELEGATED_PERMISSIONS, ...TEAMS_NUMBER_PERMISSIONS];

/**
 * Application permissions for app-only runs (CI): the same four, as application permissions.
 * subscribedsku-list.md, user-assignlicense.md, user-update.md and group-list-members.md document
 * each of them for the Application permission type too; nothing broader (no Directory.ReadWrite.All).
 * GroupMember.Read.All reads the groups a file licenses and their members.
 */
export const APP_APPLICATION_PERMISSIONS: readonly string[] = [
  'LicenseAssignment.Read.All',
  'LicenseAssignment.ReadWrite.All',
  'User.ReadWrite.All',
  'GroupMember.Read.All',
  // Teams telephone numbers, documented for the Application type too (the assignNumber and userConfigurations pages).
  ...TEAMS_NUMBER_PERMISSIONS,
];

/** The registration's name, and the tag that tells a second run which application is ours. */
export const APP_DISPLAY_NAME = 'M365 Licenses';
export const APP_TAG = 'm365-licenses';
