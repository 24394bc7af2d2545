/**
 * Documented permissions of the app-registration endpoints (least privileged first), each table from
 * its graph-docs page; merged into ENDPOINT_PERMISSIONS (permissions.ts). Shape as there.
 */
const APP_READ = ['Application.Read.All', 'Application.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'];
/**
 * application-post-applications.md: delegated Application.ReadWrite.All; application Application.ReadWrite.OwnedBy,
 * Application.ReadWrite.All.
 */
const APP_WRITE = ['Application.ReadWrite.All', 'Application.ReadWrite.OwnedBy', 'Directory.ReadWrite.All'];
/** oauth2permissiongrant-post.md: DelegatedPermissionGrant.ReadWrite.All, then Directory.ReadWrite.All. */
const GRANT_WRITE = ['DelegatedPermissionGrant.ReadWrite.All', 'Directory.ReadWrite.All'];
/**
 * oauth2permissiongrant-list.md: DelegatedPermissionGrant.Read.All, then DelegatedPermissionGrant.ReadWrite.All,
 * Directory.Read.All, Directory.ReadWrite.All.
 */
const GRANT_READ = [
  'DelegatedPermissionGrant.Read.All',
  'DelegatedPermissionGrant.ReadWrite.All',
  'Directory.Read.All',
  'Directory.ReadWrite.All',
];
/**
 * serviceprincipal-post-approleassignments.md: AppRoleAssignment.ReadWrite.All (with Application.Read.All), then
 * Directory.ReadWrite.All.
 */
const ROLE_WRITE = ['AppRoleAssignment.ReadWrite.All', 'Directory.ReadWrite.All'];
const ROLE_READ = [
  'Application.Read.All',
  'AppRoleAssignment.ReadWrite.All',
  'Directory.Read.All',
  'Directory.ReadWrite.All',
];

const same = (list: readonly string[]) => ({ delegated: list, application: list });

export const DIRECTORY_APP_PERMISSIONS = {
  'GET /applications': same(APP_READ),
  'POST /applications': same(APP_WRITE),
  'GET /applications/{id}': same(APP_READ),
  'PATCH /applications/{id}': same(APP_WRITE),
  'GET /applications/{id}/federatedIdentityCredentials': same(APP_READ),
  'POST /applications/{id}/federatedIdentityCredentials': same(APP_WRITE),
  'GET /servicePrincipals': same(APP_READ),
  'POST /servicePrincipals': same(APP_WRITE),
  'GET /servicePrincipals/{id}/appRoleAssignments': same(ROLE_READ),
  'POST /servicePrincipals/{id}/appRoleAssignments': same(ROLE_WRITE),
  'GET /oauth2PermissionGrants': same(GRANT_READ),
  'POST /oauth2PermissionGrants': same(GRANT_WRITE),
  'PATCH /oauth2PermissionGrants/{id}': same(GRANT_WRITE),
} as const;
