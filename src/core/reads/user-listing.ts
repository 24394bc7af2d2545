import { neverCancelled, type Cancellation } from '../graph/cancellation';
import type { GraphConnection } from '../graph/connection';
import { checkUser } from '../graph/graph-answers';
import { boundedReadOptions } from '../graph/bounded-read';
import { explainForbidden, failureFromThrown, toUserError } from '../graph/graph-failure';
import type { GraphUser } from '../graph/resources';
import { malformedAnswer as malformed, nextPage, pagingStopped, type Loaded } from './paging';
import { USER_PAGE_SIZE } from './tenant-reads';
import { GraphDeadlineError } from '../graph/transient-fault-middleware';
import { deferred, english, type Translate } from '../text/translate';
import type { UserError } from '../graph/user-error';

/**
 * Listing users with their licenses: `GET /users` (graph-docs api/user-list.md), a page of up to
 * 999 at a time, following `@odata.nextLink`. One request per 999 users, never one per user, so a
 * tenant of 10,000 licensed users is read in 11 requests.
 */

export { USER_PAGE_SIZE };

/**
 * "When you specify $select=signInActivity ... the maximum page size for $top is 120" (user-list.md,
 * "Get users including their last sign-in time"): the reader follows links whatever size pages come.
 */
export const SIGN_IN_PAGE_SIZE = 120;

/** 10 million users at 999 a page: more pages than this means the links go round. */
const MAX_USER_PAGES = 10_000;

/** The code a listing stopped by its caller answers (nothing is wrong with the tenant). */
export const LISTING_CANCELLED = 'Cancelled';

const USER_LISTING_SELECT =
  'id,userPrincipalName,displayName,accountEnabled,usageLocation,assignedLicenses,licenseAssignmentStates';

/** signInActivity (graph-docs resources/signinactivity.md): each date null when the user never signed in that way. */
interface SignInActivity {
  readonly lastSignInDateTime: string | null;
  readonly lastNonInteractiveSignInDateTime: string | null;
  readonly lastSuccessfulSignInDateTime: string | null;
}

/** One user of the listing: the planner's GraphUser plus what the inventory reads. */
export interface ListedUser extends GraphUser {
  readonly displayName: string | null;
  /** `false` for a blocked account (resources/user.md, accountEnabled). */
  readonly accountEnabled: boolean;
  /**
   * Present only when the listing asked for it. An object: what Graph read (each date null when the user
   * never signed in that way). null: Graph gave none for this user, so the activity is NOT known (it has
   * been seen empty for users of later pages): never read as "never signed in".
   */
  readonly signInActivity?: SignInActivity | null;
}

