import type { TokenGrant } from '../identity/token-grant';

/** One Graph request and its answer, as seen by the route handlers: the same shape serves a plain
 *  HTTP request and one item of a JSON batch (graph-docs concepts/json-batching.md). */

export interface GraphRequest {
  readonly method: string;
  /** Path below the version segment, e.g. `/users/adele.vance@contoso.com/assignLicense`. */
  readonly path: string;
  readonly query: URLSearchParams;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  /** Parsed JSON body; `undefined` when there is none. */
  readonly body: unknown;
  /** Set when a body was sent but is not valid JSON. */
  readonly bodyInvalid?: boolean;
  readonly requestId: string;
  readonly clientRequestId: string;
  /** True inside a `$batch` (a batch cannot contain another batch). */
  readonly inBatch: boolean;
  /** What the bearer token allows (a batch item inherits its envelope's); unset = unrestricted. */
  readonly grant?: TokenGrant;
}

export interface GraphResponse {
  status: number;
  headers: Record<string, string>;
  body?: unknown;
}

/** The Content-Type Graph sends with JSON bodies (graph-docs concepts/json-batching.md example response). */
export const ODATA_JSON =
  'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): GraphResponse {
  return { status, headers: { 'Content-Type': ODATA_JSON, ...headers }, body };
}

export function noContent(): GraphResponse {
  return { status: 204, headers: {} };
}
