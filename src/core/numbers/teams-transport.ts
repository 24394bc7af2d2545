import { ResponseType } from '@microsoft/microsoft-graph-client';
import type { GraphConnection } from '../graph/connection';
import { failureFromBatchItem, failureFromThrown, type GraphFailure } from '../graph/graph-failure';
import type { UserError } from '../graph/user-error';
import { english, type Translate } from '../text/translate';

/** What one Teams call answered: a status with its headers and body, or a failure Graph or the network gave. */
export type TeamsAnswer =
  | { readonly ok: true; readonly status: number; readonly location?: string; readonly body: unknown }
  | { readonly ok: false; readonly failure: GraphFailure };

/**
 * One request through the connection's client (token, retries of 429/5xx, request counts), read raw: the
 * 202 of assignNumber carries its operation only in the Location header, which graph-client's parsed
 * answers drop. A 4xx answer becomes a GraphFailure like any other Graph refusal.
 */
export async function teamsRequest(
  connection: GraphConnection,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<TeamsAnswer> {
  let res: Response;
  try {
    const request = connection.client.api(path).responseType(ResponseType.RAW);
    res = (method === 'GET' ? await request.get() : await request.post(body)) as Response;
  } catch (thrown) {
    return { ok: false, failure: failureFromThrown(thrown, connection.redact) };
  }
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = text;
  }
  if (!res.ok) {
    const headers: Record<string, string> = {};
    res.headers.forEach((v, k) => (headers[k] = v));
    return { ok: false, failure: failureFromBatchItem(res.status, headers, parsed, connection.redact) };
  }
  return { ok: true, status: res.status, location: res.headers.get('Location') ?? undefined, body: parsed };
}

/** The permission each kind of Teams call needs, least privileged first (graph-docs permission tables). */
export const TEAMS_PERMISSION = {
  readNumbers: 'TeamsTelephoneNumber.Read.All',
  writeNumbers: 'TeamsTelephoneNumber.ReadWrite.All',
  readUsers: 'TeamsUserConfiguration.Read.All',
} as const;

/**
 * A refusal in words an admin can act on. A 403 names the permission the call needs and the role a signed-in
 * admin must hold: Teams Communications Administrator is the least privileged role for Teams voice (Entra
 * built-in roles: "Can manage calling and meetings features within the Microsoft Teams service").
 */
export function teamsError(
  failure: GraphFailure,
  permission: (typeof TEAMS_PERMISSION)[keyof typeof TEAMS_PERMISSION],
  t: Translate = english,
): UserError {
  const hint =
    failure.status === 403
      ? t(
          'Microsoft Graph refused this Teams call. The sign-in needs the {0} permission (admin consent), and an admin who signs in needs the Teams Communications Administrator role (or Teams Administrator).',
          permission,
        )
      : failure.hint;
  return {
    code: failure.code,
    message: failure.message,
    ...(hint ? { hint } : {}),
    ...(failure.status ? { status: failure.status } : {}),
  };
}

/** Time as the number stage sees it: injected, so that tests move it without sleeping. */
export interface NumbersClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: NumbersClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
};
