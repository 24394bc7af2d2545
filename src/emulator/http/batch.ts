import { randomUUID } from 'node:crypto';
import { type EmulatorContext } from './context';
import { fail, graphError, isFailure, type Failure } from './errors';
import { jsonResponse, ODATA_JSON, type GraphRequest, type GraphResponse } from '../directory/exchange';
import { dispatch } from './pipeline';
import { Prng } from '../prng';

/**
 * POST /$batch (graph-docs concepts/json-batching.md, learn.microsoft.com/graph/json-batching).
 * - "JSON batch requests are currently limited to 20 individual requests."
 * - `id` required, unique, "Not case-sensitive"; a duplicate fails the whole batch with 400.
 * - `url` is relative to the version ("/users/…", never "/v1.0/users/…"); `headers` with Content-Type are
 *   required with a body.
 * - `dependsOn`: "If an individual request fails, any request that depends on that request fails with
 *   status code 424 (Failed Dependency)."
 * - Items without dependencies run in parallel; "Individual responses might appear in a different order
 *   than the requests" (here: a seeded shuffle).
 * - The envelope is 200 when the batch parses; "A 200 status code on the batch response headers doesn't
 *   indicate that the individual requests inside the batch succeeded." Every item is throttled on its
 *   own (429 with its own Retry-After in the item headers).
 * Validation texts are [INF]: Microsoft does not document them.
 */

const MAX_BATCH_REQUESTS = 20;

interface BatchItem {
  readonly id: string;
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: unknown;
  readonly dependsOn: readonly string[];
}

interface BatchItemResponse {
  id: string;
  status: number;
  headers: Record<string, string>;
  body?: unknown;
}

const METHODS = new Set(['GET', 'POST', 'PATCH', 'PUT', 'DELETE']);
const WRITE_METHODS = new Set(['POST', 'PATCH', 'PUT']);

function parseBatch(body: unknown): BatchItem[] | Failure {
  const bad = (message: string) => fail(400, 'BadRequest', message);
  const requests = (body as { requests?: unknown } | null)?.requests;
  if (!Array.isArray(requests)) return bad('Invalid batch payload format: a "requests" array is required.');
  if (requests.length === 0) return bad('Invalid batch payload format: the "requests" array is empty.');
  // [OBS] microsoftgraph-postman-collections#9 for the text.
  if (requests.length > MAX_BATCH_REQUESTS)
    return bad(`Number of requests inside batch exceeds the limit. The limit is ${MAX_BATCH_REQUESTS}.`);
  const items: BatchItem[] = [];
  const seen = new Set<string>();
  for (const raw of requests as unknown[]) {
    const r = (raw ?? {}) as Record<string, unknown>;
    if (typeof r.id !== 'string' || r.id === '')
      return bad('Invalid batch payload format: every request needs a string "id".');
    if (seen.has(r.id.toLowerCase()))
      return bad(`Batch request contains duplicate request id '${r.id}'. Ids are not case-sensitive.`);
    seen.add(r.id.toLowerCase());
    if (typeof r.method !== 'string' || !METHODS.has(r.method.toUpperCase()))
      return bad(`Invalid method in request '${r.id}'.`);
    if (typeof r.url !== 'string' || r.url === '') return bad(`Request '${r.id}' has no url.`);
    if (/^[a-z][a-z0-9+.-]*:/i.test(r.url) || r.url.startsWith('//'))
      return bad(
        `Invalid request URL '${r.url}' in request '${r.id}': batch request URLs must be relative, e.g. "/users".`,
      );
    const headers: Record<string, string> = {};
    if (r.headers !== undefined) {
      if (r.headers === null || typeof r.headers !== 'object') return bad(`Invalid headers in request '${r.id}'.`);
      for (const [k, v] of Object.entries(r.headers as Record<string, unknown>)) headers[k.toLowerCase()] = String(v);
    }
    // A write item needs both a body (even `{}`) and its Content-Type, else the whole batch is refused:
    // json-batching.md ("headers" with Content-Type are "Required when a body is present"); Graph's text
    // [OBS] microsoftgraph/msgraph-sdk-dotnet#2628 (a bodyless `send` action in a batch).
    const method = r.method.toUpperCase();
    const hasBody = r.body !== undefined && r.body !== null;
    if (WRITE_METHODS.has(method) && (!hasBody || !headers['content-type']))
      return bad(`Write request id : ${r.id} does not contain Content-Type header or body.`);
    if (hasBody && !headers['content-type']) return bad(`Request '${r.id}' has a body but no Content-Type header.`); // [INF] text
    const dependsOn = r.dependsOn ?? [];
    if (!Array.isArray(dependsOn) || !dependsOn.every((d) => typeof d === 'string'))
      return bad(`Invalid dependsOn in request '${r.id}'.`);
    items.push({ id: r.id, method, url: r.url, headers, body: r.body ?? undefined, dependsOn });
  }
  const ids = new Set(items.map((i) => i.id.toLowerCase()));
  for (const item of items) {
    const unknown = item.dependsOn.find((d) => !ids.has(d.toLowerCase()));
    if (unknown !== undefined) return bad(`Request '${item.id}' depends on '${unknown}', which is not in the batch.`);
  }
  if (hasCycle(items)) return bad('The dependsOn references of the batch form a cycle.');
  return items;
}

