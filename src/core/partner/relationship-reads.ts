import type { GraphConnection } from '../graph/connection';
import { boundedReadOptions } from '../graph/bounded-read';
import { failureFromThrown, toUserError } from '../graph/graph-failure';
import { GraphDeadlineError } from '../graph/transient-fault-middleware';
import { malformedAnswer, nextPage, pagingStopped, type Loaded } from '../reads/paging';
import { checkRelationshipPage, type Relationship } from './relationships';

/** A partner has at most a few thousand customers: 300 a page, so more pages than this means the links go round. */
const MAX_PAGES = 100;

/** `$top supports up to 300 objects` (tenantrelationship-list-delegatedadminrelationships.md). */
const PAGE_SIZE = 300;

/**
 * The partner tenant's GDAP relationships, every status (the caller judges them, relationship-health.ts):
 * `GET /tenantRelationships/delegatedAdminRelationships` (v1.0,
 * learn.microsoft.com/graph/api/tenantrelationship-list-delegatedadminrelationships;
 * DelegatedAdminRelationship.Read.All),
 * following `@odata.nextLink` on the same Graph only, never to a page already read.
 */
export async function readRelationships(connection: GraphConnection): Promise<Loaded<Relationship[]>> {
  const t = connection.t;
  const deadlineAt = connection.clock.now() + connection.retry.userDeadlineMs;
  let outOfTime = false;
  const bounded = boundedReadOptions(connection, deadlineAt, () => (outOfTime = true));
  try {
    const all: Relationship[] = [];
    const seen = new Set<string>();
    let link: string | undefined = `/tenantRelationships/delegatedAdminRelationships?$top=${PAGE_SIZE}`;
    for (let page = 1; link !== undefined; page++) {
      if (page > MAX_PAGES)
        return {
          ok: false,
          error: malformedAnswer(
            t("delegatedAdminRelationships: Graph's answer goes on for more than {0} pages.", MAX_PAGES),
          ),
        };
      seen.add(link);
      const checked = checkRelationshipPage(await connection.client.api(link).middlewareOptions(bounded).get(), t);
      if (!checked.ok) return { ok: false, error: malformedAnswer(connection.redact(checked.problem)) };
      all.push(...checked.relationships);
      const step = nextPage(checked.nextLink, connection.baseUrl, seen, t);
      const stopped = pagingStopped(step, 'delegatedAdminRelationships', page, connection);
      if (stopped) return { ok: false, error: stopped };
      link = step.kind === 'next' ? step.link : undefined;
    }
    return { ok: true, value: all };
  } catch (thrown) {
    const failure = failureFromThrown(thrown, connection.redact);
    const reported = outOfTime
      ? failureFromThrown(new GraphDeadlineError(connection.retry.userDeadlineMs), connection.redact)
      : failure;
    const error = toUserError(reported);
    if (reported.status !== 403) return { ok: false, error };
    // The page's permission table: DelegatedAdminRelationship.Read.All least privileged, delegated and application.
    const hint = t(
      'Reading GDAP relationships needs DelegatedAdminRelationship.Read.All, consented in the partner tenant, and a partner tenant to read them from.',
    );
    return { ok: false, error: { ...error, hint } };
  }
}
