import { CLOUDS } from '../auth/clouds';
import type { GraphConnection } from '../graph/connection';
import { hintFor } from '../graph/error-hints';
import type { UserError } from '../graph/user-error';
import type { Translate } from '../text/translate';

/**
 * What every paged read of Graph shares (subscribedSkus, the user listings, group members): the
 * answer type, the code of an answer without its documented shape, and where `@odata.nextLink` may
 * lead. Kept apart from the readers so that each can use it without importing another.
 */

export type Loaded<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: UserError };

/** Graph's code for an answer that does not have the documented shape (graph-answers.ts). */
export const MALFORMED_ANSWER = 'MalformedAnswer';

export const malformedAnswer = (message: string): UserError => ({
  code: MALFORMED_ANSWER,
  message,
  hint: hintFor(undefined, MALFORMED_ANSWER, message),
});

/**
 * An `@odata.nextLink` as a path under the connection's base URL, so that it is requested from the
 * same Graph, with the same version: a link to another origin would carry the token elsewhere, and
 * graph-client would misread an `http://` one as a path. `null`: the link leaves the base URL.
 */
function relativeToBase(link: string, baseUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(link, `${baseUrl.replace(/\/+$/, '')}/`);
  } catch {
    return null;
  }
  const base = new URL(baseUrl.replace(/\/+$/, ''));
  if (url.origin !== base.origin || !url.pathname.startsWith(`${base.pathname}/`)) return null;
  return `${url.pathname.slice(base.pathname.length)}${url.search}`;
}

/** Where a paged read goes after a page: each reader says in its own words why it stops. */
export type NextPage =
  | { readonly kind: 'end' }
  | { readonly kind: 'next'; readonly link: string }
  /** The link leaves the base URL (never followed: the token would go with it); its host, for the message. */
  | { readonly kind: 'outside'; readonly host: string }
  /** The link goes back to a page already read: the pages go round. */
  | { readonly kind: 'read-before' };

/**
 * A link on Graph's own host, re-based on `baseUrl`: behind a gateway (LICENSES_GRAPH_URL names a proxy) or a
 * national cloud's root, Graph still writes `@odata.nextLink` on its own host (deployments.md lists one per
 * cloud). The path after that host's version root is followed under `baseUrl`, so the request, and the token,
 * still go to the configured origin only. Null: not a link of Graph's own hosts for this version.
 */
function rebasedOnGraphHost(link: string, baseUrl: string): string | null {
  let version: string;
  try {
    version = new URL(baseUrl.replace(/\/+$/, '')).pathname.split('/').pop() ?? '';
  } catch {
    return null;
  }
  if (!version) return null;
  for (const cloud of Object.values(CLOUDS)) {
    const rebased = /^https:\/\//i.test(link) ? relativeToBase(link, `${cloud.graphHost}/${version}`) : null;
    if (rebased !== null) return rebased;
  }
  return null;
}

/** The page after one whose `@odata.nextLink` is `next`, given the links already read. */
export function nextPage(next: string | undefined, baseUrl: string, seen: ReadonlySet<string>, t: Translate): NextPage {
  if (next === undefined) return { kind: 'end' };
  const link = relativeToBase(next, baseUrl) ?? rebasedOnGraphHost(next, baseUrl);
  if (link === null) return { kind: 'outside', host: hostOf(next, t) };
  return seen.has(link) ? { kind: 'read-before' } : { kind: 'next', link };
}

function hostOf(link: string, t: Translate): string {
  try {
    return new URL(link).host;
  } catch {
    return t('an unreadable address');
  }
}

/**
 * Why the paged read of `resource` (its path, as Graph names it: `users`, `subscribedSkus`) stops after page `page`:
 * its next link leaves Graph (never followed: the token would go with it) or goes back to a page already read.
 * The same two messages for every reader, in the connection's language. Undefined: the read goes on, or ends well.
 */
export function pagingStopped(
  step: NextPage,
  resource: string,
  page: number,
  connection: Pick<GraphConnection, 't' | 'redact' | 'baseUrl'>,
): UserError | undefined {
  const t = connection.t;
  if (step.kind === 'outside')
    return malformedAnswer(
      t('{0}: page {1} links to {2}, outside {3}.', resource, page, connection.redact(step.host), connection.baseUrl),
    );
  if (step.kind === 'read-before')
    return malformedAnswer(t('{0}: page {1} links back to a page already read.', resource, page));
  return undefined;
}
