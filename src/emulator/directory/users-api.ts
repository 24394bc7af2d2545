import { assignLicense } from '../licensing/assign-license';
import { isAssignedCountry } from './countries';
import { countNeedsEventual } from './groups-api';
import { type EmulatorContext } from '../http/context';
import { fail, isFailure, Messages, type Failure } from '../http/errors';
import { jsonResponse, noContent, type GraphRequest, type GraphResponse } from './exchange';
import { makeSkipToken, parseSelect, parseSkipToken, parseTop, parseUserFilter } from '../http/odata';
import { type EmulatorSku, type EmulatorUser } from './tenant';
import { replicatedWrite, visibleSku, visibleUser } from './replica-view';
import { teamsOf } from '../teams/teams-state';
import { licenseDetailsView, SELECTABLE_USER_PROPERTIES, userView } from './views';
import {
  isAdvancedQuery,
  SIGN_IN_ACTIVITY,
  SIGN_IN_MAX_PAGE,
  signInActivityRefusal,
  signInActivityView,
} from './user-listing';

type Result = GraphResponse | Failure;

/**
 * 404 for /users/{x}: [OBS] "Resource '{x}' does not exist or one of its queried reference-property objects are not
 * present."
 */
function findUser(ctx: EmulatorContext, idOrUpn: string): EmulatorUser | Failure {
  return ctx.tenant.findUser(idOrUpn) ?? fail(404, 'Request_ResourceNotFound', Messages.resourceNotFound(idOrUpn));
}

const contextSuffix = (select: string[]) => (select.length ? `(${select.join(',')})` : '');

/** GET /users/{id | userPrincipalName} (graph-docs api/user-get.md): default property set, or $select. */
export function getUser(ctx: EmulatorContext, req: GraphRequest, [id]: string[]): Result {
  const user = findUser(ctx, id);
  if (isFailure(user)) return user;
  const select = parseSelect(req.query, SELECTABLE_USER_PROPERTIES, 'microsoft.graph.user');
  if (isFailure(select)) return select;
  return jsonResponse(200, {
    '@odata.context': `${ctx.serviceRoot}/$metadata#users${contextSuffix(select)}/$entity`,
    ...userView(ctx.tenant, visibleUser(ctx, user), select),
  });
}

/**
 * GET /users (graph-docs api/user-list.md): $select, $filter (see odata.ts), $top ≤ 999 with
 * @odata.nextLink paging ("If more results are available, ... an @odata.nextLink"), $count=true.
 * signInActivity on $select, with its P1 and permission checks and its 120-a-page cap, and the
 * advanced queries that need `ConsistencyLevel: eventual`: user-listing.ts.
 */
export function listUsers(ctx: EmulatorContext, req: GraphRequest): Result {
  const select = parseSelect(req.query, LISTABLE_USER_PROPERTIES, 'microsoft.graph.user');
  if (isFailure(select)) return select;
  const top = parseTop(req.query);
  if (isFailure(top)) return top;
  const signIns = select.includes(SIGN_IN_ACTIVITY);
  if (signIns) {
    const refused = signInActivityRefusal(ctx.tenant, req);
    if (refused) return refused;
  }
  // user-list.md: with $select=signInActivity "the maximum page size for $top is 120"; [OBS] Graph refused
  // more in older answers (the issue threads of admins' scripts), so the emulator refuses it ([INF] text).
  if (signIns && req.query.has('$top') && top > SIGN_IN_MAX_PAGE)
    return fail(
      400,
      'Request_BadRequest',
      `Invalid page size specified: '${top}'. Must be between 1 and ${SIGN_IN_MAX_PAGE} inclusive.`,
    );
  const pageSize = signIns ? Math.min(top, SIGN_IN_MAX_PAGE) : top;
  // $count=true is an advanced query (aad-advanced-queries.md: "$count ... requires the ConsistencyLevel
  // header set to eventual"): without the header Graph refuses it.
  const count = req.query.get('$count') === 'true';
  if (count && (req.headers['consistencylevel'] ?? '').toLowerCase() !== 'eventual') return countNeedsEventual();
  // Without a filter only the page is projected: listing 100,000 users stays linear, not quadratic.
  let users: readonly EmulatorUser[] = ctx.tenant.users;
  const filter = req.query.get('$filter');
  if (filter) {
    const predicate = parseUserFilter(ctx.tenant, filter, isAdvancedQuery(req));
    if (isFailure(predicate)) return predicate;
    users = users.map((u) => visibleUser(ctx, u)).filter(predicate);
  }
  const offset = parseSkipToken(req.query);
  const page = users.slice(offset, offset + pageSize).map((u) => (filter ? u : visibleUser(ctx, u)));
  const body: Record<string, unknown> = {
    '@odata.context': `${ctx.serviceRoot}/$metadata#users${contextSuffix(select)}`,
  };
  // [INF] @odata.count comes with the first page only (see groups-api.ts memberPage).
  if (count && offset === 0) body['@odata.count'] = users.length;
  if (offset + pageSize < users.length) {
    const next = new URLSearchParams();
    for (const [k, v] of req.query) if (k !== '$skiptoken') next.set(k, v);
    next.set('$top', String(top));
    next.set('$skiptoken', makeSkipToken(offset + pageSize));
    body['@odata.nextLink'] = `${ctx.serviceRoot}/users?${next.toString()}`;
  }
  const plain = select.filter((p) => p !== SIGN_IN_ACTIVITY);
  body.value = page.map((u) => ({
    ...userView(ctx.tenant, u, plain.length || !signIns ? plain : ['id']),
    ...(signIns ? { signInActivity: signInActivityView(u) } : {}),
  }));
  return jsonResponse(200, body);
}

