import { type EmulatorContext } from '../http/context';
import { fail, isFailure, type Failure } from '../http/errors';
import { jsonResponse, type GraphRequest, type GraphResponse } from '../directory/exchange';
import { type AssignmentCategory, type NumberType } from './teams-fixture';
import { canonicalNumber, graphTimeDate, teamsOf, type LiveNumber, type TeamsState } from './teams-state';
import { NEEDED, TEAMS_TYPE_NAME } from './voice-licenses';
import { queryString } from './query-string';
import { getUserConfiguration, listUserConfigurations } from './user-configurations-api';

type Result = GraphResponse | Failure;

const ROOT = ['admin', 'teams', 'telephoneNumberManagement'];
const NS = 'microsoft.graph.teamsAdministration';

/** The state at `now`: operations whose time has come are over, and Teams has looked at the user's licenses. */
function teams(ctx: EmulatorContext): TeamsState {
  const state = teamsOf(ctx.tenant);
  state.settle(ctx.clock.now());
  return state;
}

function numberView(n: LiveNumber): Record<string, unknown> {
  return {
    id: n.id,
    telephoneNumber: n.telephoneNumber,
    operatorId: n.operatorId,
    numberType: n.numberType,
    activationState: n.activationState,
    capabilities: [...n.capabilities],
    locationId: n.locationId,
    civicAddressId: null,
    networkSiteId: n.networkSiteId,
    assignmentTargetId: n.assignmentTargetId,
    assignmentCategory: n.assignmentCategory,
    portInStatus: null,
    assignmentStatus: n.assignmentTargetId ? 'userAssigned' : 'unassigned',
    isoCountryCode: n.isoCountryCode,
    city: n.city,
    numberSource: n.numberType === 'directRouting' ? 'onPremises' : 'online',
    supportedCustomerActions: n.numberType === 'callingPlan' ? ['locationUpdate', 'release'] : ['locationUpdate'],
    reverseNumberLookupOptions: [...n.reverseNumberLookupOptions],
  };
}

// ---------------------------------------------------------------------------------------------
// GET numberAssignments: $filter, $top (default 500, at most 1,000), $skip
// (teamsadministration-telephonenumbermanagementroot-list-numberassignments.md).

const DEFAULT_TOP = 500;
const MAX_TOP = 1000;

/**
 * Properties $filter compares with `eq`: "All fields from the number assignments can be filtered except id and city."
 */
const FILTERABLE: Readonly<Record<string, (n: Record<string, unknown>) => unknown>> = Object.fromEntries(
  [
    'telephoneNumber',
    'numberType',
    'activationState',
    'assignmentStatus',
    'assignmentTargetId',
    'assignmentCategory',
    'isoCountryCode',
    'locationId',
    'operatorId',
    'numberSource',
    'networkSiteId',
  ].map((p) => [p.toLowerCase(), (n: Record<string, unknown>) => n[p]]),
);

type NumberPredicate = (view: Record<string, unknown>) => boolean;

/**
 * `prop eq 'value'` and `capabilities/any(c:c eq 'value')`, joined by `and` (the page's examples;
 * values compared case-insensitively, as its `numberType eq 'DirectRouting'` example needs). Anything
 * else, `id` and `city` included, is a 400 ([INF] wording, OData's for an unsupported filter).
 */
function parseNumberFilter(filter: string): NumberPredicate | Failure {
  const terms = filter.split(/\s+and\s+/i).map((t) => t.trim());
  const predicates: NumberPredicate[] = [];
  for (const term of terms) {
    let m = /^(\w+)\s+eq\s+(null|'((?:[^']|'')*)')$/i.exec(term);
    if (m && FILTERABLE[m[1].toLowerCase()]) {
      const get = FILTERABLE[m[1].toLowerCase()];
      const value = m[2].toLowerCase() === 'null' ? null : m[3].replace(/''/g, "'").toLowerCase();
      const isNumber = m[1].toLowerCase() === 'telephonenumber';
      predicates.push((n) => {
        const v = get(n);
        if (value === null) return v === null;
        if (typeof v !== 'string') return false;
        return isNumber ? canonicalNumber(v) === canonicalNumber(value) : v.toLowerCase() === value;
      });
      continue;
    }
    m = /^capabilities\/any\(\s*(\w+)\s*:\s*\1\s+eq\s+'(\w+)'\s*\)$/i.exec(term);
    if (m) {
      const wanted = m[2].toLowerCase();
      predicates.push((n) => (n.capabilities as string[]).some((c) => c.toLowerCase() === wanted));
      continue;
    }
    return fail(400, 'BadRequest', `Invalid filter clause: '${term}' is not supported on numberAssignment.`);
  }
  return (n) => predicates.every((p) => p(n));
}

