import { executeBatch, MAX_BATCH_ITEMS, type BatchItemResult, type BatchRequest } from '../graph/batch-executor';
import { neverCancelled, type Cancellation } from '../graph/cancellation';
import type { GraphConnection } from '../graph/connection';
import { toUserError } from '../graph/graph-failure';
import { GROUP_SELECT, MEMBER_SELECT, type GraphGroup, type GraphGroupMember } from './group-resources';
import { chunk, runPool } from '../graph/pool';
import { MALFORMED_ANSWER, nextPage, type Loaded } from './paging';
import { isGuid } from '../text/guid';
import type { UserError } from '../graph/user-error';

/** What reading one `group` reference gave. */
export type GroupRead =
  | { readonly kind: 'found'; readonly group: GraphGroup }
  /** Several groups have this display name. */
  | { readonly kind: 'ambiguous'; readonly groups: readonly GraphGroup[] }
  | { readonly kind: 'missing' }
  | { readonly kind: 'unreadable'; readonly error: UserError };

/** A page of a collection: Graph's `value` and where the next page is, or a problem. */
function pageOf<T>(body: unknown): { value: T[]; nextLink?: string } | undefined {
  const b = body as { value?: unknown; '@odata.nextLink'?: unknown } | null;
  if (!b || !Array.isArray(b.value)) return undefined;
  return {
    value: b.value as T[],
    ...(typeof b['@odata.nextLink'] === 'string' ? { nextLink: b['@odata.nextLink'] } : {}),
  };
}

const isGroup = (v: unknown): v is GraphGroup =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as GraphGroup).id === 'string' &&
  typeof (v as GraphGroup).displayName === 'string';

/** An OData string literal: apostrophes doubled (OData ABNF SQUOTE-in-string). */
const literal = (s: string) => `'${s.replace(/'/g, "''")}'`;

/**
 * Reads the groups a file names, 20 to a `$batch`: an object id by `GET /groups/{id}`, a display
 * name by `GET /groups?$filter=displayName eq '...'` (graph-docs group-list.md), which may match
 * several. Keyed by the lower-cased reference.
 */
export async function readGroupsByReference(
  connection: GraphConnection,
  references: readonly string[],
  cancellation: Cancellation = neverCancelled,
): Promise<Map<string, GroupRead>> {
  const found = new Map<string, GroupRead>();
  const chunks = chunk(
    [...new Set(references.map((r) => r.toLowerCase()))].map((key) => ({
      key,
      written: references.find((r) => r.toLowerCase() === key)!,
    })),
    MAX_BATCH_ITEMS,
  );
  await runPool(chunks.length, connection.concurrency, async (i) => {
    if (cancellation.isCancellationRequested) return;
    const requests: BatchRequest<string>[] = chunks[i].map(({ key, written }) => ({
      key,
      method: 'GET',
      url: isGuid(written)
        ? `/groups/${encodeURIComponent(written)}?$select=${GROUP_SELECT}`
        : `/groups?$filter=${encodeURIComponent(`displayName eq ${literal(written)}`)}&$select=${GROUP_SELECT}`,
    }));
    for (const [key, answer] of await executeBatch(connection, requests, cancellation)) {
      if (answer.kind === 'ok') {
        const page = pageOf<unknown>(answer.body);
        const groups = (page ? page.value : [answer.body]).filter(isGroup);
        found.set(
          key,
          groups.length === 0
            ? { kind: 'missing' }
            : groups.length === 1
              ? { kind: 'found', group: groups[0] }
              : { kind: 'ambiguous', groups },
        );
      } else if (answer.kind === 'failed') {
        found.set(
          key,
          answer.failure.status === 404
            ? { kind: 'missing' }
            : { kind: 'unreadable', error: toUserError(answer.failure) },
        );
      }
    }
  });
  return found;
}

/** A collection read page by page (following `@odata.nextLink` under the base URL, never a page twice). */
async function readCollection<T>(
  connection: GraphConnection,
  first: string,
  cancellation: Cancellation,
  maxPages = 1000,
): Promise<Loaded<T[]>> {
  const items: T[] = [];
  const seen = new Set<string>();
  let link: string | undefined = first;
  const goesRound = (): Loaded<T[]> => ({
    ok: false,
    error: { code: MALFORMED_ANSWER, message: connection.t('{0}: the pages go round or never end.', first) },
  });
  while (link !== undefined) {
    if (seen.size >= maxPages) return goesRound();
    seen.add(link);
    const answer: BatchItemResult | undefined = (
      await executeBatch(connection, [{ key: 0, method: 'GET', url: link }], cancellation)
    ).get(0);
    if (!answer || answer.kind === 'not-sent' || answer.kind === 'lost')
      return { ok: false, error: { code: 'Cancelled', message: connection.t('The read was cancelled.') } };
    if (answer.kind === 'failed') return { ok: false, error: toUserError(answer.failure) };
    const page: { value: T[]; nextLink?: string } | undefined = pageOf<T>(answer.body);
    if (!page)
      return {
        ok: false,
        error: { code: MALFORMED_ANSWER, message: connection.t('{0}: Graph\'s answer has no "value" list.', first) },
      };
    items.push(...page.value);
    const step = nextPage(page.nextLink, connection.baseUrl, seen, connection.t);
    if (step.kind === 'outside')
      return {
        ok: false,
        error: {
          code: MALFORMED_ANSWER,
          message: connection.t('{0}: a page links outside {1}.', first, connection.baseUrl),
        },
      };
    if (step.kind === 'read-before') return goesRound();
    link = step.kind === 'next' ? step.link : undefined;
  }
  return { ok: true, value: items };
}

