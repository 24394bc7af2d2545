import { fail, type Failure } from '../http/errors';
import { type GraphRequest } from './exchange';
import { type EmulatorTenant, type EmulatorUser } from './tenant';

/**
 * What listing users with sign-in activity needs beyond a plain `GET /users` (graph-docs
 * api/user-list.md, "Get users including their last sign-in time"): "Details for the signInActivity
 * property require a Microsoft Entra ID P1 or P2 license and the AuditLog.Read.All permission", and
 * "When you specify $select=signInActivity ... the maximum page size for $top is 120".
 */
export const SIGN_IN_ACTIVITY = 'signInActivity';
export const SIGN_IN_MAX_PAGE = 120;

/** AuditLog.Read.All, or Directory.Read.All above it (signin-list permissions table). */
const AUDIT_READ = ['auditlog.read.all', 'directory.read.all', 'directory.readwrite.all'];

/**
 * [INF] A tenant has Entra ID P1 when one of its enabled subscriptions carries the AAD_PREMIUM (P1) or
 * AAD_PREMIUM_P2 service plan, as Microsoft 365 E5 / EMS / Business Premium do (entra-docs
 * licensing-service-plan-reference.md lists the plans per SKU).
 */
function hasEntraPremium(tenant: EmulatorTenant): boolean {
  return tenant.skus.some(
    (s) =>
      s.capabilityStatus === 'Enabled' &&
      s.prepaidUnits.enabled > 0 &&
      s.servicePlans.some((p) => p.servicePlanName === 'AAD_PREMIUM' || p.servicePlanName === 'AAD_PREMIUM_P2'),
  );
}

/**
 * The refusal for `$select=signInActivity`, if any: a token without AuditLog.Read.All gets the
 * usual 403 Authorization_RequestDenied; a tenant without P1 gets 403
 * Authentication_RequestFromNonPremiumTenantOrB2CTenant, [OBS] "Neither tenant is B2C or tenant
 * doesn't have premium license" (the code is Graph's; the text as captured by admins' scripts).
 */
export function signInActivityRefusal(tenant: EmulatorTenant, req: GraphRequest): Failure | undefined {
  const grant = req.grant;
  const granted = grant?.kind === 'application' ? grant.roles : grant?.kind === 'delegated' ? grant.scopes : undefined;
  if (granted && !granted.some((g) => AUDIT_READ.includes(g.toLowerCase())))
    return fail(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
  if (!hasEntraPremium(tenant))
    return fail(
      403,
      'Authentication_RequestFromNonPremiumTenantOrB2CTenant',
      "Neither tenant is B2C or tenant doesn't have premium license",
    );
  return undefined;
}

/**
 * signInActivity (graph-docs resources/signinactivity.md). The emulator records one date per user
 * (its fixture's lastSignInDateTime); [INF] the non-interactive and successful dates equal it, and
 * the request ids are left null. A user who never signed in has every date null.
 */
export function signInActivityView(user: EmulatorUser): Record<string, unknown> {
  const at = user.lastSignInDateTime;
  return {
    lastSignInDateTime: at,
    lastSignInRequestId: null,
    lastNonInteractiveSignInDateTime: at,
    lastNonInteractiveSignInRequestId: null,
    lastSuccessfulSignInDateTime: at,
    lastSuccessfulSignInRequestId: null,
  };
}

/**
 * Advanced queries (graph-docs concepts/aad-advanced-queries.md): some filters are "supported only
 * when you use the ConsistencyLevel header set to eventual and $count" (resources/user.md on
 * assignedLicenses: `/$count eq 0`, `/$count ne 0`, `not`). Without both, Graph refuses the query.
 */
export function isAdvancedQuery(req: GraphRequest): boolean {
  return (req.headers['consistencylevel'] ?? '').toLowerCase() === 'eventual' && req.query.get('$count') === 'true';
}
