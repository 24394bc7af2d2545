import { executeBatch, MAX_BATCH_ITEMS, type BatchRequest } from '../graph/batch-executor';
import { neverCancelled, type Cancellation } from '../graph/cancellation';
import type { GraphConnection } from '../graph/connection';
import { checkSkuPage, checkUser } from '../graph/graph-answers';
import { boundedReadOptions } from '../graph/bounded-read';
import { explainForbidden, failureFromThrown, toUserError } from '../graph/graph-failure';
import { chunk, runPool } from '../graph/pool';
import { USER_LICENSE_SELECT, type GraphUser, type SubscribedSku } from '../graph/resources';
import { GraphDeadlineError } from '../graph/transient-fault-middleware';
import { malformedAnswer as malformed, nextPage, pagingStopped, type Loaded } from './paging';

export type { Loaded } from './paging';
import type { UserError } from '../graph/user-error';

/** A tenant has a few dozen subscriptions: more pages than this means the links go round. */
export const MAX_SKU_PAGES = 100;

/** What reading a user from Graph gave. */
export type CurrentUser =
  | { readonly kind: 'found'; readonly user: GraphUser }
  /** 404 or another error: the user is reported with it and never written. */
  | { readonly kind: 'unreadable'; readonly error: UserError };

/**
 * `GET /subscribedSkus` (graph-docs subscribedsku-list.md; supports no $filter, so read it all),
 * following `@odata.nextLink` at most MAX_SKU_PAGES times and never to a link already read.
 */
export async function readSubscribedSkus(connection: GraphConnection): Promise<Loaded<SubscribedSku[]>> {
  // One deadline for every page and retry, as for a user's writes (RetryPolicy.userDeadlineMs).
  const deadlineAt = connection.clock.now() + connection.retry.userDeadlineMs;
  let outOfTime = false;
  const bounded = boundedReadOptions(connection, deadlineAt, () => (outOfTime = true));
  try {
    const skus: SubscribedSku[] = [];
    const seen = new Set<string>();
    let link: string | undefined = '/subscribedSkus';
    for (let page = 1; link !== undefined; page++) {
      if (page > MAX_SKU_PAGES)
        return {
          ok: false,
          error: malformed(
            connection.t("subscribedSkus: Graph's answer goes on for more than {0} pages.", MAX_SKU_PAGES),
          ),
        };
      seen.add(link);
      const checked = checkSkuPage(await connection.client.api(link).middlewareOptions(bounded).get(), connection.t);
      if (!checked.ok) return { ok: false, error: malformed(connection.redact(checked.problem)) };
      skus.push(...checked.value.skus);
      const step = nextPage(checked.value.nextLink, connection.baseUrl, seen, connection.t);
      const stopped = pagingStopped(step, 'subscribedSkus', page, connection);
      if (stopped) return { ok: false, error: stopped };
      link = step.kind === 'next' ? step.link : undefined;
    }
    return { ok: true, value: skus };
  } catch (thrown) {
    const failure = failureFromThrown(thrown, connection.redact);
    // Still throttled or failing when the deadline came: say so, not only what the last attempt got.
    const reported = outOfTime
      ? failureFromThrown(new GraphDeadlineError(connection.retry.userDeadlineMs), connection.redact)
      : failure;
    return {
      ok: false,
      error: toUserError(explainForbidden(reported, 'read', connection.accessClaims(), connection.t)),
    };
  }
}

/**
 * `/users/{id | userPrincipalName}` (user-get.md). `#` in guest UPNs (`#EXT#`) and other reserved
 * characters are escaped. A UPN starting with `$` would read as an OData system segment, so the
 * docs address it as `/users('$x@contoso.com')`, a string literal whose apostrophes are doubled.
 * Reads, the usage-location PATCH and assignLicense all go through this one function.
 */
