import { executeBatch, MAX_BATCH_ITEMS, type BatchRequest } from './batch-executor';
import { neverCancelled, type Cancellation } from './cancellation';
import type { GraphConnection } from './connection';
import { failureFromThrown, toUserError } from './graph-failure';
import { chunk, runPool } from './pool';
import { USER_LICENSE_SELECT, type GraphUser, type SubscribedSku } from './resources';
import type { UserError } from './user-error';

export type Loaded<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: UserError };

/** What reading a user from Graph gave. */
export type CurrentUser =
  | { readonly kind: 'found'; readonly user: GraphUser }
  /** 404 or another error: the user is reported with it and never written. */
  | { readonly kind: 'unreadable'; readonly error: UserError };

/** `GET /subscribedSkus` (graph-docs subscribedsku-list.md; supports no $filter, so read it all). */
export async function readSubscribedSkus(connection: GraphConnection): Promise<Loaded<SubscribedSku[]>> {
  try {
    const skus: SubscribedSku[] = [];
    let page = (await connection.client.api('/subscribedSkus').get()) as { value?: SubscribedSku[]; '@odata.nextLink'?: string };
    skus.push(...(page.value ?? []));
    while (page['@odata.nextLink']) {
      page = await connection.client.api(page['@odata.nextLink']).get();
      skus.push(...(page.value ?? []));
    }
    return { ok: true, value: skus };
  } catch (thrown) {
    return { ok: false, error: toUserError(failureFromThrown(thrown)) };
  }
}

/** `/users/{id | userPrincipalName}`: `#` in guest UPNs (`#EXT#`) and other reserved characters must be escaped. */
export const userPath = (reference: string): string => `/users/${encodeURIComponent(reference)}`;

/**
 * Reads users 20 to a `$batch` (`GET /users/{ref}?$select=...`), `concurrency` batches at a time.
 * The map is keyed by the lower-cased reference; a user cancelled before being read is absent.
 */
export async function readUsers(
  connection: GraphConnection,
  references: readonly string[],
  cancellation: Cancellation = neverCancelled,
): Promise<Map<string, CurrentUser>> {
  const found = new Map<string, CurrentUser>();
  const chunks = chunk([...new Set(references.map((r) => r.toLowerCase()))], MAX_BATCH_ITEMS);
  await runPool(chunks.length, connection.concurrency, async (i) => {
    if (cancellation.isCancellationRequested) return;
    const requests: BatchRequest<string>[] = chunks[i].map((ref) => ({ key: ref, method: 'GET', url: `${userPath(ref)}?$select=${USER_LICENSE_SELECT}` }));
    const answers = await executeBatch(connection, requests, cancellation);
    for (const [ref, answer] of answers) {
      if (answer.kind === 'ok') found.set(ref, { kind: 'found', user: answer.body as GraphUser });
      else if (answer.kind === 'failed') found.set(ref, { kind: 'unreadable', error: toUserError(answer.failure) });
    }
  });
  return found;
}

/**
 * Display names of the groups that license these users, so reports say "All Sales", not a GUID.
 * Best effort: reading groups needs a permission (Group.Read.All or GroupMember.Read.All) the
 * least-privileged set lacks; without it, or on any failure, the ids are shown instead.
 */
export async function readGroupNames(
  connection: GraphConnection,
  users: Iterable<CurrentUser>,
  skuIds: ReadonlySet<string>,
  cancellation: Cancellation = neverCancelled,
): Promise<Map<string, string>> {
  const ids = new Set<string>();
  for (const u of users) {
    if (u.kind !== 'found') continue;
    for (const s of u.user.licenseAssignmentStates ?? []) {
      if (s.assignedByGroup && skuIds.has(s.skuId.toLowerCase())) ids.add(s.assignedByGroup.toLowerCase());
    }
  }
  const names = new Map<string, string>();
  const chunks = chunk([...ids], MAX_BATCH_ITEMS);
  await runPool(chunks.length, connection.concurrency, async (i) => {
    if (cancellation.isCancellationRequested) return;
    const requests: BatchRequest<string>[] = chunks[i].map((id) => ({ key: id, method: 'GET', url: `/groups/${encodeURIComponent(id)}?$select=id,displayName` }));
    try {
      for (const [id, answer] of await executeBatch(connection, requests, cancellation)) {
        const name = answer.kind === 'ok' ? (answer.body as { displayName?: string }).displayName : undefined;
        if (name) names.set(id, name);
      }
    } catch {
      // Names are a courtesy: the plan is right without them.
    }
  });
  return names;
}
