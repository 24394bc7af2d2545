import { parseAssignLicenseBody } from '../licensing/assign-license';
import { type EmulatorContext } from '../http/context';
import { fail, isFailure, Messages, type Failure } from '../http/errors';
import { jsonResponse, type GraphRequest, type GraphResponse } from './exchange';
import { processingState, queueGroupLicenses, reprocessUser } from '../licensing/group-processing';
import { checkDependencies, enabledPlans } from '../licensing/plan-rules';
import { makeSkipToken, parseSelect, parseSkipToken, parseTop } from '../http/odata';
import { type EmulatorGroup, type EmulatorUser, type LicenseAssignment } from './tenant';
import { SELECTABLE_USER_PROPERTIES, userView } from './views';

type Result = GraphResponse | Failure;

/** Properties of group.md the emulator serves. `licenseProcessingState` is "Returned only on $select". */
const GROUP_PROPERTIES = [
  'id',
  'displayName',
  'securityEnabled',
  'mailEnabled',
  'groupTypes',
  'assignedLicenses',
  'licenseProcessingState',
];
const DEFAULT_GROUP_PROPERTIES = GROUP_PROPERTIES.filter((p) => p !== 'licenseProcessingState');

/** A group as Graph shows it: assignedLicenses is what it was last asked to give, even while processing. */
function groupResource(ctx: EmulatorContext, group: EmulatorGroup): Record<string, unknown> {
  const licenses = group.processing?.licenses ?? group.licenses;
  return {
    id: group.id,
    displayName: group.displayName,
    securityEnabled: group.securityEnabled,
    mailEnabled: group.mailEnabled,
    groupTypes: [...group.groupTypes],
    assignedLicenses: licenses.map((l) => ({ disabledPlans: [...l.disabledPlans], skuId: l.skuId })),
    licenseProcessingState: { state: processingState(group, ctx.clock.now()) },
  };
}

function project(view: Record<string, unknown>, select: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const p of select.length ? select : DEFAULT_GROUP_PROPERTIES) out[p] = view[p];
  return out;
}

function findGroup(ctx: EmulatorContext, id: string): EmulatorGroup | Failure {
  return ctx.tenant.findGroup(id) ?? fail(404, 'Request_ResourceNotFound', Messages.resourceNotFound(id));
}

/** GET /groups/{id} (graph-docs api/group-get.md). */
export function getGroup(ctx: EmulatorContext, req: GraphRequest, [id]: string[]): Result {
  const group = findGroup(ctx, id);
  if (isFailure(group)) return group;
  const select = parseSelect(req.query, new Set(GROUP_PROPERTIES), 'microsoft.graph.group');
  if (isFailure(select)) return select;
  return jsonResponse(200, {
    '@odata.context': `${ctx.serviceRoot}/$metadata#groups/$entity`,
    ...project(groupResource(ctx, group), select),
  });
}

/**
 * `$filter` forms a licensing client needs (graph-docs api/group-list.md examples):
 * `displayName eq '...'`, `startswith(displayName,'...')`, `securityEnabled eq true|false`, joined
 * by `and`. Strings compare case-insensitively, as in the directory; `''` is an apostrophe.
 */
function parseGroupFilter(filter: string): ((g: EmulatorGroup) => boolean) | Failure {
  const unsupported = fail(
    400,
    'Request_UnsupportedQuery',
    `Unsupported or invalid query filter clause specified for property '${filter}' of resource 'Group'.`,
  );
  const terms = filter.split(/\s+and\s+/i);
  const predicates: ((g: EmulatorGroup) => boolean)[] = [];
  for (const raw of terms) {
    const term = raw.trim();
    let m = /^displayName\s+eq\s+'((?:[^']|'')*)'$/i.exec(term);
    if (m) {
      const name = m[1].replace(/''/g, "'").toLowerCase();
      predicates.push((g) => g.displayName.toLowerCase() === name);
      continue;
    }
    m = /^startswith\(\s*displayName\s*,\s*'((?:[^']|'')*)'\s*\)$/i.exec(term);
    if (m) {
      const prefix = m[1].replace(/''/g, "'").toLowerCase();
      predicates.push((g) => g.displayName.toLowerCase().startsWith(prefix));
      continue;
    }
    m = /^securityEnabled\s+eq\s+(true|false)$/i.exec(term);
    if (m) {
      const wanted = m[1].toLowerCase() === 'true';
      predicates.push((g) => g.securityEnabled === wanted);
      continue;
    }
    return unsupported;
  }
  return (g) => predicates.every((p) => p(g));
}