export interface UserListingOptions {
  /**
   * Only users holding one of these skuIds: one `assignedLicenses/any(x:x/skuId eq …)` listing per
   * SKU, merged (a user holding two is listed once). Default: every user holding any license.
   */
  readonly skuIds?: readonly string[];
  /**
   * Every user, licensed or not (no `$filter`, a default query): what reading a large file's users
   * by listing needs, since a file may name users who hold nothing yet. Ignored with `skuIds`.
   */
  readonly allUsers?: boolean;
  /** Also `$select` signInActivity: needs Entra ID P1 and AuditLog.Read.All (user-list.md). */
  readonly signInActivity?: boolean;
  /** Default USER_PAGE_SIZE. */
  readonly pageSize?: number;
  /** Default MAX_USER_PAGES, over all the listings of one call. */
  readonly maxPages?: number;
  readonly cancellation?: Cancellation;
  /** After each page: the users read so far (for a progress message). */
  readonly onPage?: (usersSoFar: number) => void;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The first link of each listing. Every licensed user: `assignedLicenses/$count ne 0`, which user.md
 * lists among the filters "supported only when you use the ConsistencyLevel header set to eventual
 * and $count" (advanced queries, graph-docs concepts/aad-advanced-queries.md). By SKU:
 * `assignedLicenses/any(x:x/skuId eq {id})`, a default query (user-list.md example).
 */
function listingRequests(
  options: Pick<UserListingOptions, 'skuIds' | 'allUsers' | 'signInActivity' | 'pageSize'> = {},
): { readonly path: string; readonly advanced: boolean }[] {
  const select = options.signInActivity ? `${USER_LISTING_SELECT},signInActivity` : USER_LISTING_SELECT;
  // With signInActivity Graph serves at most SIGN_IN_PAGE_SIZE a page, and has refused a larger $top.
  const limit = options.signInActivity ? SIGN_IN_PAGE_SIZE : USER_PAGE_SIZE;
  const top = Math.min(Math.max(1, Math.floor(options.pageSize ?? limit)), limit);
  const query = (filter: string | undefined, advanced: boolean) => {
    const q = new URLSearchParams({ $select: select, $top: String(top), ...(filter ? { $filter: filter } : {}) });
    if (advanced) q.set('$count', 'true');
    return `/users?${q.toString()}`;
  };
  if (options.skuIds === undefined && options.allUsers) return [{ path: query(undefined, false), advanced: false }];
  if (options.skuIds === undefined) return [{ path: query('assignedLicenses/$count ne 0', true), advanced: true }];
  return [...new Set(options.skuIds.map((s) => s.toLowerCase()))].map((skuId) => ({
    path: query(`assignedLicenses/any(x:x/skuId eq ${skuId})`, false),
    advanced: false,
  }));
}

/**
 * Every licensed user (or every holder of `skuIds`), paged, with the same protections as
 * readSubscribedSkus: at most `maxPages` pages, never a link already read, never a link outside the
 * connection's base URL, each page's shape checked. Each page has its own deadline
 * (RetryPolicy.userDeadlineMs): a large tenant takes many pages, each as long as one read.
 */
export async function listLicensedUsers(
  connection: GraphConnection,
  options: UserListingOptions = {},
): Promise<Loaded<ListedUser[]>> {
  for (const id of options.skuIds ?? []) {
    if (!GUID.test(id))
      return {
        ok: false,
        error: {
          code: 'BadRequest',
          message: connection.t(
            '"{0}" is not a skuId (a GUID): resolve part numbers against the tenant\'s subscriptions first.',
            id,
          ),
        },
      };
  }
  const cancellation = options.cancellation ?? neverCancelled;
  const maxPages = options.maxPages ?? MAX_USER_PAGES;
  const users = new Map<string, ListedUser>();
  let pages = 0;
  for (const request of listingRequests(options)) {
    const seen = new Set<string>();
    let link: string | undefined = request.path;
    while (link !== undefined) {
      if (cancellation.isCancellationRequested)
        return {
          ok: false,
          error: { code: LISTING_CANCELLED, message: connection.t('Cancelled while listing users.') },
        };
      if (++pages > maxPages)
        return {
          ok: false,
          error: malformed(connection.t("users: Graph's answer goes on for more than {0} pages.", maxPages)),
        };
      seen.add(link);
      const page = await readPage(connection, link, request.advanced, !!options.signInActivity);
      if (!page.ok) return page;
      for (const u of page.value.users) if (!users.has(u.id.toLowerCase())) users.set(u.id.toLowerCase(), u);
      options.onPage?.(users.size);
      const step = nextPage(page.value.nextLink, connection.baseUrl, seen, connection.t);
      const stopped = pagingStopped(step, 'users', pages, connection);
      if (stopped) return { ok: false, error: stopped };
      link = step.kind === 'next' ? step.link : undefined;
    }
  }
  return { ok: true, value: [...users.values()] };
}

async function readPage(
  connection: GraphConnection,
  link: string,
  advanced: boolean,
  signIns: boolean,
): Promise<Loaded<{ users: ListedUser[]; nextLink?: string }>> {
  const deadlineAt = connection.clock.now() + connection.retry.userDeadlineMs;
  let outOfTime = false;
  const bounded = boundedReadOptions(connection, deadlineAt, () => (outOfTime = true));
  try {
    let request = connection.client.api(link).middlewareOptions(bounded);
    // The header goes on every page of an advanced query: the next link carries $count, not the header.
    if (advanced) request = request.header('ConsistencyLevel', 'eventual');
    const checked = checkUserPage(await request.get(), signIns, connection.t);
    return checked.ok
      ? { ok: true, value: checked.value }
      : { ok: false, error: malformed(connection.redact(checked.problem)) };
  } catch (thrown) {
    const failure = failureFromThrown(thrown, connection.redact);
    const reported = outOfTime
      ? failureFromThrown(new GraphDeadlineError(connection.retry.userDeadlineMs), connection.redact)
      : failure;
    const error = toUserError(explainForbidden(reported, 'read', connection.accessClaims(), connection.t));
    return { ok: false, error: signIns ? signInRefusal(error) : error };
  }
}

/**
 * signInActivity "require[s] a Microsoft Entra ID P1 or P2 license and the AuditLog.Read.All
 * permission" (user-list.md): a tenant without P1 answers 403
 * Authentication_RequestFromNonPremiumTenantOrB2CTenant; a token without the permission 403
 * Authorization_RequestDenied. Both are said plainly, since the caller can still report without it.
 */
export const NO_PREMIUM = 'Authentication_RequestFromNonPremiumTenantOrB2CTenant';

function signInRefusal(error: UserError): UserError {
  // Constant hints, kept in English and translated where shown (`t(error.hint)`), as error-hints.ts's are.
  if (error.code === NO_PREMIUM)
    return {
      ...error,
      hint: deferred(
        'Sign-in activity needs a Microsoft Entra ID P1 or P2 license in the tenant; this tenant has none.',
      ),
    };
  if (error.code === 'Authorization_RequestDenied')
    return {
      ...error,
      hint: deferred(
        'Sign-in activity needs the AuditLog.Read.All permission (and Entra ID P1); the token does not have it.',
      ),
    };
  return error;
}

type Checked<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: string };

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const isDate = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && !Number.isNaN(Date.parse(v)));

