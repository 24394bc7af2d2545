import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo } from 'node:net';
import { handleBatch } from './batch';
import { type EmulatorContext } from './context';
import { graphError, isFailure, Messages, type Failure } from './errors';
import { type TokenGrant } from '../identity/token-grant';
import { type GraphRequest, type GraphResponse } from '../directory/exchange';
import { dispatch, serverError } from './pipeline';
import { Prng } from '../prng';
import { handleTokenRequest, type TokenEndpointOptions } from '../identity/token-endpoint';

/**
 * The HTTP front: 127.0.0.1 only, `/v1.0/...` (and `/beta/...` as an alias), bearer token on every
 * Graph request, fault injection for plain requests and $batch envelopes, Graph's response headers.
 */
export interface ServerOptions {
  readonly token: string;
  readonly port: number;
  readonly seed: number;
  readonly tokenEndpoint: TokenEndpointOptions;
  /** The tenant that serves a token's requests, and its grant there (partner/tenant-fleet.ts); default: `ctx`. */
  readonly route?: (grant: TokenGrant) => { ctx: EmulatorContext; grant: TokenGrant } | Failure;
}

export async function startServer(
  ctx: EmulatorContext,
  options: ServerOptions,
): Promise<{ server: Server; origin: string }> {
  const shuffler = new Prng(options.seed ^ 0x5bd1e995);
  const server = createServer((req, res) => {
    readBody(req)
      .then((raw) => handle(ctx, options, shuffler, req, res, raw))
      .catch((err: unknown) => {
        if (!res.headersSent && !res.destroyed) {
          res.writeHead(500, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify({ error: { code: 'InternalServerError', message: String(err) } }));
        }
      });
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return { server, origin: `http://127.0.0.1:${port}` };
}

async function handle(
  home: EmulatorContext,
  options: ServerOptions,
  shuffler: Prng,
  req: IncomingMessage,
  res: ServerResponse,
  raw: string,
): Promise<void> {
  let ctx = home;
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const method = (req.method ?? 'GET').toUpperCase();

  const tokenPath = /^\/([^/]+)\/oauth2\/v2\.0\/token$/i.exec(url.pathname);
  if (tokenPath) {
    ctx.stats.tokenRequests++;
    let tenant = tokenPath[1];
    try {
      tenant = decodeURIComponent(tenant);
    } catch {
      // a broken %-escape names no tenant: the token endpoint says so (AADSTS90002) or serves the home tenant
    }
    const r = handleTokenRequest(options.tokenEndpoint, method, raw, options.token, tenant);
    return send(res, r.status, { 'Content-Type': 'application/json; charset=utf-8' }, r.body);
  }

  const version = /^\/(v1\.0|beta)(\/.*)?$/i.exec(url.pathname);
  const requestId = randomUUID();
  const clientRequestId = header(req, 'client-request-id') ?? requestId;
  const ids = { requestId, clientRequestId };
  // Graph echoes client-request-id and adds its own request-id (graph-docs concepts/errors.md, innerError).
  const common = {
    'request-id': requestId,
    'client-request-id': clientRequestId,
    'x-ms-ags-diagnostic': JSON.stringify({
      ServerInfo: { DataCenter: 'Loopback', Slice: 'E', Ring: '0', ScaleUnit: '000', RoleInstance: 'EMULATOR' },
    }),
    'Cache-Control': 'no-cache',
  };
  const reply = (r: GraphResponse) => send(res, r.status, { ...common, ...r.headers }, r.body);
  if (!version) {
    return reply(
      graphError(ids, 404, 'BadRequest', `Invalid version: ${url.pathname.split('/')[1] ?? ''}. Use /v1.0.`),
    );
  }
  ctx.stats.requests++;

  // Bearer token required on every Graph request ([OBS] 401 InvalidAuthenticationToken "Access token is
  // empty."). Note: graph-client 3.x only attaches tokens to https:// Graph hosts (msgraph-sdk-javascript
  // src/middleware/AuthenticationHandler.ts).
  const auth = header(req, 'authorization');
  if (!auth) return reply(graphError(ids, 401, 'InvalidAuthenticationToken', Messages.tokenEmpty, wwwAuthenticate()));
  const presented = ctx.tokens.lookup(auth);
  if (!presented)
    return reply(graphError(ids, 401, 'InvalidAuthenticationToken', Messages.tokenInvalid, wwwAuthenticate()));
  // The token's tenant serves the request (several tenants behind one emulator, partner/tenant-fleet.ts).
  const routed = options.route ? options.route(presented) : { ctx: home, grant: presented };
  if (isFailure(routed)) {
    home.stats.denied++;
    return reply(graphError(ids, routed.status, routed.code, routed.message));
  }
  const { grant } = routed;
  ctx = routed.ctx;

  const fault = ctx.faults.forRequest();
  if (fault?.kind === 'drop') {
    ctx.stats.dropped++;
    req.socket.destroy();
    return;
  }

  let body: unknown;
  let bodyInvalid = false;
  if (raw.trim() !== '') {
    try {
      body = JSON.parse(raw);
    } catch {
      bodyInvalid = true;
    }
  }
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k.toLowerCase()] = v;
  const path = version[2] ?? '/';
  const graphReq: GraphRequest = {
    method,
    path,
    query: url.searchParams,
    headers,
    body,
    bodyInvalid,
    inBatch: false,
    grant,
    ...ids,
  };

  if (fault?.kind === 'server-error') {
    await ctx.clock.sleep(ctx.latencyMs);
    return reply(serverError(ctx, ids, fault.status));
  }
  let response: GraphResponse;
  const isBatch = path.toLowerCase() === '/$batch';
  if (isBatch) {
    if (method !== 'POST') return reply(graphError(ids, 405, 'Request_BadRequest', Messages.methodNotAllowed));
    ctx.stats.batches++;
    response = await handleBatch(ctx, graphReq, shuffler);
  } else {
    response = await dispatch(ctx, graphReq);
  }
  ctx.requestLog?.({
    method,
    url: `${path}${url.search}`,
    body,
    status: response.status,
    answer: response.body,
    inBatch: false,
  });
  // The tenant has been changed; now the answer may be lost on the way back (faults.ts, dropAfterApply).
  const isWrite = isBatch ? batchHasWrite(body) : method !== 'GET';
  if (
    ctx.faults.dropAfterApply({
      method,
      path,
      query: url.searchParams,
      body,
      isWrite,
      status: response.status,
      responseBody: response.body,
    })
  ) {
    ctx.stats.dropped++;
    ctx.stats.droppedAfterApply++;
    req.socket.destroy();
    return;
  }
  return reply(response);
}

function batchHasWrite(envelope: unknown): boolean {
  const requests = (envelope as { requests?: unknown } | null | undefined)?.requests;
  return (
    Array.isArray(requests) &&
    requests.some(
      (r) =>
        typeof (r as { method?: unknown } | null)?.method === 'string' &&
        (r as { method: string }).method.toUpperCase() !== 'GET',
    )
  );
}

/** What Graph sends with a 401 ([OBS] Graph responses; realm empty for app-only). */
function wwwAuthenticate(): Record<string, string> {
  return {
    'WWW-Authenticate':
      'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"',
  };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function send(res: ServerResponse, status: number, headers: Record<string, string>, body: unknown): void {
  if (res.destroyed) return;
  const text = body === undefined ? undefined : JSON.stringify(body);
  res.writeHead(
    status,
    text === undefined ? headers : { ...headers, 'Content-Length': String(Buffer.byteLength(text)) },
  );
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