/** GET /groups (graph-docs api/group-list.md): $select, $filter (above), $top with @odata.nextLink paging. */
function listGroups(ctx: EmulatorContext, req: GraphRequest): Result {
  const select = parseSelect(req.query, new Set(GROUP_PROPERTIES), 'microsoft.graph.group');
  if (isFailure(select)) return select;
  const top = parseTop(req.query);
  if (isFailure(top)) return top;
  let groups = ctx.tenant.groups;
  const filter = req.query.get('$filter');
  if (filter) {
    const predicate = parseGroupFilter(filter);
    if (isFailure(predicate)) return predicate;
    groups = groups.filter(predicate);
  }
  const offset = parseSkipToken(req.query);
  const body: Record<string, unknown> = { '@odata.context': `${ctx.serviceRoot}/$metadata#groups` };
  if (offset + top < groups.length) body['@odata.nextLink'] = nextLink(ctx, 'groups', req.query, top, offset + top);
  body.value = groups.slice(offset, offset + top).map((g) => project(groupResource(ctx, g), select));
  return jsonResponse(200, body);
}

function nextLink(ctx: EmulatorContext, path: string, query: URLSearchParams, top: number, offset: number): string {
  const next = new URLSearchParams();
  for (const [k, v] of query) if (k !== '$skiptoken') next.set(k, v);
  next.set('$top', String(top));
  next.set('$skiptoken', makeSkipToken(offset));
  return `${ctx.serviceRoot}/${path}?${next.toString()}`;
}

/**
 * What a member listing may serve, by the segment after `members`:
 * - none: a `directoryObject` collection (group-list-members.md: "collection of directoryObject objects").
 *   directoryObject has `id` and `deletedDateTime` only (resources/directoryobject.md), so a `$select` of user
 *   properties there is a 400 ([INF] the text, Graph's for an unknown property on a type).
 * - `microsoft.graph.user` / `microsoft.graph.group`: the OData cast (query-parameters.md, "OData cast";
 *   group-list-members.md's examples "Use OData cast to get only members that are users"), typed: user
 *   (or group) properties may be selected, and only members of that type are listed.
 */
type Cast = 'none' | 'user' | 'group';
const DIRECTORY_OBJECT_PROPERTIES = new Set(['id', 'deletedDateTime']);

function membersOf(ctx: EmulatorContext, group: EmulatorGroup): Member[] {
  return [
    ...ctx.tenant.membersOf(group).map((u) => ({ kind: 'user' as const, user: u })),
    ...group.memberGroups.flatMap((gid) => {
      const g = ctx.tenant.findGroup(gid);
      return g ? [{ kind: 'group' as const, group: g }] : [];
    }),
  ];
}

const listMembersAs =
  (cast: Cast) =>
  (ctx: EmulatorContext, req: GraphRequest, [id]: string[]): Result => {
    const group = findGroup(ctx, id);
    if (isFailure(group)) return group;
    const suffix = cast === 'none' ? '' : `/microsoft.graph.${cast}`;
    return memberPage(ctx, req, `groups/${group.id}/members${suffix}`, membersOf(ctx, group), cast);
  };

/**
 * GET /groups/{id}/membersWithLicenseErrors (graph-docs api/group-list-memberswithlicenseerrors.md):
 * "the group members that have license errors from this group-based license assignment"; a
 * directoryObject collection, cast to users with `/microsoft.graph.user` as members are.
 */
const listMembersWithLicenseErrorsAs =
  (cast: Cast) =>
  (ctx: EmulatorContext, req: GraphRequest, [id]: string[]): Result => {
    const group = findGroup(ctx, id);
    if (isFailure(group)) return group;
    const inError = ctx.tenant.membersOf(group).filter((u) => u.groupLicenseErrors.some((e) => e.groupId === group.id));
    const suffix = cast === 'none' ? '' : `/microsoft.graph.${cast}`;
    return memberPage(
      ctx,
      req,
      `groups/${group.id}/membersWithLicenseErrors${suffix}`,
      inError.map((u) => ({ kind: 'user' as const, user: u })),
      cast,
    );
  };