/** What a listing may $select: a single user's properties plus signInActivity (user-list.md). */
const LISTABLE_USER_PROPERTIES = new Set<string>([...SELECTABLE_USER_PROPERTIES, SIGN_IN_ACTIVITY]);

/** GET /users/{id}/licenseDetails (graph-docs api/user-list-licensedetails.md): direct and group licenses. */
export function listLicenseDetails(ctx: EmulatorContext, req: GraphRequest, [id]: string[]): Result {
  const user = findUser(ctx, id);
  if (isFailure(user)) return user;
  return jsonResponse(200, {
    '@odata.context': `${ctx.serviceRoot}/$metadata#users('${user.id}')/licenseDetails`,
    value: licenseDetailsView(ctx.tenant, visibleUser(ctx, user)),
  });
}

const WRITABLE_STRINGS = [
  'displayName',
  'givenName',
  'surname',
  'jobTitle',
  'officeLocation',
  'mobilePhone',
  'preferredLanguage',
  'department',
] as const;
const READ_ONLY = new Set(['id', 'assignedLicenses', 'licenseAssignmentStates', 'assignedPlans']);

/**
 * PATCH /users/{id | userPrincipalName} → 204 No Content (graph-docs api/user-update.md).
 * usageLocation: "A two-letter country code (ISO standard 3166)" (resources/user.md), one ISO assigns
 * (countries.ts: `XX` is no country); anything else is
 * "Invalid value specified for property 'usageLocation' of resource 'User'." ([INF] from Graph's pattern
 * for other properties). All properties are checked before any is written.
 */
export function patchUser(ctx: EmulatorContext, req: GraphRequest, [id]: string[]): Result {
  const user = findUser(ctx, id);
  if (isFailure(user)) return user;
  if (req.body === undefined) return fail(400, 'Request_BadRequest', 'Empty Payload. JSON content expected.');
  if (req.body === null || typeof req.body !== 'object' || Array.isArray(req.body))
    return fail(400, 'Request_BadRequest', Messages.invalidJson);
  const changes = Object.entries(req.body as Record<string, unknown>);
  for (const [key, value] of changes) {
    if (key === 'usageLocation') {
      if (typeof value !== 'string' || !isAssignedCountry(value))
        return fail(400, 'Request_BadRequest', Messages.invalidUserProperty('usageLocation'));
    } else if (key === 'accountEnabled') {
      if (typeof value !== 'boolean') return fail(400, 'Request_BadRequest', Messages.invalidUserProperty(key));
    } else if (key === 'businessPhones') {
      if (!Array.isArray(value) || !value.every((v) => typeof v === 'string'))
        return fail(400, 'Request_BadRequest', Messages.invalidUserProperty(key));
    } else if ((WRITABLE_STRINGS as readonly string[]).includes(key)) {
      if (value !== null && typeof value !== 'string')
        return fail(400, 'Request_BadRequest', Messages.invalidUserProperty(key));
    } else if (READ_ONLY.has(key)) {
      return fail(400, 'Request_BadRequest', `Property '${key}' is read-only and cannot be set.`);
    } else {
      return fail(
        400,
        'Request_BadRequest',
        `Property '${key}' does not exist as a declared property or extension property.`,
      );
    }
  }
  const target = user as unknown as Record<string, unknown>;
  replicatedWrite(
    ctx,
    user,
    () => {
      for (const [key, value] of changes) target[key] = Array.isArray(value) ? [...value] : value;
    },
    () => true,
  );
  return noContent();
}

/**
 * POST /users/{id | userPrincipalName}/assignLicense. "If successful, this method returns 200 OK response
 * code and an updated user object in the response body" (graph-docs api/user-assignlicense.md); in practice
 * the default property set ([OBS] pnp/cli-microsoft365 test fixture, msgraph-sdk-go#43 capture).
 */
export function postAssignLicense(ctx: EmulatorContext, req: GraphRequest, [id]: string[]): Result {
  const user = findUser(ctx, id);
  if (isFailure(user)) return user;
  // Preconditions read the replica (replication.ts): a usage location just set, a seat just freed may not show yet.
  const seen = {
    usageLocation: visibleUser(ctx, user).usageLocation,
    consumedUnits: (sku: EmulatorSku) => visibleSku(ctx, sku).consumedUnits,
  };
  const failure = replicatedWrite(
    ctx,
    user,
    () => assignLicense(ctx.tenant, user, req.body, new Date(), seen),
    (f) => f === undefined,
  );
  if (failure) return failure;
  // Teams starts counting its licensing lag now (teams/teams-state.ts).
  teamsOf(ctx.tenant).observe(user, ctx.clock.now());
  return jsonResponse(200, {
    '@odata.context': `${ctx.serviceRoot}/$metadata#users/$entity`,
    ...userView(ctx.tenant, user),
  });
}
