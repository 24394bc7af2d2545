import { randomBytes } from 'node:crypto';
import { fail, Messages, type Failure } from '../http/errors';
import { type GraphRequest } from '../directory/exchange';
import type { TokenGrant } from './token-grant';

export type { TokenGrant } from './token-grant';
import { type EmulatorTenant } from '../directory/tenant';
import { DEFAULT_USER_PROPERTIES } from '../directory/views';
import { DIRECTORY_APP_PERMISSIONS } from '../directory/directory-apps-permissions';
import { TEAMS_PERMISSIONS, teamsRoles } from '../teams/teams-permissions';

export interface MintTokenOptions {
  /** Delegated permissions (the token's `scp`). Give either scopes or roles. */
  readonly scopes?: readonly string[];
  /** Application permissions (the token's `roles`): an app-only token. */
  readonly roles?: readonly string[];
  /** The signed-in admin's directory roles, e.g. "License Administrator" (delegated only). */
  readonly directoryRoles?: readonly string[];
  /** UPN or id that /me stands for (delegated only); default: the emulator's `signedInUser`. */
  readonly signedInUser?: string;
  /** The token's tenant (`tid`), by id or verified domain; default: the emulator's home tenant. */
  readonly tenant?: string;
  /**
   * Delegated only: the signed-in user's own tenant, when it is not `tenant`: a partner admin reaching a customer
   * tenant through GDAP, whose roles there are those of the partner's active relationships (not `directoryRoles`).
   */
  readonly homeTenant?: string;
}

/** Tenant id for an id or verified domain; undefined for a tenant the emulator does not hold. */
export type TenantResolver = (idOrDomain: string) => string | undefined;

function grantFrom(options: MintTokenOptions, resolve: TenantResolver): TokenGrant {
  const tenantOf = (name: string | undefined): string | undefined => {
    if (name === undefined) return undefined;
    const id = resolve(name);
    if (id === undefined) throw new Error(`mintToken: no tenant ${name} behind this emulator`);
    return id;
  };
  const tenantId = tenantOf(options.tenant);
  if ((options.scopes === undefined) === (options.roles === undefined)) {
    throw new Error('mintToken needs exactly one of scopes (a delegated token) or roles (an app-only token)');
  }
  if (options.roles !== undefined) {
    if (options.directoryRoles?.length || options.signedInUser)
      throw new Error('an app-only token has no signed-in user nor directory roles');
    if (options.homeTenant) throw new Error('an app-only token has no home tenant: it is issued in its own tenant');
    return { kind: 'application', roles: [...options.roles], ...(tenantId ? { tenantId } : {}) };
  }
  const homeTenantId = tenantOf(options.homeTenant);
  return {
    kind: 'delegated',
    scopes: [...options.scopes!],
    directoryRoles: [...(options.directoryRoles ?? [])],
    signedInUser: options.signedInUser,
    ...(tenantId ? { tenantId } : {}),
    ...(homeTenantId ? { homeTenantId } : {}),
  };
}

/** Bearer tokens the emulator accepts, each with its grant. */
export class TokenRegistry {
  private readonly grants = new Map<string, TokenGrant>();

  add(token: string, grant: TokenGrant): string {
    this.grants.set(token, grant);
    return token;
  }

  mint(options: MintTokenOptions, resolve: TenantResolver = (t) => t.toLowerCase()): string {
    return this.add(`emulator.${randomBytes(24).toString('base64url')}`, grantFrom(options, resolve));
  }

  /**
   * A new token with exactly this grant (the token endpoint's tokens for customer tenants). Its middle part reads as
   * a JWT's payload holding `tid`, the id of the tenant it was issued for, as Microsoft's access tokens carry it
   * (entra-docs identity-platform/access-token-claims-reference.md, `tid`: "the tenant that the user is signing in
   * to"): a client that asked for a tenant by domain learns its id. Nothing else is in it and nothing is signed: the
   * emulator judges a token by its registry, never by what it says.
   */
  issue(grant: TokenGrant): string {
    const claims = grant.tenantId
      ? `.${Buffer.from(JSON.stringify({ tid: grant.tenantId })).toString('base64url')}`
      : '';
    return this.add(`emulator${claims}.${randomBytes(24).toString('base64url')}`, grant);
  }

