import { type EmulatorContext } from './context';
import * as apps from '../directory/directory-apps-api';
import { getSubscribedSku, listSubscribedSkus } from '../directory/directory-api';
import { fail, isFailure, Messages, type Failure } from './errors';
import { type GraphRequest, type GraphResponse } from '../directory/exchange';
import { getGroup, GROUP_ROUTES } from '../directory/groups-api';
import { type RequestKind } from './throttle';
import { TEAMS_ROUTES } from '../teams/number-api';
import { PARTNER_ROUTES } from '../partner/relationships-api';
import { TENANT_INFORMATION_ROUTES } from '../partner/tenant-information-api';
import { getUser, listLicenseDetails, listUsers, patchUser, postAssignLicense } from '../directory/users-api';

type Handler = (ctx: EmulatorContext, req: GraphRequest, params: string[]) => GraphResponse | Failure;

export interface Route {
  readonly method: string;
  /** Path segments; `{id}` matches one segment. */
  readonly segments: readonly string[];
  readonly kind: RequestKind;
  /**
   * Resource-unit cost before query adjustments (graph-docs concepts/throttling-limits.md, Identity and
   * access): GET subscribedSkus 3, GET users 2, GET users/{id}/licenseDetails 2 (the table's me/licenseDetails:
   * "Any request cost that applies to a request path starting with me/ also applies to ... users/{id}/"),
   * GET groups/{id}/members 3, GET applications 2, GET oauth2PermissionGrants 2, GET
   * servicePrincipals/{id}/appRoleAssignments 2; "any path not listed" (GET users/{id}, GET groups/{id},
   * GET subscribedSkus/{id}) and any POST/PATCH 1.
   */
  readonly resourceUnits: number;
  readonly handle: Handler;
}

const ROUTES: readonly Route[] = [
  { method: 'GET', segments: ['subscribedSkus'], kind: 'read', resourceUnits: 3, handle: listSubscribedSkus },
  { method: 'GET', segments: ['subscribedSkus', '{id}'], kind: 'read', resourceUnits: 1, handle: getSubscribedSku },
  { method: 'GET', segments: ['users'], kind: 'read', resourceUnits: 2, handle: listUsers },
  { method: 'GET', segments: ['users', '{id}'], kind: 'read', resourceUnits: 1, handle: getUser },
  { method: 'PATCH', segments: ['users', '{id}'], kind: 'write', resourceUnits: 1, handle: patchUser },
  {
    method: 'GET',
    segments: ['users', '{id}', 'licenseDetails'],
    kind: 'read',
    resourceUnits: 2,
    handle: listLicenseDetails,
  },
  {
    method: 'POST',
    segments: ['users', '{id}', 'assignLicense'],
    kind: 'write',
    resourceUnits: 1,
    handle: postAssignLicense,
  },
  { method: 'GET', segments: ['groups', '{id}'], kind: 'read', resourceUnits: 1, handle: getGroup },
  ...GROUP_ROUTES,
  ...apps.DIRECTORY_APP_ROUTES,
  ...TEAMS_ROUTES,
  ...PARTNER_ROUTES,
  ...TENANT_INFORMATION_ROUTES,
];

export const routeKey = (route: Route): string => `${route.method} /${route.segments.join('/')}`;

export interface RouteMatch {
  readonly route: Route;
  readonly params: string[];
}

export function matchRoute(ctx: EmulatorContext, req: GraphRequest): RouteMatch | Failure {
  const parsed = parseSegments(req.path);
  if (isFailure(parsed)) return parsed;
  let segments = parsed;
  // POST /me/assignLicense etc. (graph-docs user-assignlicense.md): /me needs a signed-in user.
  if (segments[0]?.toLowerCase() === 'me') {
    const me = signedInUserOf(ctx, req);
    if (!me) return fail(400, 'BadRequest', Messages.meAppOnly);
    segments = ['users', me, ...segments.slice(1)];
  }
  let pathMatched = false;
  for (const route of ROUTES) {
    const params = matchSegments(route.segments, segments);
    if (!params) continue;
    pathMatched = true;
    if (route.method === req.method) return { route, params };
  }
  // [DOC] json-batching.md example: 405 "Specified HTTP method is not allowed for the request target."
  if (pathMatched) return fail(405, 'Request_BadRequest', Messages.methodNotAllowed);
  const unknown = firstUnknownSegment(segments);
  return fail(400, 'BadRequest', Messages.unknownSegment(unknown));
}

