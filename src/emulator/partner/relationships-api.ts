import { type EmulatorContext } from '../http/context';
import { fail, type Failure } from '../http/errors';
import { makeSkipToken, parseSkipToken } from '../http/odata';
import { jsonResponse, type GraphRequest, type GraphResponse } from '../directory/exchange';
import { type EmulatorTenant } from '../directory/tenant';
import { type RelationshipFixture } from './gdap-fixture';
import { relationshipAt, relationshipJson } from './relationships';

const RELATIONSHIPS = new WeakMap<EmulatorTenant, readonly RelationshipFixture[]>();

/** Gives the tenant (as a partner) its GDAP relationships. */
export function attachRelationships(tenant: EmulatorTenant, relationships: readonly RelationshipFixture[]): void {
  RELATIONSHIPS.set(tenant, relationships);
}

export const relationshipsOf = (tenant: EmulatorTenant): readonly RelationshipFixture[] =>
  RELATIONSHIPS.get(tenant) ?? [];

/** Graph time as a date: the emulator's epoch plus its clock (context.ts, epochMs). */
export const graphNow = (ctx: EmulatorContext): number => ctx.epochMs + ctx.clock.now();

/** `$top supports up to 300 objects` (tenantrelationship-list-delegatedadminrelationships.md). [INF] default 300. */
const MAX_TOP = 300;

/**
 * GET /tenantRelationships/delegatedAdminRelationships (v1.0, tenantrelationship-list-delegatedadminrelationships.md):
 * the partner tenant's relationships, "$select, $filter, $top, $orderby, $count, and $skipToken" supported; here
 * `$filter=status eq '…'` (the form partner tools send, e.g. `status eq 'active'`), `$top` 1..300 and server-driven
 * paging through @odata.nextLink. A customer tenant holds none of its own: an empty collection ([INF]).
 */
function listRelationships(ctx: EmulatorContext, req: GraphRequest): GraphResponse | Failure {
  const rawTop = req.query.get('$top');
  const top = rawTop === null ? MAX_TOP : Number(rawTop);
  if (!Number.isInteger(top) || top < 1 || top > MAX_TOP)
    return fail(400, 'BadRequest', `Invalid page size specified: '${rawTop}'. Must be between 1 and ${MAX_TOP}.`);
  const filter = req.query.get('$filter');
  let status: string | undefined;
  if (filter !== null) {
    const m = /^\s*status\s+eq\s+'(\w+)'\s*$/i.exec(filter);
    // [INF] wording of the 400 for a filter the emulator does not model.
    if (!m) return fail(400, 'BadRequest', `The filter '${filter}' is not supported.`);
    status = m[1].toLowerCase();
  }
  const now = graphNow(ctx);
  const all = relationshipsOf(ctx.tenant)
    .map((r) => relationshipAt(r, now))
    .filter((v) => status === undefined || v.status.toLowerCase() === status);
  const offset = parseSkipToken(req.query);
  const page = all.slice(offset, offset + top);
  const body: Record<string, unknown> = {
    '@odata.context': `${ctx.serviceRoot}/$metadata#tenantRelationships/delegatedAdminRelationships`,
    value: page.map(relationshipJson),
  };
  if (offset + top < all.length) {
    const next = new URLSearchParams(req.query);
    next.set('$skiptoken', makeSkipToken(offset + top));
    body['@odata.nextLink'] = `${ctx.serviceRoot}/tenantRelationships/delegatedAdminRelationships?${next.toString()}`;
  }
  return jsonResponse(200, body);
}

export const PARTNER_ROUTES = [
  {
    method: 'GET',
    segments: ['tenantRelationships', 'delegatedAdminRelationships'],
    kind: 'read' as const,
    // [INF] not in the Identity and access cost table: a path not listed costs 1.
    resourceUnits: 1,
    handle: listRelationships,
  },
];