  /** The grant for an `Authorization` header value, or undefined for an unknown token. */
  lookup(authorization: string): TokenGrant | undefined {
    const m = /^Bearer (.+)$/.exec(authorization);
    return m ? this.grants.get(m[1]) : undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// Per endpoint: the documented permissions (least privileged first), each table from its page.

interface EndpointPermissions {
  /** Delegated (work or school account); 'not supported' when the page says so. */
  readonly delegated: readonly string[] | 'not supported';
  /** Delegated permissions that only reach the signed-in user's own object (User.Read, User.ReadWrite). */
  readonly delegatedSelf?: readonly string[];
  readonly application: readonly string[] | 'not supported';
}

/** subscribedsku-list.md / subscribedsku-get.md: LicenseAssignment.Read.All least privileged, then
 *  "Directory.Read.All, Directory.ReadWrite.All, Organization.Read.All, Organization.ReadWrite.All". */
const SUBSCRIBED_SKUS = [
  'LicenseAssignment.Read.All',
  'Directory.Read.All',
  'Directory.ReadWrite.All',
  'Organization.Read.All',
  'Organization.ReadWrite.All',
];

/** user-get.md / user-list.md: delegated User.ReadBasic.All (basic profile), User.Read.All, …; application
 *  User.Read.All, User.ReadWrite.All, Directory.Read.All, Directory.ReadWrite.All. User.Read reaches the
 *  signed-in user only ("allows the app to read the profile ... of the signed-in user only", user-get.md). */
const USER_READ_ALL = ['User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'];
const USER_READ_DELEGATED = ['User.ReadBasic.All', ...USER_READ_ALL];

/** user-update-permissions.md lists User.ReadWrite (oneself), User.ManageIdentities.All, User.EnableDisableAccount.All,
 *  User.ReadWrite.All, Directory.ReadWrite.All; the narrow ones cover one property each ("can only be used to manage
 *  the user's identities property", Microsoft Q&A 1688073), so for the properties written here: User.ReadWrite.All,
 *  Directory.ReadWrite.All. */
const USER_WRITE = ['User.ReadWrite.All', 'Directory.ReadWrite.All'];

/** user-assignlicense-permissions.md: "LicenseAssignment.ReadWrite.All" least privileged, then
 *  "AgentIdUser.ReadWrite.All, AgentIdUser.ReadWrite.IdentityParentedBy, Directory.ReadWrite.All, User.ReadWrite.All",
 *  the same for delegated and application. */
const ASSIGN_LICENSE = [
  'LicenseAssignment.ReadWrite.All',
  'AgentIdUser.ReadWrite.All',
  'AgentIdUser.ReadWrite.IdentityParentedBy',
  'Directory.ReadWrite.All',
  'User.ReadWrite.All',
];

/** user-list-licensedetails-permissions.md: delegated LicenseAssignment.Read.All, then "AgentIdUser.ReadWrite.All,
 *  AgentIdUser.ReadWrite.IdentityParentedBy, Directory.Read.All, Directory.ReadWrite.All, User.Read, User.Read.All,
 *  User.ReadWrite.All"; Application "Not supported." */
const LICENSE_DETAILS = [
  'LicenseAssignment.Read.All',
  'AgentIdUser.ReadWrite.All',
  'AgentIdUser.ReadWrite.IdentityParentedBy',
  'Directory.Read.All',
  'Directory.ReadWrite.All',
  'User.Read.All',
  'User.ReadWrite.All',
];

/** group-get-permissions.md: "GroupMember.Read.All" least privileged, then "Group.ReadWrite.All, Directory.Read.All,
 *  Directory.ReadWrite.All, Group.Read.All", delegated and application alike. */
const GROUP_READ = [
  'GroupMember.Read.All',
  'Group.ReadWrite.All',
  'Directory.Read.All',
  'Directory.ReadWrite.All',
  'Group.Read.All',
];

/**
 * group-assignlicense.md: "LicenseAssignment.ReadWrite.All" least privileged, then "Directory.ReadWrite.All,
 * Group.ReadWrite.All".
 */
const GROUP_ASSIGN_LICENSE = ['LicenseAssignment.ReadWrite.All', 'Directory.ReadWrite.All', 'Group.ReadWrite.All'];

/** user-reprocesslicenseassignment.md: "User.ReadWrite.All" least privileged, then "Directory.ReadWrite.All". */
const REPROCESS = ['User.ReadWrite.All', 'Directory.ReadWrite.All'];

export const ENDPOINT_PERMISSIONS: Readonly<Record<string, EndpointPermissions>> = {
  'GET /subscribedSkus': { delegated: SUBSCRIBED_SKUS, application: SUBSCRIBED_SKUS },
  'GET /subscribedSkus/{id}': { delegated: SUBSCRIBED_SKUS, application: SUBSCRIBED_SKUS },
  'GET /users': { delegated: USER_READ_DELEGATED, application: USER_READ_ALL },
  'GET /users/{id}': {
    delegated: USER_READ_DELEGATED,
    delegatedSelf: ['User.Read', 'User.ReadWrite'],
    application: USER_READ_ALL,
  },
  'PATCH /users/{id}': { delegated: USER_WRITE, delegatedSelf: ['User.ReadWrite'], application: USER_WRITE },
  'GET /users/{id}/licenseDetails': {
    delegated: LICENSE_DETAILS,
    delegatedSelf: ['User.Read'],
    application: 'not supported',
  },
  'POST /users/{id}/assignLicense': { delegated: ASSIGN_LICENSE, application: ASSIGN_LICENSE },
  'GET /groups/{id}': { delegated: GROUP_READ, application: GROUP_READ },
  // group-list-permissions.md and group-list-members-permissions.md: GroupMember.Read.All least privileged, as for a
  // group read.
  'GET /groups': { delegated: GROUP_READ, application: GROUP_READ },
  'GET /groups/{id}/members': { delegated: GROUP_READ, application: GROUP_READ },
  'GET /groups/{id}/membersWithLicenseErrors': { delegated: GROUP_READ, application: GROUP_READ },
  // The OData casts of the same relationships: [INF] the same permissions as the relationship itself.
  'GET /groups/{id}/members/microsoft.graph.user': { delegated: GROUP_READ, application: GROUP_READ },
  'GET /groups/{id}/members/microsoft.graph.group': { delegated: GROUP_READ, application: GROUP_READ },
  'GET /groups/{id}/membersWithLicenseErrors/microsoft.graph.user': { delegated: GROUP_READ, application: GROUP_READ },
  'POST /groups/{id}/assignLicense': { delegated: GROUP_ASSIGN_LICENSE, application: GROUP_ASSIGN_LICENSE },
  'POST /users/{id}/reprocessLicenseAssignment': { delegated: REPROCESS, application: REPROCESS },
  ...DIRECTORY_APP_PERMISSIONS,
  ...TEAMS_PERMISSIONS,
  // tenantrelationship-list-delegatedadminrelationships.md, Permissions: DelegatedAdminRelationship.Read.All least
  // privileged, then DelegatedAdminRelationship.ReadWrite.All, delegated and application alike.
  'GET /tenantRelationships/delegatedAdminRelationships': {
    delegated: ['DelegatedAdminRelationship.Read.All', 'DelegatedAdminRelationship.ReadWrite.All'],
    application: ['DelegatedAdminRelationship.Read.All', 'DelegatedAdminRelationship.ReadWrite.All'],
  },
  // tenantrelationship-findtenantinformationbydomainname.md, Permissions: CrossTenantInformation.ReadBasic.All,
  // delegated (work or school account) and application.
  'GET /tenantRelationships/findTenantInformationByDomainName/{id}': {
    delegated: ['CrossTenantInformation.ReadBasic.All'],
    application: ['CrossTenantInformation.ReadBasic.All'],
  },
};

/**
 * Directory roles a delegated WRITE needs on top of its scope.
 * - assignLicense: "Directory Writers, License Administrator, User Administrator" (user-assignlicense.md;
 *   the beta page adds Global Administrator).
 * - PATCH usageLocation only: License Administrator holds `microsoft.directory/users/usageLocation/update`
 *   (Entra built-in roles reference), as do User Administrator and Global Administrator. Any other
 *   property: [INF] User Administrator, Directory Writers or Global Administrator (the roles reference
 *   gives License Administrator no other user-property update).
 * - group assignLicense: "Directory Writers, Groups Administrator, License Administrator, User Administrator"
 *   (group-assignlicense.md, "For delegated scenarios, the calling user needs at least one of ...").
 * - reprocessLicenseAssignment: "Directory Writers, License Administrator, User Administrator", or a custom
 *   role holding `microsoft.directory/users/reprocessLicenseAssignment` (user-reprocesslicenseassignment.md).
 * Global Administrator holds every permission of the roles reference, so it passes each check.
 * Reads need no role: a member user reads the directory by default ([INF] for these endpoints).
 */
const ASSIGN_LICENSE_ROLES = [
  'Directory Writers',
  'License Administrator',
  'User Administrator',
  'Global Administrator',
];
const GROUP_ASSIGN_LICENSE_ROLES = [...ASSIGN_LICENSE_ROLES, 'Groups Administrator'];
const REPROCESS_ROLES = ASSIGN_LICENSE_ROLES;
const USAGE_LOCATION_ROLES = ['License Administrator', 'User Administrator', 'Global Administrator'];
const USER_UPDATE_ROLES = ['User Administrator', 'Directory Writers', 'Global Administrator'];

function requiredRoles(routeKey: string, req: GraphRequest): readonly string[] | undefined {
  if (routeKey === 'POST /users/{id}/assignLicense') return ASSIGN_LICENSE_ROLES;
  if (routeKey === 'POST /groups/{id}/assignLicense') return GROUP_ASSIGN_LICENSE_ROLES;
  if (routeKey === 'POST /users/{id}/reprocessLicenseAssignment') return REPROCESS_ROLES;
  if (routeKey === 'PATCH /users/{id}') {
    const keys = req.body !== null && typeof req.body === 'object' ? Object.keys(req.body) : [];
    return keys.length > 0 && keys.every((k) => k === 'usageLocation') ? USAGE_LOCATION_ROLES : USER_UPDATE_ROLES;
  }
  return teamsRoles(routeKey);
}

const has = (granted: readonly string[], wanted: readonly string[]) =>
  granted.some((g) => wanted.some((w) => w.toLowerCase() === g.toLowerCase()));

/** The basic profile User.ReadBasic.All may read: [INF] the default property set of user-get.md. */
const BASIC_PROPERTIES = new Set<string>(DEFAULT_USER_PROPERTIES.map((p) => p.toLowerCase()));

function onlyBasicProperties(req: GraphRequest): boolean {
  const select = req.query.get('$select');
  if (!select) return true;
  return select
    .split(',')
    .map((p) => p.trim().toLowerCase())
    .filter(Boolean)
    .every((p) => BASIC_PROPERTIES.has(p));
}

/** Is the target of /users/{id} the token's signed-in user? */
function isSelf(tenant: EmulatorTenant, signedInUser: string | undefined, target: string | undefined): boolean {
  if (!signedInUser || target === undefined) return false;
  const me = tenant.findUser(signedInUser);
  return me !== undefined && tenant.findUser(target) === me;
}

const DENIED = (): Failure => fail(403, 'Authorization_RequestDenied', Messages.insufficientPrivileges);

/** Undefined when the grant covers the call; else the 403 to answer. */
export function checkPermission(
  tenant: EmulatorTenant,
  grant: TokenGrant,
  routeKey: string,
  req: GraphRequest,
  params: readonly string[],
  signedInUser?: string,
): Failure | undefined {
  if (grant.kind === 'unrestricted') return undefined;
  const table = ENDPOINT_PERMISSIONS[routeKey];
  if (!table) return DENIED();
  if (grant.kind === 'application') {
    return table.application !== 'not supported' && has(grant.roles, table.application) ? undefined : DENIED();
  }
  const self = isSelf(tenant, grant.signedInUser ?? signedInUser, params[0]);
  const viaSelf = self && table.delegatedSelf !== undefined && has(grant.scopes, table.delegatedSelf);
  const viaScope = table.delegated !== 'not supported' && has(grant.scopes, table.delegated);
  if (!viaSelf && !viaScope) return DENIED();
  // User.ReadBasic.All alone reads the basic profile only; license properties need more ([INF] 403).
  const userRead = routeKey === 'GET /users' || routeKey === 'GET /users/{id}';
  if (!viaSelf && userRead && !has(grant.scopes, USER_READ_ALL) && !onlyBasicProperties(req)) return DENIED();
  const roles = requiredRoles(routeKey, req);
  if (roles && !has(grant.directoryRoles, roles)) return DENIED();
  return undefined;
}
