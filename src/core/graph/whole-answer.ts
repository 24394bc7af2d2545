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
export class TruncatedAnswerError extends Error {
  override readonly name = 'TruncatedAnswer';
}

const JSON_TYPE = /^application\/(?:[\w.+-]*\+)?json\s*(?:;|$)/i;

/** Resolves to an equivalent Response whose body is already in memory; rejects as described above. */
export async function readWholeAnswer(response: Response): Promise<Response> {
  const bytes = await response.arrayBuffer();
  const init = { status: response.status, statusText: response.statusText, headers: response.headers };
  if (response.status === 204 || response.status === 205 || bytes.byteLength === 0) return new Response(null, init);
  const type = response.headers.get('content-type') ?? '';
  if (!JSON_TYPE.test(type)) {
    throw new UnexpectedContentTypeError(
      `Graph answered ${response.status} with ${type ? `content type ${type.split(';')[0]}` : 'no content type'}, not JSON: a proxy or sign-in page may be in the way. Check the network and the Graph URL.`,
    );
  }
  try {
    JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new TruncatedAnswerError(`Graph's answer ended before its JSON did (${bytes.byteLength} bytes).`);
  }
  return new Response(bytes, init);
}