function listNumbers(ctx: EmulatorContext, req: GraphRequest): Result {
  const state = teams(ctx);
  const rawTop = req.query.get('$top');
  const top = rawTop === null ? DEFAULT_TOP : Number(rawTop);
  // [INF] wording; the limit is the page's ("maximum 1,000 entries allowed per query").
  if (!Number.isInteger(top) || top < 1 || top > MAX_TOP)
    return fail(400, 'BadRequest', `Invalid $top value '${rawTop}': it must be between 1 and ${MAX_TOP}.`);
  const rawSkip = req.query.get('$skip');
  const skip = rawSkip === null ? 0 : Number(rawSkip);
  if (!Number.isInteger(skip) || skip < 0) return fail(400, 'BadRequest', `Invalid $skip value '${rawSkip}'.`);
  let views = state.numbers.map(numberView);
  const filter = req.query.get('$filter');
  if (filter) {
    const predicate = parseNumberFilter(filter);
    if (isFailure(predicate)) return predicate;
    views = views.filter(predicate);
  }
  const body: Record<string, unknown> = {
    '@odata.context': `${ctx.serviceRoot}/$metadata#admin/teams/telephoneNumberManagement/numberAssignments`,
  };
  // [INF] The page documents $top/$skip paging, not a next link; the emulator also sends @odata.nextLink
  // (with $skip) when more remain, the way Graph pages other collections. A client may rely on either.
  if (skip + top < views.length) {
    const next = new URLSearchParams(req.query);
    next.set('$top', String(top));
    next.set('$skip', String(skip + top));
    body['@odata.nextLink'] = `${ctx.serviceRoot}/${ROOT.join('/')}/numberAssignments?${queryString(next)}`;
  }
  body.value = views.slice(skip, skip + top);
  return jsonResponse(200, body);
}

function getNumber(ctx: EmulatorContext, _req: GraphRequest, [id]: string[]): Result {
  const n = teams(ctx).numbers.find((x) => x.id === id);
  if (!n) return fail(404, 'NotFound', `Number assignment '${id}' was not found.`); // [INF] wording
  return jsonResponse(200, {
    '@odata.context': `${ctx.serviceRoot}/$metadata#admin/teams/telephoneNumberManagement/numberAssignments/$entity`,
    ...numberView(n),
  });
}

// ---------------------------------------------------------------------------------------------
// Actions. Body problems are OData's (the same pattern as assignLicense); the tenant checks answer with
// the texts Teams gives Set-CsPhoneNumberAssignment, which the same number service runs ([OBS]
// office-docs-powershell#8905: "BadRequest - Telephone Number '…' is not found from tenant '…'" and
// "BadRequest - User '…' lacks appropriate licenses to assign a 'CallingPlan' number").

const NUMBER_TYPES: readonly NumberType[] = ['directRouting', 'callingPlan', 'operatorConnect'];
const CATEGORIES: readonly AssignmentCategory[] = ['primary', 'private', 'alternate'];

function bodyOf(req: GraphRequest, action: string, required: readonly string[]): Record<string, unknown> | Failure {
  const obj =
    req.body !== null && typeof req.body === 'object' && !Array.isArray(req.body)
      ? (req.body as Record<string, unknown>)
      : {};
  const missing = required.filter((k) => obj[k] === undefined || obj[k] === null || obj[k] === '');
  if (missing.length)
    return fail(
      400,
      'BadRequest',
      `One or more parameters of the operation '${action}' are missing from the request payload. The missing parameters are: ${missing.join(', ')}.`,
    );
  for (const [k, v] of Object.entries(obj))
    if (k !== 'reverseNumberLookupOptions' && v !== null && typeof v !== 'string')
      return fail(400, 'BadRequest', `An unexpected value was found for the parameter '${k}': a string was expected.`);
  return obj;
}

