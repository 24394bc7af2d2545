/**
 * The body of a 2xx answer, read in full while the request's timeout still runs. graph-client
 * reads bodies after the middleware chain, where a connection lost mid-body ("terminated"), a body
 * cut short (invalid JSON) or a body that never ends becomes a GraphError with status 200 that no
 * retry sees. Read here, the same faults are dropped connections and are retried as such.
 */

/** Not JSON where Graph always answers JSON: a captive portal or proxy page. Retrying will not help. */
export class UnexpectedContentTypeError extends Error {
  override readonly name = 'UnexpectedContentType';
}

/** The body arrived but is not what was sent: treated like a connection dropped mid-answer. */
class TruncatedAnswerError extends Error {
  override readonly name = 'TruncatedAnswer';
}

/**
 * The most one Graph answer may hold, decompressed: 32 MiB. A page of 999 users with their
 * licenses is a few MiB; more is not an answer Graph gives, and reading it whole would take the
 * memory of the process (in VS Code, the extension host every extension shares). Documented in
 * the README and docs/graph-notes.md.
 */
export const MAX_ANSWER_BYTES = 32 * 1024 * 1024;

/** An answer larger than MAX_ANSWER_BYTES: refused, never read whole. Retrying will not shrink it. */
export class AnswerTooLargeError extends Error {
  override readonly name = 'AnswerTooLarge';
  constructor(status: number, limit: number) {
    super(
      `Graph's answer (HTTP ${status}) is larger than ${Math.round(limit / 1024 / 1024)} MiB, more than Graph ever sends: a proxy or a wrong Graph URL may be in the way. Nothing more of it was read.`,
    );
  }
}

/**
 * A 3xx: Graph does not redirect its API calls, and following one would send the request (an
 * `assignLicense` body, a token) to wherever the answer points. Refused, naming where it pointed.
 */
export class GraphRedirectError extends Error {
  override readonly name = 'GraphRedirect';
  constructor(status: number, location: string | null) {
    super(
      `Graph's address answered HTTP ${status}, a redirect to ${location ? `"${location.slice(0, 300)}"` : 'nowhere named'}: it was not followed and nothing was sent there. Check the Graph URL and any proxy in between.`,
    );
  }
}

/**
 * The body, read chunk by chunk and stopped at `limit` bytes: a Content-Length over the limit is
 * refused before reading, and a body that grows past it (a compressed answer the runtime inflates,
 * a stream that never ends) is cancelled there.
 */
export async function readBoundedBytes(response: Response, limit: number = MAX_ANSWER_BYTES): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) {
    await response.body?.cancel().catch(() => undefined);
    throw new AnswerTooLargeError(response.status, limit);
  }
  if (!response.body) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw new AnswerTooLargeError(response.status, limit);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  return bytes;
}

/** A non-2xx answer with its body in memory (bounded), for graph-client to read its error from. */
export async function readBoundedAnswer(response: Response): Promise<Response> {
  const bytes = await readBoundedBytes(response);
  const init = { status: response.status, statusText: response.statusText, headers: response.headers };
  return new Response(bytes.byteLength === 0 ? null : bytes, init);
}

const JSON_TYPE = /^application\/(?:[\w.+-]*\+)?json\s*(?:;|$)/i;

/** Resolves to an equivalent Response whose body is already in memory; rejects as described above. */
export async function readWholeAnswer(response: Response): Promise<Response> {
  const bytes = await readBoundedBytes(response);
  const init = { status: response.status, statusText: response.statusText, headers: response.headers };
  if (response.status === 204 || response.status === 205 || bytes.byteLength === 0) return new Response(null, init);
  const type = response.headers.get('content-type') ?? '';
  if (!JSON_TYPE.test(type)) {
    throw new UnexpectedContentTypeError(
      `Graph answered ${response.status} with ${type ? `content type ${type.split(';')[0]}` : 'no content type'}, not JSON: a proxy or sign-in page may be in the way. Check the network and the Graph URL.`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new TruncatedAnswerError(`Graph's answer ended before its JSON did (${bytes.byteLength} bytes).`);
  }
  // graph-client reads the answer with json(): it gets the value parsed here, not a second parse of the same bytes
  // (a page of 999 users is a megabyte). The bytes stay the body, for anything that reads them otherwise.
  const whole = new Response(bytes, init);
  Object.defineProperty(whole, 'json', { value: () => Promise.resolve(parsed) });
  return whole;
}