function hasCycle(items: readonly BatchItem[]): boolean {
  const byId = new Map(items.map((i) => [i.id.toLowerCase(), i]));
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (id: string): boolean => {
    if (state.get(id) === 'done') return false;
    if (state.get(id) === 'visiting') return true;
    state.set(id, 'visiting');
    const cyclic = (byId.get(id)?.dependsOn ?? []).some((d) => visit(d.toLowerCase()));
    state.set(id, 'done');
    return cyclic;
  };
  return items.some((i) => visit(i.id.toLowerCase()));
}

export async function handleBatch(
  ctx: EmulatorContext,
  envelope: GraphRequest,
  shuffler: Prng,
): Promise<GraphResponse> {
  if (envelope.bodyInvalid)
    return graphError(envelope, 400, 'BadRequest', 'Invalid batch payload format: the body is not JSON.');
  const items = parseBatch(envelope.body);
  if (isFailure(items)) return graphError(envelope, items.status, items.code, items.message);
  ctx.stats.batchItems += items.length;

  const running = new Map<string, Promise<BatchItemResponse>>();
  const run = async (item: BatchItem): Promise<BatchItemResponse> => {
    const deps = await Promise.all(item.dependsOn.map((d) => running.get(d.toLowerCase())!));
    const failed = deps.find((d) => d.status >= 400);
    const requestId = randomUUID();
    const ids = { requestId, clientRequestId: item.headers['client-request-id'] ?? requestId };
    if (failed) {
      const r = graphError(
        ids,
        424,
        'FailedDependency',
        `The request depends on request '${failed.id}', which failed with status ${failed.status}.`,
      );
      return { id: item.id, status: r.status, headers: r.headers, body: r.body };
    }
    const response = await dispatch(ctx, toRequest(item, ids, envelope.grant));
    const out: BatchItemResponse = { id: item.id, status: response.status, headers: itemHeaders(response) };
    if (response.body !== undefined) out.body = response.body;
    ctx.requestLog?.({
      method: item.method,
      url: item.url,
      body: item.body,
      status: response.status,
      answer: response.body,
      inBatch: true,
    });
    return out;
  };
  // Start in dependency order; Promise chaining lets independent items overlap (latency included).
  const pending = [...items];
  while (pending.length) {
    const ready = pending.findIndex((i) => i.dependsOn.every((d) => running.has(d.toLowerCase())));
    const [item] = pending.splice(ready, 1);
    running.set(item.id.toLowerCase(), run(item));
  }
  const responses = await Promise.all(items.map((i) => running.get(i.id.toLowerCase())!));
  const ordered = ctx.batchResponseOrder === 'request' ? responses : shuffler.shuffle(responses);
  return jsonResponse(200, { responses: ordered }, { 'Content-Type': ODATA_JSON });
}

function toRequest(
  item: BatchItem,
  ids: { requestId: string; clientRequestId: string },
  grant: GraphRequest['grant'],
): GraphRequest {
  // "The relative resource URL for the individual request. Therefore, while the absolute URL is
  // https://graph.microsoft.com/v1.0/users, this url is /users." (json-batching.md). A leading /v1.0 is then
  // a segment Graph does not know: 400 "Resource not found for the segment 'v1.0'." ([OBS]
  // microsoftgraph/msgraph-sdk-javascript#1178), which the router answers as for any unknown segment.
  const rel = item.url.startsWith('/') ? item.url : `/${item.url}`;
  const q = rel.indexOf('?');
  const path = q < 0 ? rel : rel.slice(0, q);
  const query = new URLSearchParams(q < 0 ? '' : rel.slice(q + 1));
  let body = item.body;
  let bodyInvalid = false;
  if (typeof body === 'string') {
    // "body: JSON object or base64 URL-encoded value" (json-batching.md).
    try {
      body = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    } catch {
      bodyInvalid = true;
    }
  }
  return { method: item.method, path, query, headers: item.headers, body, bodyInvalid, inBatch: true, grant, ...ids };
}

/** Item headers as in the doc's example response: Content-Type, Cache-Control, x-ms-resource-unit, and
 *  on a 429 Retry-After and the x-ms-throttle-* pair. */
function itemHeaders(response: GraphResponse): Record<string, string> {
  return { 'Cache-Control': 'no-cache', ...response.headers };
}