/**
 * `GET /groups/{id}/members` (graph-docs group-list-members.md): direct members, users and nested groups.
 * The relationship is a directoryObject collection, so user properties are selected on its OData cast
 * (`/members/microsoft.graph.user`, the documented form), and nested groups are read on theirs
 * (`/members/microsoft.graph.group`, id and name only): two listings, each typed.
 */
export async function readGroupMembers(
  connection: GraphConnection,
  groupId: string,
  cancellation: Cancellation = neverCancelled,
): Promise<Loaded<GraphGroupMember[]>> {
  const members = `/groups/${encodeURIComponent(groupId)}/members`;
  const users = await readCollection<GraphGroupMember>(
    connection,
    `${members}/microsoft.graph.user?$select=${MEMBER_SELECT}&$top=999`,
    cancellation,
  );
  if (!users.ok) return users;
  const groups = await readCollection<GraphGroupMember>(
    connection,
    `${members}/microsoft.graph.group?$select=id,displayName&$top=999`,
    cancellation,
  );
  if (!groups.ok) return groups;
  return {
    ok: true,
    value: [
      ...users.value.map((u) => ({ ...u, '@odata.type': '#microsoft.graph.user' })),
      ...groups.value.map((g) => ({ ...g, '@odata.type': '#microsoft.graph.group' })),
    ],
  };
}

/**
 * `GET /groups/{id}/membersWithLicenseErrors` (graph-docs group-list-memberswithlicenseerrors.md), with each
 * member's licenseAssignmentStates: a directoryObject collection too, so cast to users for their properties.
 */
export function readMembersWithLicenseErrors(
  connection: GraphConnection,
  groupId: string,
  cancellation: Cancellation = neverCancelled,
): Promise<Loaded<GraphGroupMember[]>> {
  return readCollection<GraphGroupMember>(
    connection,
    `/groups/${encodeURIComponent(groupId)}/membersWithLicenseErrors/microsoft.graph.user?$select=${MEMBER_SELECT}&$top=999`,
    cancellation,
  );
}

/** Every group of the tenant (for completions, hovers and the tenant rules), with the licensing properties. */
export function readAllGroups(
  connection: GraphConnection,
  cancellation: Cancellation = neverCancelled,
): Promise<Loaded<GraphGroup[]>> {
  return readCollection<GraphGroup>(connection, `/groups?$select=${GROUP_SELECT}&$top=999`, cancellation);
}

/**
 * Direct member counts, `GET /groups/{id}/members?$count=true&$top=1` with `ConsistencyLevel: eventual`
 * (graph-docs group-list-members.md: `@odata.count`; the plain-text `/$count` form is not JSON), for the editor's
 * completions: at most `limit` groups,
 * `concurrency` at a time. Best effort: a group whose count fails is left out.
 */
export async function readMemberCounts(
  connection: GraphConnection,
  groupIds: readonly string[],
  limit = 100,
  cancellation: Cancellation = neverCancelled,
): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  const ids = groupIds.slice(0, limit);
  await runPool(ids.length, connection.concurrency, async (i) => {
    if (cancellation.isCancellationRequested) return;
    try {
      const page = (await connection.client
        .api(`/groups/${encodeURIComponent(ids[i])}/members?$count=true&$top=1&$select=id`)
        .header('ConsistencyLevel', 'eventual')
        .get()) as { '@odata.count'?: unknown } | null;
      const n = Number(page?.['@odata.count']);
      if (Number.isInteger(n) && n >= 0) counts.set(ids[i].toLowerCase(), n);
    } catch {
      // A count is a courtesy in a completion list.
    }
  });
  return counts;
}

/** `GET /groups/{id}?$select=id,licenseProcessingState`: where group licensing is with this group. */
export async function readProcessingStates(
  connection: GraphConnection,
  groupIds: readonly string[],
  cancellation: Cancellation = neverCancelled,
): Promise<Map<string, string | undefined>> {
  const states = new Map<string, string | undefined>();
  for (const ids of chunk([...groupIds], MAX_BATCH_ITEMS)) {
    const answers = await executeBatch(
      connection,
      ids.map((id) => ({
        key: id,
        method: 'GET' as const,
        url: `/groups/${encodeURIComponent(id)}?$select=id,licenseProcessingState`,
      })),
      cancellation,
    );
    for (const [id, answer] of answers) {
      const state =
        answer.kind === 'ok' ? (answer.body as GraphGroup | null)?.licenseProcessingState?.state : undefined;
      states.set(id, typeof state === 'string' ? state : undefined);
    }
  }
  return states;
}
