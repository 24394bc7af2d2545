import { english, type Translate } from '../text/translate';

/**
 * One GDAP relationship as the partner reads it (v1.0 delegatedAdminRelationship,
 * learn.microsoft.com/graph/api/resources/delegatedadminrelationship): its customer, the roles it grants
 * (`accessDetails.unifiedRoles[].roleDefinitionId`), its status, its end and whether it extends itself.
 * `customer.displayName` and `displayName` are tenant text: hostile (core/text/tenant-text.ts at every output).
 */
export interface Relationship {
  readonly id: string;
  readonly displayName: string;
  readonly customer: { readonly tenantId: string; readonly displayName: string };
  readonly roleDefinitionIds: readonly string[];
  /** activating, active, approvalPending, approved, created, expired, expiring, terminated, terminating, ... */
  readonly status: string;
  /** ISO 8601 UTC; null while the relationship is not active yet. */
  readonly endDateTime: string | null;
  /** ISO 8601 duration: PT0S / P0D (ends at endDateTime) or P180D (extended by 180 days). */
  readonly autoExtendDuration: string;
  readonly duration: string;
}

export type CheckedPage =
  | { readonly ok: true; readonly relationships: Relationship[]; readonly nextLink?: string }
  | { readonly ok: false; readonly problem: string };

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/**
 * A page of `GET /tenantRelationships/delegatedAdminRelationships`: `{ value: [...], @odata.nextLink? }`. Each
 * relationship needs an id, a customer with a tenant id, and a status; everything else has its documented default
 * (autoExtendDuration PT0S, no roles, no end). A page without that shape is refused whole, with the item named.
 */
export function checkRelationshipPage(body: unknown, t: Translate = english): CheckedPage {
  if (!isObject(body) || !Array.isArray(body.value))
    return { ok: false, problem: t("delegatedAdminRelationships: Graph's answer is not a list of relationships") };
  const relationships: Relationship[] = [];
  for (const [i, item] of body.value.entries()) {
    const customer = isObject(item) && isObject(item.customer) ? item.customer : undefined;
    const id = isObject(item) ? text(item.id) : undefined;
    const tenantId = customer ? text(customer.tenantId) : undefined;
    const status = isObject(item) ? text(item.status) : undefined;
    if (!isObject(item) || !id || !tenantId || !status)
      return {
        ok: false,
        problem: t('delegatedAdminRelationships: item {0} has no id, customer tenant id or status', i + 1),
      };
    const access = isObject(item.accessDetails) ? item.accessDetails : {};
    const roles = Array.isArray(access.unifiedRoles) ? access.unifiedRoles : [];
    const end = text(item.endDateTime);
    relationships.push({
      id,
      displayName: text(item.displayName) ?? '',
      customer: { tenantId: tenantId.toLowerCase(), displayName: text(customer!.displayName) ?? '' },
      roleDefinitionIds: roles
        .map((r) => (isObject(r) ? text(r.roleDefinitionId) : undefined))
        .filter((r): r is string => r !== undefined)
        .map((r) => r.toLowerCase()),
      status,
      endDateTime: end !== undefined && Number.isFinite(Date.parse(end)) ? end : null,
      autoExtendDuration: text(item.autoExtendDuration) ?? 'PT0S',
      duration: text(item.duration) ?? '',
    });
  }
  const next = body['@odata.nextLink'];
  if (next !== undefined && next !== null && typeof next !== 'string')
    return {
      ok: false,
      problem: t("delegatedAdminRelationships: Graph's answer has an `@odata.nextLink` that is not a link"),
    };
  return { ok: true, relationships, ...(typeof next === 'string' ? { nextLink: next } : {}) };
}