/**
 * Path segments, percent-decoded, with the OData key form `users('{upn}')` turned into `users`, `{upn}`.
 * user-get.md: "When the userPrincipalName begins with a `$` character, the GET request URL syntax
 * `/users/$x@y.com` fails with a `400 Bad Request` error code. This is because this request URL violates
 * the OData URL convention, which expects only system query options to be prefixed with a `$` character.
 * Remove the slash (/) after `/users` and enclose the userPrincipalName in parentheses and single
 * quotes, as follows: `/users('$x@y.com')`." Inside the quotes an apostrophe is doubled (OData ABNF,
 * SQUOTE-in-string = SQUOTE SQUOTE). A B2B guest's `#EXT#` arrives as `%23EXT%23` ("encode the hash (#)
 * character", same page) and is decoded like any other escape; an apostrophe in a plain segment
 * (`/users/o'brien@contoso.com`) is just a character.
 */
function parseSegments(path: string): string[] | Failure {
  const out: string[] = [];
  for (const raw of path.split('/').filter(Boolean)) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return fail(400, 'BadRequest', Messages.unknownSegment(raw)); // [INF] a broken %-escape
    }
    // The Location of a Teams number operation names it `operations('{id}')`
    // (teamsadministration-numberassignment-assignnumber.md).
    // A function's one parameter, `findTenantInformationByDomainName(domainName='{domainName}')`
    // (tenantrelationship-findtenantinformationbydomainname.md), is read as a key.
    const key =
      /^(users|operations)\((.*)\)$/i.exec(segment) ??
      /^(findTenantInformationByDomainName)\(domainName=(.*)\)$/i.exec(segment);
    if (key) {
      const literal = /^'((?:[^']|'')*)'$/.exec(key[2]);
      // [INF] OData's parser refuses a key that is not one quoted string, such as an undoubled apostrophe.
      if (!literal) return fail(400, 'BadRequest', Messages.invalidKey(segment));
      out.push(key[1], literal[1].replace(/''/g, "'"));
      continue;
    }
    // The {id} of /users/{id}: a bare `$...` is read as an OData system segment and fails (user-get.md).
    // [INF] the message: Graph's answer to an unknown segment.
    if (out.length === 1 && out[0].toLowerCase() === 'users' && segment.startsWith('$'))
      return fail(400, 'BadRequest', Messages.unknownSegment(segment));
    out.push(segment);
  }
  return out;
}

/** Who /me is: the delegated token's user, else the emulator's; an app-only token has none. */
export function signedInUserOf(ctx: EmulatorContext, req: GraphRequest): string | undefined {
  const grant = req.grant;
  if (grant?.kind === 'application') return undefined;
  return grant?.signedInUser ?? ctx.signedInUser;
}

function matchSegments(pattern: readonly string[], segments: readonly string[]): string[] | undefined {
  if (pattern.length !== segments.length) return undefined;
  const params: string[] = [];
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i] === '{id}') params.push(segments[i]);
    else if (pattern[i].toLowerCase() !== segments[i].toLowerCase()) return undefined;
  }
  return params;
}

function firstUnknownSegment(segments: readonly string[]): string {
  for (let i = 0; i < segments.length; i++) {
    const known = ROUTES.some(
      (r) =>
        r.segments.length > i &&
        (r.segments[i] === '{id}' || r.segments[i].toLowerCase() === segments[i].toLowerCase()),
    );
    if (!known) return segments[i];
  }
  return segments[segments.length - 1] ?? '';
}

/** Query adjustments of the same table: "$select decreases cost by 1", "$top with a value of less than
 *  20 decreases cost by 1"; the minimum cost is 1. */
export function resourceUnits(route: Route, req: GraphRequest): number {
  if (route.kind === 'write') return 1;
  let cost = route.resourceUnits;
  if (req.query.has('$select')) cost--;
  const top = Number(req.query.get('$top'));
  if (req.query.has('$top') && top < 20) cost--;
  return Math.max(1, cost);
}
