import { randomUUID } from 'node:crypto';
import { stableGuid } from './ids';
import { type EmulatorTenant } from './tenant';

/**
 * The tenant's app registrations and what was granted to them: application, servicePrincipal,
 * oAuth2PermissionGrant, appRoleAssignment and federatedIdentityCredential resources (graph-docs
 * resources/application.md, serviceprincipal.md, oauth2permissiongrant.md, approleassignment.md,
 * federatedidentitycredential.md), only the properties app setup reads or writes.
 */
interface PermissionScope {
  readonly id: string;
  readonly value: string;
  readonly type: 'Admin' | 'User';
  readonly adminConsentDisplayName: string;
  readonly isEnabled: boolean;
}
interface AppRole {
  readonly id: string;
  readonly value: string;
  readonly allowedMemberTypes: readonly string[];
  readonly displayName: string;
  readonly isEnabled: boolean;
}
export interface ResourceAccess {
  readonly id: string;
  readonly type: 'Scope' | 'Role';
}
export interface RequiredResourceAccess {
  readonly resourceAppId: string;
  readonly resourceAccess: readonly ResourceAccess[];
}

export interface DirectoryApplication {
  id: string;
  appId: string;
  displayName: string;
  createdDateTime: string;
  signInAudience: string;
  isFallbackPublicClient: boolean | null;
  publicClient: { redirectUris: string[] };
  requiredResourceAccess: RequiredResourceAccess[];
  tags: string[];
}

export interface DirectoryServicePrincipal {
  readonly id: string;
  readonly appId: string;
  readonly displayName: string;
  readonly appOwnerOrganizationId: string | null;
  readonly oauth2PermissionScopes: readonly PermissionScope[];
  readonly appRoles: readonly AppRole[];
}

export interface PermissionGrant {
  readonly id: string;
  readonly clientId: string;
  readonly consentType: 'AllPrincipals' | 'Principal';
  readonly principalId: string | null;
  readonly resourceId: string;
  scope: string;
}
export interface AppRoleAssignment {
  readonly id: string;
  readonly principalId: string;
  readonly principalType: 'ServicePrincipal';
  readonly resourceId: string;
  readonly appRoleId: string;
  readonly createdDateTime: string;
  readonly principalDisplayName: string;
  readonly resourceDisplayName: string;
}
export interface FederatedIdentityCredential {
  readonly id: string;
  readonly name: string;
  readonly issuer: string;
  readonly subject: string;
  readonly audiences: readonly string[];
  readonly description: string | null;
}

/** Microsoft Graph's application id, the same in every tenant (graph-docs permissions-reference.md). */
export const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';

/**
 * The Graph permissions the emulated Microsoft Graph service principal publishes. Ids are derived, not
 * Microsoft's: a client must read them from the service principal (serviceprincipal.md
 * oauth2PermissionScopes / appRoles), never hard-code them, and a hard-coded id fails here.
 */
const GRAPH_PERMISSIONS: readonly { value: string; delegated: boolean; application: boolean }[] = [
  { value: 'User.Read', delegated: true, application: false },
  { value: 'User.Read.All', delegated: true, application: true },
  { value: 'User.ReadWrite.All', delegated: true, application: true },
  { value: 'LicenseAssignment.Read.All', delegated: true, application: true },
  { value: 'LicenseAssignment.ReadWrite.All', delegated: true, application: true },
  { value: 'GroupMember.Read.All', delegated: true, application: true },
  { value: 'Directory.Read.All', delegated: true, application: true },
  { value: 'Directory.ReadWrite.All', delegated: true, application: true },
  { value: 'Application.ReadWrite.All', delegated: true, application: true },
  { value: 'DelegatedPermissionGrant.ReadWrite.All', delegated: true, application: true },
  { value: 'AppRoleAssignment.ReadWrite.All', delegated: true, application: true },
  // Teams telephone numbers (teamsadministration-numberassignment-*.md, teamsadministration-teamsadminroot-*.md).
  { value: 'TeamsTelephoneNumber.Read.All', delegated: true, application: true },
  { value: 'TeamsTelephoneNumber.ReadWrite.All', delegated: true, application: true },
  { value: 'TeamsUserConfiguration.Read.All', delegated: true, application: true },
];

function graphServicePrincipal(tenantId: string): DirectoryServicePrincipal {
  return {
    id: stableGuid('graph-service-principal', tenantId),
    appId: GRAPH_APP_ID,
    displayName: 'Microsoft Graph',
    // Microsoft's own tenant owns first-party apps (serviceprincipal.md appOwnerOrganizationId).
    appOwnerOrganizationId: 'f8cdef31-a31e-4b4a-93e4-5f571e91255a',
    oauth2PermissionScopes: GRAPH_PERMISSIONS.filter((p) => p.delegated).map((p) => ({
      id: stableGuid('graph-scope', p.value),
      value: p.value,
      type: p.value === 'User.Read' ? 'User' : 'Admin',
      adminConsentDisplayName: p.value,
      isEnabled: true,
    })),
    appRoles: GRAPH_PERMISSIONS.filter((p) => p.application).map((p) => ({
      id: stableGuid('graph-role', p.value),
      value: p.value,
      allowedMemberTypes: ['Application'],
      displayName: p.value,
      isEnabled: true,
    })),
  };
}

export class DirectoryApps {
  readonly applications: DirectoryApplication[] = [];
  readonly servicePrincipals: DirectoryServicePrincipal[];
  readonly grants: PermissionGrant[] = [];
  readonly appRoleAssignments: AppRoleAssignment[] = [];
  /** Per application object id. */
  readonly federatedCredentials = new Map<string, FederatedIdentityCredential[]>();

  constructor(readonly tenantId: string) {
    this.servicePrincipals = [graphServicePrincipal(tenantId)];
  }

  newId(): string {
    return randomUUID();
  }

  application(id: string): DirectoryApplication | undefined {
    return this.applications.find((a) => a.id === id);
  }

  servicePrincipal(id: string): DirectoryServicePrincipal | undefined {
    return this.servicePrincipals.find((s) => s.id === id);
  }

  /** The application permission names (app role values) granted to the app `appId`: a token's `roles`. */
  grantedRoles(appId: string): string[] {
    const sp = this.servicePrincipals.find((s) => s.appId === appId);
    if (!sp) return [];
    return this.appRoleAssignments
      .filter((a) => a.principalId === sp.id)
      .flatMap((a) => {
        const role = this.servicePrincipal(a.resourceId)?.appRoles.find((r) => r.id === a.appRoleId);
        return role ? [role.value] : [];
      });
  }
}

const stores = new WeakMap<EmulatorTenant, DirectoryApps>();

/** One store per emulated tenant, kept beside it so the tenant's own shape stays the licensing one. */
export function directoryAppsOf(tenant: EmulatorTenant): DirectoryApps {
  let store = stores.get(tenant);
  if (!store) stores.set(tenant, (store = new DirectoryApps(tenant.tenantId)));
  return store;
}