type Member =
  { readonly kind: 'user'; readonly user: EmulatorUser } | { readonly kind: 'group'; readonly group: EmulatorGroup };

function memberPage(ctx: EmulatorContext, req: GraphRequest, path: string, all: readonly Member[], cast: Cast): Result {
  const selectable =
    cast === 'user'
      ? SELECTABLE_USER_PROPERTIES
      : cast === 'group'
        ? new Set(GROUP_PROPERTIES)
        : DIRECTORY_OBJECT_PROPERTIES;
  const type = cast === 'none' ? 'microsoft.graph.directoryObject' : `microsoft.graph.${cast}`;
  const select = parseSelect(req.query, selectable, type);
  if (isFailure(select)) return select;
  const top = parseTop(req.query);
  if (isFailure(top)) return top;
  const members = cast === 'none' ? all : all.filter((m) => m.kind === cast);
  const offset = parseSkipToken(req.query);
  const entitySet = cast === 'none' ? 'directoryObjects' : `${cast}s`;
  const body: Record<string, unknown> = { '@odata.context': `${ctx.serviceRoot}/$metadata#${entitySet}` };
  // "$count=true" on members is an advanced query: it needs `ConsistencyLevel: eventual`
  // (graph-docs group-list-members.md, "Get only a count of all members"; aad-advanced-queries.md).
  if (req.query.get('$count') === 'true') {
    if ((req.headers['consistencylevel'] ?? '').toLowerCase() !== 'eventual') return countNeedsEventual();
    // [INF] the count rides with the first page only (the examples of aad-advanced-queries.md show it
    // beside the first page's value; a later page answers what its nextLink asks, the next items).
    if (offset === 0) body['@odata.count'] = members.length;
  }
  if (offset + top < members.length) body['@odata.nextLink'] = nextLink(ctx, path, req.query, top, offset + top);
  body.value = members.slice(offset, offset + top).map((m) => {
    // Without $select each member comes whole, as its own type (with @odata.type); with one, what it names.
    const only = (id: string) => Object.fromEntries(select.map((p) => [p, p === 'id' ? id : null]));
    if (m.kind === 'group') {
      const view =
        cast === 'group' || select.length === 0 ? project(groupResource(ctx, m.group), select) : only(m.group.id);
      return { '@odata.type': '#microsoft.graph.group', ...view };
    }
    const view = cast === 'user' || select.length === 0 ? userView(ctx.tenant, m.user, select) : only(m.user.id);
    return { '@odata.type': '#microsoft.graph.user', ...view };
  });
  return jsonResponse(200, body);
}

/** Graph's refusal of `$count=true` sent as a default query: [OBS] Microsoft Q&A 307905 ("Paging in microsoft
 *  graph api": 400 Request_BadRequest "$count is not currently supported.", cured by `ConsistencyLevel: eventual`). */
export function countNeedsEventual(): Failure {
  return fail(400, 'Request_BadRequest', '$count is not currently supported.');
}

/**
 * POST /groups/{id}/assignLicense (graph-docs api/group-assignlicense.md): "If successful, this
 * method returns a 202 Accepted response code and the target group object in the response body."
 * The same body as a user's; members get the change once processing completes (group-processing.ts).
 * A group that is not security-enabled is refused ([INF] code and text: Graph's answer is not captured).
 */