/** An enum member, matched as OData does (case-sensitive; [INF] the wording of its conversion error). */
function enumValue<T extends string>(value: unknown, members: readonly T[], type: string): T | Failure {
  if (typeof value === 'string' && (members as readonly string[]).includes(value)) return value as T;
  return fail(400, 'BadRequest', `The value '${String(value)}' is not a valid ${type}.`);
}

const notFound = (ctx: EmulatorContext, n: string) =>
  fail(400, 'BadRequest', `Telephone Number '${n}' is not found from tenant '${ctx.tenant.tenantId}'`);

const operationLocation = (ctx: EmulatorContext, id: string) =>
  `${ctx.serviceRoot}/${ROOT.join('/')}/operations('${id}')`;

/** "returns a 202 Accepted response code with the URL in the response Location to retrieve the action result." */
const accepted = (ctx: EmulatorContext, id: string): GraphResponse => ({
  status: 202,
  headers: { Location: operationLocation(ctx, id) },
});

function postAssignNumber(ctx: EmulatorContext, req: GraphRequest): Result {
  const body = bodyOf(req, 'assignNumber', ['telephoneNumber', 'assignmentTargetId', 'numberType']);
  if (isFailure(body)) return body;
  const type = enumValue(body.numberType, NUMBER_TYPES, `${NS}.numberType`);
  if (isFailure(type)) return type;
  const category = enumValue(body.assignmentCategory ?? 'primary', CATEGORIES, `${NS}.assignmentCategory`);
  if (isFailure(category)) return category;
  const state = teams(ctx);
  const now = ctx.clock.now();
  const telephoneNumber = body.telephoneNumber as string;
  const number = state.findNumber(telephoneNumber);
  // #8905: the number given with another type than its own is "not found" too.
  if (!number || number.numberType !== type) return notFound(ctx, telephoneNumber);
  const targetId = body.assignmentTargetId as string;
  const user = ctx.tenant.findUser(targetId);
  // [INF] wording: Teams' answer for a user it does not know.
  if (!user) return fail(400, 'BadRequest', `User '${targetId}' is not found from tenant '${ctx.tenant.tenantId}'`);
  // [INF] wordings: a number held by someone else, busy, or not for users.
  if (number.pendingOperation)
    return fail(409, 'Conflict', `Telephone Number '${number.telephoneNumber}' has an operation in progress.`);
  if (number.assignmentTargetId && number.assignmentTargetId !== user.id)
    return fail(
      400,
      'BadRequest',
      `Telephone Number '${number.telephoneNumber}' is already assigned to another target.`,
    );
  if (!number.capabilities.includes('userAssignment'))
    return fail(
      400,
      'BadRequest',
      `Telephone Number '${number.telephoneNumber}' does not have the capability 'userAssignment' to be assigned to a user.`,
    );
  const needed = NEEDED[type];
  if (!state.visibleCapabilities(user, now).has(needed))
    return fail(
      400,
      'BadRequest',
      `User '${user.id}' lacks appropriate licenses to assign a '${TEAMS_TYPE_NAME[type]}' number`,
    );
  if (number.assignmentTargetId === user.id && number.assignmentCategory === category) {
    // [INF] already so: the operation has nothing to do and ends at once. The resource page lists "skipped",
    // but the metadata's longRunningOperationStatus has no such member, so the emulator says "succeeded".
    return accepted(
      ctx,
      state.startOperation('assign', number, now, { targetId: user.id, category, status: 'succeeded' }).id,
    );
  }
  // [INF] one primary number per user: another one must be unassigned first (Teams admin center does the same).
  if (
    category === 'primary' &&
    state.numbersOf(user.id).some((n) => n.assignmentCategory === 'primary' && n !== number)
  )
    return fail(400, 'BadRequest', `User '${user.id}' already has a primary telephone number assigned.`);
  const locationId = typeof body.locationId === 'string' ? body.locationId : undefined;
  return accepted(ctx, state.startOperation('assign', number, now, { targetId: user.id, category, locationId }).id);
}

