import type { GraphConnection } from '../graph/connection';
import { boundedReadOptions } from '../graph/bounded-read';
import { failureFromThrown, toUserError } from '../graph/graph-failure';
import { GraphDeadlineError } from '../graph/transient-fault-middleware';
import { malformedAnswer, type Loaded } from '../reads/paging';

/** What Microsoft knows of a domain: the tenant that holds it (id, display name: tenant text), or none. */
export type DomainTenant =
  { readonly kind: 'found'; readonly tenantId: string; readonly displayName: string } | { readonly kind: 'unknown' };

const TENANT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The tenant a domain belongs to, any tenant's (a customer's named on a `tenant` line by its domain), so that it can
 * be judged by id as GDAP relationships name their customers: `GET /tenantRelationships/
 * findTenantInformationByDomainName(domainName='{domainName}')` (v1.0,
 * learn.microsoft.com/graph/api/tenantrelationship-findtenantinformationbydomainname;
 * CrossTenantInformation.ReadBasic.All, delegated and application), answering a tenantInformation: tenantId,
 * displayName, defaultDomainName, federationBrandName. A 404 is a domain no tenant holds (`unknown`); a 403 names
 * the permission.
 */
export async function readTenantByDomain(connection: GraphConnection, domain: string): Promise<Loaded<DomainTenant>> {
  const t = connection.t;
  const deadlineAt = connection.clock.now() + connection.retry.userDeadlineMs;
  let outOfTime = false;
  const bounded = boundedReadOptions(connection, deadlineAt, () => (outOfTime = true));
  // An OData string literal: an apostrophe is doubled; the whole is one path segment.
  const literal = encodeURIComponent(domain.trim().replace(/'/g, "''"));
  const path = `/tenantRelationships/findTenantInformationByDomainName(domainName='${literal}')`;
  try {
    const answer = (await connection.client.api(path).middlewareOptions(bounded).get()) as unknown;
    const info = answer && typeof answer === 'object' ? (answer as Record<string, unknown>) : {};
    const { tenantId, displayName } = info;
    if (typeof tenantId !== 'string' || !TENANT_ID.test(tenantId))
      return {
        ok: false,
        error: malformedAnswer(t('findTenantInformationByDomainName: the answer has no tenant id.')),
      };
    return {
      ok: true,
      value: {
        kind: 'found',
        tenantId: tenantId.toLowerCase(),
        displayName: typeof displayName === 'string' ? displayName : '',
      },
    };
  } catch (thrown) {
    const failure = failureFromThrown(thrown, connection.redact);
    if (failure.status === 404) return { ok: true, value: { kind: 'unknown' } };
    const reported = outOfTime
      ? failureFromThrown(new GraphDeadlineError(connection.retry.userDeadlineMs), connection.redact)
      : failure;
    const error = toUserError(reported);
    if (reported.status !== 403) return { ok: false, error };
    const hint = t('Finding a tenant by its domain needs CrossTenantInformation.ReadBasic.All.');
    return { ok: false, error: { ...error, hint } };
  }
}