/** One page of `GET /users`: `{ value: user[], '@odata.nextLink'? }`, each user as checkUser wants it. */
function checkUserPage(
  body: unknown,
  signIns = false,
  t: Translate = english,
): Checked<{ users: ListedUser[]; nextLink?: string }> {
  if (!isObject(body) || !Array.isArray(body.value))
    return {
      ok: false,
      problem: t(
        "users: Graph's answer is {0}, not a list of users",
        isObject(body) ? t('an object without a `value` list') : body === null ? 'null' : typeof body,
      ),
    };
  const users: ListedUser[] = [];
  for (const [i, item] of body.value.entries()) {
    const ref =
      isObject(item) && typeof item.userPrincipalName === 'string' ? item.userPrincipalName : t('item {0}', i + 1);
    const user = checkUser(item, ref, t);
    if (!user.ok) return user;
    const raw = item as Record<string, unknown>;
    if (raw.accountEnabled !== undefined && raw.accountEnabled !== null && typeof raw.accountEnabled !== 'boolean')
      return {
        ok: false,
        problem: t("{0}: Graph's answer has an `{1}` that is not true or false", t('user {0}', ref), 'accountEnabled'),
      };
    if (raw.displayName !== undefined && raw.displayName !== null && typeof raw.displayName !== 'string')
      return {
        ok: false,
        problem: t("{0}: Graph's answer has a `{1}` that is not text", t('user {0}', ref), 'displayName'),
      };
    const activity = raw.signInActivity;
    if (activity !== undefined && activity !== null) {
      if (!isObject(activity))
        return {
          ok: false,
          problem: t("{0}: Graph's answer has a `{1}` that is not an object", t('user {0}', ref), 'signInActivity'),
        };
      for (const key of ['lastSignInDateTime', 'lastNonInteractiveSignInDateTime', 'lastSuccessfulSignInDateTime']) {
        if (!isDate(activity[key]))
          return {
            ok: false,
            problem: t(
              "{0}: Graph's answer has a `{1}` that is not a date",
              t('user {0}', ref),
              `signInActivity.${key}`,
            ),
          };
      }
    }
    const date = (key: string) =>
      isObject(activity) && typeof activity[key] === 'string' ? (activity[key] as string) : null;
    users.push({
      ...user.value,
      displayName: typeof raw.displayName === 'string' ? raw.displayName : null,
      // Graph always returns it when selected; a missing one is read as enabled, the common case.
      accountEnabled: raw.accountEnabled !== false,
      ...(signIns
        ? {
            signInActivity: isObject(activity)
              ? {
                  lastSignInDateTime: date('lastSignInDateTime'),
                  lastNonInteractiveSignInDateTime: date('lastNonInteractiveSignInDateTime'),
                  lastSuccessfulSignInDateTime: date('lastSuccessfulSignInDateTime'),
                }
              : null,
          }
        : {}),
    });
  }
  const next = body['@odata.nextLink'];
  if (next !== undefined && next !== null && (typeof next !== 'string' || next === ''))
    return { ok: false, problem: t("users: Graph's answer has an `@odata.nextLink` that is not a link") };
  return { ok: true, value: { users, ...(typeof next === 'string' ? { nextLink: next } : {}) } };
}
