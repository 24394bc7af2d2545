import { type GraphRequest, type GraphResponse } from '../directory/exchange';

/**
 * Graph's error envelope (graph-docs concepts/errors.md):
 * `{"error":{"code","message","innerError":{"date","request-id","client-request-id"}}}`.
 * Callers are told not to branch on `message`, yet nearly every licensing failure is
 * 400 Request_BadRequest and only the message tells them apart, so the texts below are verbatim
 * where a real capture exists, each with its source below.
 */
export function graphError(
  req: Pick<GraphRequest, 'requestId' | 'clientRequestId'>,
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
  innerExtra: Record<string, string> = {},
): GraphResponse {
  return {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
    body: {
      error: {
        code,
        message,
        innerError: {
          ...innerExtra,
          date: graphDate(),
          'request-id': req.requestId,
          'client-request-id': req.clientRequestId,
        },
      },
    },
  };
}

/** innerError.date is second-precision UTC without a zone suffix, e.g. "2025-02-13T10:17:06". */
function graphDate(d = new Date()): string {
  return d.toISOString().slice(0, 19);
}

/** A failed check, as a value; turned into a response by `graphError`. */
export class Failure {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly message: string,
  ) {}
}

export const fail = (status: number, code: string, message: string): Failure => new Failure(status, code, message);
export const isFailure = (v: unknown): v is Failure => v instanceof Failure;

export const Messages = {
  /** [OBS] pnp CLI tests and many captures: 404 Request_ResourceNotFound. */
  resourceNotFound: (x: string) =>
    `Resource '${x}' does not exist or one of its queried reference-property objects are not present.`,
  /** [OBS] "Access token is empty." when no bearer token is sent. */
  tokenEmpty: 'Access token is empty.',
  /** [OBS] what Graph says for a token it cannot parse. */
  tokenInvalid: 'CompactToken parsing failed with error code: 80049217',
  /** [DOC] graph-docs concepts/throttling.md sample 429 body. */
  throttled: 'Please retry again later.',
  /** [DOC] graph-docs concepts/json-batching.md example (405 item). */
  methodNotAllowed: 'Specified HTTP method is not allowed for the request target.',
  /** [OBS] Graph's answer for an unknown path segment. */
  unknownSegment: (s: string) => `Resource not found for the segment '${s}'.`,
  /** [INF] a key segment `users(...)` that is not one quoted string with doubled apostrophes. */
  invalidKey: (s: string) =>
    `Bad Request - Error in query syntax: the key in segment '${s}' is not a valid string literal.`,
  /** [OBS] Graph's answer for a body that is not JSON. */
  invalidJson:
    'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.',
  /** [OBS] OData's text for a property that does not exist (used for $select). */
  unknownProperty: (p: string, type: string) => `Could not find a property named '${p}' on type '${type}'.`,
  /** [OBS] page size outside 1..999 for directory objects. */
  invalidPageSize: (t: string) => `Invalid page size specified: '${t}'. Must be between 1 and 999 inclusive.`,
  /** [DOC] graph-docs concepts/json-batching.md example (403 item, Authorization_RequestDenied). */
  insufficientPrivileges: 'Insufficient privileges to complete the operation.',
  /** [OBS] /me with an app-only token. */
  meAppOnly: '/me request is only valid with delegated authentication flow.',
  /**
   * [OBS] pattern "Invalid value specified for property '{prop}' of resource 'User'.", Graph's answer for other User
   * properties.
   */
  invalidUserProperty: (p: string) => `Invalid value specified for property '${p}' of resource 'User'.`,
} as const;