export function userPath(reference: string): string {
  if (!reference.startsWith('$')) return `/users/${encodeURIComponent(reference)}`;
  // As the docs write it: `$` and `@` literal (encodeURIComponent would escape them), `'` doubled, `#` escaped.
  return `/users('${encodeURIComponent(reference.replace(/'/g, "''")).replace(/%24/g, '$').replace(/%40/g, '@')}')`;
}

/**
 * From this many users a file's users are first looked for in a listing of the tenant: fewer fit
 * in a few batches, and a page of 999 users is a long answer to find them in.
 */
export const LIST_USERS_FROM = 10 * MAX_BATCH_ITEMS;

/** `$top` for users: "1 and 999" (graph-docs api/user-list.md). */
export const USER_PAGE_SIZE = 999;

/**
 * Reads users: a file naming LIST_USERS_FROM users or more first lists the tenant (listTenantUsers),
 * then reads the users the listing did not give 20 to a `$batch` (`GET /users/{ref}?$select=...`),
 * `concurrency` batches at a time. The map is keyed by the lower-cased reference; a user cancelled
 * before being read is absent. `onRead` is handed each page's and each batch's users as they are
 * answered (every reference once), for a caller that acts on them before the last one is read.
 */
export async function readUsers(
  connection: GraphConnection,
  references: readonly string[],
  cancellation: Cancellation = neverCancelled,
  onRead?: (read: ReadonlyMap<string, CurrentUser>) => void,
): Promise<Map<string, CurrentUser>> {
  const found = new Map<string, CurrentUser>();
  let wanted = [...new Set(references.map((r) => r.toLowerCase()))];
  if (wanted.length >= LIST_USERS_FROM) {
    await listTenantUsers(connection, new Set(wanted), found, cancellation, onRead);
    if (found.size > 0) wanted = wanted.filter((ref) => !found.has(ref));
  }
  const chunks = chunk(wanted, MAX_BATCH_ITEMS);
  await runPool(chunks.length, connection.concurrency, async (i) => {
    if (cancellation.isCancellationRequested) return;
    const requests: BatchRequest<string>[] = chunks[i].map((ref) => ({
      key: ref,
      method: 'GET',
      url: `${userPath(ref)}?$select=${USER_LICENSE_SELECT}`,
    }));
    const answers = await executeBatch(connection, requests, cancellation);
    const batch = new Map<string, CurrentUser>();
    for (const [ref, answer] of answers) {
      if (answer.kind === 'ok') {
        const user = checkUser(answer.body, ref, connection.t);
        batch.set(
          ref,
          user.ok
            ? { kind: 'found', user: user.value }
            : { kind: 'unreadable', error: malformed(connection.redact(user.problem)) },
        );
      } else if (answer.kind === 'failed') batch.set(ref, { kind: 'unreadable', error: toUserError(answer.failure) });
    }
    for (const [ref, read] of batch) found.set(ref, read);
    if (batch.size > 0) onRead?.(batch);
  });
  return found;
}

/**
 * Lists the tenant's users (`GET /users?$select=...&$top=999`, following `@odata.nextLink`; graph-docs
 * api/user-list.md) and keeps those of `wanted` (lower-cased UPNs or ids) in `found`: 999 users a
 * request instead of 20. Bounded so that it never costs more requests than the batches it saves:
 * after each page it goes on only while the pages read are fewer than the batches its matches
 * replaced, so a tenant far larger than the file stops after a page or two. Anything else ends it
 * quietly (a failed or malformed page, a link that leaves the base URL or goes round): the users
 * not found, like one created a moment ago that a listing does not show yet, are read one by one.
 */
