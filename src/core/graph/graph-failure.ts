import type { AccessClaims } from '../auth/access-claims';
import { forbiddenHint, hintFor } from './error-hints';
import { headerOf, parseRetryAfter } from './retry-policy';
import { redactTokenShapes } from './secret-redactor';
import type { UserError } from './user-error';
import { english, type Translate } from '../text/translate';

/**
 * How the engine must treat a failure (graph-docs concepts/throttling.md, errors.md):
 * `throttled` (429): wait Retry-After, then send again; `transient` (5xx, dropped connection,
 * timeout): back off and send again — the write may or may not have happened; `final` (any other
 * 4xx): never retried, the same request would fail the same way.
 */
export type FailureClass = 'throttled' | 'transient' | 'final';

export interface GraphFailure extends UserError {
  readonly class: FailureClass;
  readonly retryAfterMs?: number;
}

/** Raised before or after the network for reasons a retry cannot change: the same request would meet them again. */
const FINAL_CODES = new Set(['RefusedEndpoint', 'UnexpectedContentType', 'GraphRedirect', 'AnswerTooLarge']);

/** Every message and code passes through this before it is printed or stored: see secret-redactor.ts. */
export type Redact = (text: string) => string;

export function classify(status: number | undefined, code?: string): FailureClass {
  if (code !== undefined && FINAL_CODES.has(code)) return 'final';
  if (status === 429) return 'throttled';
  if (status === undefined || status <= 0 || status >= 500) return 'transient';
  return 'final';
}

interface GraphErrorBody {
  readonly error?: { readonly code?: string; readonly message?: string };
}

function failure(
  status: number | undefined,
  rawCode: string,
  rawMessage: string,
  retryAfterMs: number | undefined,
  redact: Redact,
): GraphFailure {
  const code = redact(rawCode);
  const message = redact(rawMessage);
  const hint = hintFor(status, code, message);
  return {
    class: classify(status, code),
    code,
    message,
    ...(hint ? { hint } : {}),
    ...(status !== undefined && status > 0 ? { status } : {}),
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
  };
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);

/**
 * A failed `$batch` item: `{status, headers, body: {error: {code, message}}}` (json-batching.md).
 * An empty `code` or `message` counts as none: "" tells the admin nothing.
 */
export function failureFromBatchItem(
  status: number,
  headers: Readonly<Record<string, string>> | undefined,
  body: unknown,
  redact: Redact = redactTokenShapes,
): GraphFailure {
  const error = body !== null && typeof body === 'object' ? (body as GraphErrorBody).error : undefined;
  return failure(
    status,
    text(error?.code) ?? `HTTP${status}`,
    text(error?.message) ?? `Graph answered ${status}.`,
    parseRetryAfter(headerOf(headers, 'Retry-After')),
    redact,
  );
}

/** What graph-client threw: a GraphError (statusCode, code, message, headers), or our ConnectionDropped. */
export function failureFromThrown(thrown: unknown, redact: Redact = redactTokenShapes): GraphFailure {
  const e = thrown as {
    statusCode?: number;
    code?: string;
    message?: string;
    name?: string;
    headers?: Headers;
    body?: unknown;
  };
  const code = e?.code || e?.name || 'Error';
  // No token is an authentication failure (sign in again), not a network fault to retry.
  const status =
    code === 'TokenUnavailable'
      ? 401
      : typeof e?.statusCode === 'number' && e.statusCode > 0
        ? e.statusCode
        : undefined;
  const message = e?.message || (typeof e?.body === 'string' ? e.body : '') || String(thrown);
  const retryAfter =
    e?.headers && typeof e.headers.get === 'function' ? parseRetryAfter(e.headers.get('Retry-After')) : undefined;
  return failure(status, code, message, retryAfter, redact);
}

/** A 403 told in terms of what this token lacks (a permission, an active role), when it can be known. */
export function explainForbidden(
  f: GraphFailure,
  need: 'read' | 'write',
  access: AccessClaims | undefined,
  t: Translate = english,
): GraphFailure {
  return f.status === 403 ? { ...f, hint: forbiddenHint(need, access, t) } : f;
}

/** A failure reduced to the value the results carry. */
export function toUserError(f: GraphFailure): UserError {
  return {
    code: f.code,
    message: f.message,
    ...(f.hint ? { hint: f.hint } : {}),
    ...(f.status ? { status: f.status } : {}),
  };
}