function postGroupAssignLicense(ctx: EmulatorContext, req: GraphRequest, [id]: string[]): Result {
  const group = findGroup(ctx, id);
  if (isFailure(group)) return group;
  const input = parseAssignLicenseBody(req.body);
  if (isFailure(input)) return input;
  if (input.addLicenses.length === 0 && input.removeLicenses.length === 0) {
    return fail(
      400,
      'Request_BadRequest',
      'No license changes provided. At least one license to add or remove must be specified.',
    );
  }
  if (!group.securityEnabled)
    return fail(400, 'Request_BadRequest', 'Licenses can only be assigned to security-enabled groups.');
  const current = group.processing?.licenses ?? group.licenses;
  for (const skuId of [...input.removeLicenses, ...input.addLicenses.map((a) => a.skuId)]) {
    if (!ctx.tenant.findSku(skuId))
      return fail(400, 'Request_BadRequest', `License ${skuId} does not correspond to a valid company License.`);
  }
  for (const skuId of input.removeLicenses) {
    if (!current.some((l) => l.skuId === skuId))
      return fail(400, 'Request_BadRequest', 'Group does not have a corresponding license.');
  }
  for (const add of input.addLicenses) {
    const sku = ctx.tenant.findSku(add.skuId)!;
    const foreign = add.disabledPlans.find((p) => !sku.servicePlans.some((sp) => sp.servicePlanId === p));
    if (foreign)
      return fail(400, 'Request_BadRequest', `Service plan ${foreign} does not belong to the license ${sku.skuId}.`);
  }
  const now = ctx.clock.now();
  const stamp = new Date(Date.UTC(2025, 0, 6, 9) + now).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const removed = new Set(input.removeLicenses);
  const added = new Map(input.addLicenses.map((a) => [a.skuId, [...new Set(a.disabledPlans)]]));
  const next: LicenseAssignment[] = current
    .filter((l) => !removed.has(l.skuId) || added.has(l.skuId))
    .map((l) => ({
      skuId: l.skuId,
      disabledPlans: added.get(l.skuId) ?? [...l.disabledPlans],
      lastUpdatedDateTime: added.has(l.skuId) ? stamp : l.lastUpdatedDateTime,
    }));
  for (const [skuId, disabledPlans] of added)
    if (!next.some((l) => l.skuId === skuId)) next.push({ skuId, disabledPlans, lastUpdatedDateTime: stamp });
  // An add-on needs its prerequisite in the same group: "With group-based licensing, the system requires that
  // both the prerequisite and add-on service plans be present in the same group" (entra-docs
  // licensing-groups-resolve-problems.md, "Manage licenses for products with prerequisites"). Graph refuses
  // the group's assignLicense itself (Set-MgGroupLicense answered "License assignment failed because service
  // plan 4828c8ec-... depends on the service plan(s) ...", captured), with the users' dependency text.
  const refusal = checkDependencies(ctx.tenant, enabledPlans(ctx.tenant, next));
  if (refusal) return refusal;
  queueGroupLicenses(group, next, now, ctx.faults.groupProcessingFails(group.id));
  return jsonResponse(202, {
    '@odata.context': `${ctx.serviceRoot}/$metadata#groups/$entity`,
    ...project(groupResource(ctx, group), []),
  });
}

/**
 * POST /users/{id}/reprocessLicenseAssignment (graph-docs api/user-reprocesslicenseassignment.md):
 * "If successful, this method returns a 200 OK response code and an updated user object".
 */
function postReprocessLicenseAssignment(ctx: EmulatorContext, req: GraphRequest, [id]: string[]): Result {
  const user = ctx.tenant.findUser(id);
  if (!user) return fail(404, 'Request_ResourceNotFound', Messages.resourceNotFound(id));
  reprocessUser(ctx.tenant, user, ctx.clock.now());
  return jsonResponse(200, {
    '@odata.context': `${ctx.serviceRoot}/$metadata#users/$entity`,
    ...userView(ctx.tenant, user),
  });
}

/**
 * Registered by router.ts. Resource units (throttling-limits.md, Identity and access): "GET
 * groups/{id}/members" 3 (its casts [INF] the same), any path not listed 1.
 */
export const GROUP_ROUTES = [
  { method: 'GET', segments: ['groups'], kind: 'read', resourceUnits: 1, handle: listGroups },
  ...(['none', 'user', 'group'] as const).map((cast) => ({
    method: 'GET',
    segments: ['groups', '{id}', 'members', ...(cast === 'none' ? [] : [`microsoft.graph.${cast}`])],
    kind: 'read' as const,
    resourceUnits: 3,
    handle: listMembersAs(cast),
  })),
  ...(['none', 'user'] as const).map((cast) => ({
    method: 'GET',
    segments: ['groups', '{id}', 'membersWithLicenseErrors', ...(cast === 'none' ? [] : [`microsoft.graph.${cast}`])],
    kind: 'read' as const,
    resourceUnits: 1,
    handle: listMembersWithLicenseErrorsAs(cast),
  })),
  {
    method: 'POST',
    segments: ['groups', '{id}', 'assignLicense'],
    kind: 'write',
    resourceUnits: 1,
    handle: postGroupAssignLicense,
  },
  {
    method: 'POST',
    segments: ['users', '{id}', 'reprocessLicenseAssignment'],
    kind: 'write',
    resourceUnits: 1,
    handle: postReprocessLicenseAssignment,
  },
] as const;