function postUnassignNumber(ctx: EmulatorContext, req: GraphRequest): Result {
  const body = bodyOf(req, 'unassignNumber', ['telephoneNumber', 'numberType']);
  if (isFailure(body)) return body;
  const type = enumValue(body.numberType, NUMBER_TYPES, `${NS}.numberType`);
  if (isFailure(type)) return type;
  const state = teams(ctx);
  const number = state.findNumber(body.telephoneNumber as string);
  if (!number || number.numberType !== type) return notFound(ctx, body.telephoneNumber as string);
  if (number.pendingOperation)
    return fail(409, 'Conflict', `Telephone Number '${number.telephoneNumber}' has an operation in progress.`);
  const now = ctx.clock.now();
  // [INF] nothing to unassign: the operation ends at once ("succeeded"; see assignNumber on "skipped").
  const status = number.assignmentTargetId ? undefined : 'succeeded';
  return accepted(ctx, state.startOperation('unassign', number, now, { status }).id);
}

/** updateNumber: 200, synchronous; "" clears locationId / networkSiteId, null or absent keeps them (the page). */
function postUpdateNumber(ctx: EmulatorContext, req: GraphRequest): Result {
  const body = bodyOf(req, 'updateNumber', ['telephoneNumber']);
  if (isFailure(body)) return body;
  const rnl = body.reverseNumberLookupOptions;
  if (rnl !== undefined && rnl !== null && (!Array.isArray(rnl) || !rnl.every((o) => o === 'skipInternalVoip')))
    return fail(400, 'BadRequest', `The value '${JSON.stringify(rnl)}' is not a valid reverseNumberLookupOptions.`);
  const state = teams(ctx);
  const number = state.findNumber(body.telephoneNumber as string);
  if (!number) return notFound(ctx, body.telephoneNumber as string);
  if (typeof body.locationId === 'string') number.locationId = body.locationId === '' ? null : body.locationId;
  if (typeof body.networkSiteId === 'string')
    number.networkSiteId = body.networkSiteId === '' ? null : body.networkSiteId;
  if (Array.isArray(rnl)) number.reverseNumberLookupOptions = [...(rnl as string[])];
  return { status: 200, headers: {} };
}

/** GET operations/{id} (also the Location's `operations('{id}')` form): the documented fields. */
function getOperation(ctx: EmulatorContext, _req: GraphRequest, [id]: string[]): Result {
  const state = teams(ctx);
  const op = state.operations.get(id);
  if (!op) return fail(404, 'NotFound', `Operation '${id}' was not found.`); // [INF] wording
  return jsonResponse(200, {
    '@odata.context': `${ctx.serviceRoot}/$metadata#admin/teams/telephoneNumberManagement/operations/$entity`,
    id: op.id,
    createdDateTime: graphTimeDate(op.createdAt),
    status: op.status,
    numbers: [
      {
        resourceLocation: `${ctx.serviceRoot}/${ROOT.join('/')}/numberAssignments/${op.number.id}`,
        status: op.status,
        ...(op.statusDetail ? { statusDetail: op.statusDetail } : {}),
      },
    ],
  });
}

type Handler = (ctx: EmulatorContext, req: GraphRequest, params: string[]) => Result;

const route = (method: string, tail: string[], kind: 'read' | 'write', handle: Handler) =>
  ({ method, segments: [...ROOT, ...tail], kind, resourceUnits: 1, handle }) as const;

/** Registered by router.ts. Resource units: "any path not listed" costs 1 (throttling-limits.md). */
export const TEAMS_ROUTES = [
  route('GET', ['numberAssignments'], 'read', listNumbers),
  route('POST', ['numberAssignments', 'assignNumber'], 'write', postAssignNumber),
  route('POST', ['numberAssignments', 'unassignNumber'], 'write', postUnassignNumber),
  route('POST', ['numberAssignments', 'updateNumber'], 'write', postUpdateNumber),
  route('GET', ['numberAssignments', '{id}'], 'read', getNumber),
  route('GET', ['operations', '{id}'], 'read', getOperation),
  {
    method: 'GET',
    segments: ['admin', 'teams', 'userConfigurations'],
    kind: 'read',
    resourceUnits: 1,
    handle: listUserConfigurations,
  },
  {
    method: 'GET',
    segments: ['admin', 'teams', 'userConfigurations', '{id}'],
    kind: 'read',
    resourceUnits: 1,
    handle: getUserConfiguration,
  },
] as const;