async function listTenantUsers(
  connection: GraphConnection,
  wanted: ReadonlySet<string>,
  found: Map<string, CurrentUser>,
  cancellation: Cancellation,
  onRead?: (read: ReadonlyMap<string, CurrentUser>) => void,
): Promise<void> {
  const seen = new Set<string>();
  let link: string | undefined = `/users?$select=${USER_LICENSE_SELECT}&$top=${USER_PAGE_SIZE}`;
  for (let pages = 1; link !== undefined && !cancellation.isCancellationRequested; pages++) {
    seen.add(link);
    const page = await readUserPage(connection, link);
    if (page === undefined) return;
    const matches = new Map<string, CurrentUser>();
    for (const user of page.users) {
      // A file names a user by UPN or by object id.
      const byName = user.userPrincipalName.toLowerCase();
      const byId = user.id.toLowerCase();
      if (wanted.has(byName) || wanted.has(byId)) {
        const read: CurrentUser = { kind: 'found', user };
        if (wanted.has(byName) && !found.has(byName)) matches.set(byName, read);
        if (wanted.has(byId) && !found.has(byId)) matches.set(byId, read);
      }
    }
    for (const [ref, read] of matches) found.set(ref, read);
    if (matches.size > 0) onRead?.(matches);
    if (found.size === wanted.size || pages >= Math.floor(found.size / MAX_BATCH_ITEMS)) return;
    const step = nextPage(page.nextLink, connection.baseUrl, seen, connection.t);
    if (step.kind !== 'next') return;
    link = step.link;
  }
}

/** One page of the listing, each user checked as a single read is; undefined when it cannot be used. */
async function readUserPage(
  connection: GraphConnection,
  link: string,
): Promise<{ users: GraphUser[]; nextLink?: string } | undefined> {
  const deadlineAt = connection.clock.now() + connection.retry.userDeadlineMs;
  const bounded = boundedReadOptions(connection, deadlineAt);
  let body: unknown;
  try {
    body = await connection.client.api(link).middlewareOptions(bounded).get();
  } catch {
    return undefined;
  }
  if (body === null || typeof body !== 'object' || !Array.isArray((body as { value?: unknown }).value))
    return undefined;
  const users: GraphUser[] = [];
  for (const item of (body as { value: unknown[] }).value) {
    const user = checkUser(item, connection.t('a listed user'), connection.t);
    // A user whose entry is malformed is left to its own read, which reports it where it belongs.
    if (user.ok) users.push(user.value);
  }
  const next = (body as Record<string, unknown>)['@odata.nextLink'];
  return { users, ...(typeof next === 'string' && next !== '' ? { nextLink: next } : {}) };
}

/**
 * Display names of the groups that license these users, so reports say "All Sales", not a GUID.
 * Best effort: reading groups needs a permission (Group.Read.All or GroupMember.Read.All) the
 * least-privileged set lacks; without it, or on any failure, the ids are shown instead.
 * Groups in `asked` (asked for an earlier page of users) are not asked for again; those asked now join it.
 */
export async function readGroupNames(
  connection: GraphConnection,
  users: Iterable<CurrentUser>,
  skuIds: ReadonlySet<string>,
  cancellation: Cancellation = neverCancelled,
  asked: Set<string> = new Set(),
): Promise<Map<string, string>> {
  const ids = new Set<string>();
  for (const u of users) {
    if (u.kind !== 'found') continue;
    for (const s of u.user.licenseAssignmentStates ?? []) {
      const group = s.assignedByGroup?.toLowerCase();
      if (group && skuIds.has(s.skuId.toLowerCase()) && !asked.has(group)) ids.add(group);
    }
  }
  for (const id of ids) asked.add(id);
  const names = new Map<string, string>();
  const chunks = chunk([...ids], MAX_BATCH_ITEMS);
  await runPool(chunks.length, connection.concurrency, async (i) => {
    if (cancellation.isCancellationRequested) return;
    const requests: BatchRequest<string>[] = chunks[i].map((id) => ({
      key: id,
      method: 'GET',
      url: `/groups/${encodeURIComponent(id)}?$select=id,displayName`,
    }));
    try {
      for (const [id, answer] of await executeBatch(connection, requests, cancellation)) {
        const body = answer.kind === 'ok' ? (answer.body as { displayName?: unknown } | null) : undefined;
        if (typeof body?.displayName === 'string' && body.displayName) names.set(id, body.displayName);
      }
    } catch {
      // Names are a courtesy: the plan is right without them.
    }
  });
  return names;
}
