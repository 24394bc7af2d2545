import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Tiny endpoints on 127.0.0.1 that answer the hostile ways Graph, a proxy or a captive portal can:
 * faults the emulator does not produce. Each test states its own `handle`; nothing is faked inside
 * the client, which talks HTTP to these as it would to Graph.
 */
export interface Hostile {
  readonly origin: string;
  readonly baseUrl: string;
  /** Every request seen, as `METHOD path`. */
  readonly seen: string[];
  close(): Promise<void>;
}

export interface Received {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

/** A `$batch` that carries assignLicense items: what the proxies of these tests pick out. */
export const isAssignBatch = (req: Received) => req.url.endsWith('/$batch') && req.body.includes('/assignLicense');

export const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => resolve(body));
  });

export async function startHostile(
  handle: (req: Received, res: ServerResponse, origin: string) => void | Promise<void>,
): Promise<Hostile> {
  const seen: string[] = [];
  let origin = '';
  const server = createServer(async (req, res) => {
    const body = await readBody(req);
    seen.push(`${req.method} ${req.url}`);
    await handle({ method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body }, res, origin);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    baseUrl: `${origin}/v1.0`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json; odata.metadata=minimal', ...headers });
  res.end(JSON.stringify(body));
}

/**
 * Forwards to `targetOrigin` (the emulator) and lets `rewrite` change the answer Graph gave:
 * `undefined` passes it through; a string or object replaces the body; `'hang'` never answers.
 */
export async function startRewritingProxy(
  targetOrigin: string,
  rewrite: (
    req: Received,
    status: number,
    body: string,
  ) => undefined | 'hang' | { status?: number; body: string; contentType?: string },
  options: { forward?: (req: Received) => boolean } = {},
): Promise<Hostile> {
  return startHostile(async (req, res) => {
    let status = 0;
    let text = '';
    if (options.forward?.(req) ?? true) {
      const headers: Record<string, string> = {};
      for (const name of ['authorization', 'content-type', 'consistencylevel'])
        if (req.headers[name]) headers[name] = String(req.headers[name]);
      const upstream = await fetch(`${targetOrigin}${req.url}`, {
        method: req.method,
        headers,
        ...(req.body ? { body: req.body } : {}),
      });
      status = upstream.status;
      text = await upstream.text();
    }
    const out = rewrite(req, status, text);
    if (out === 'hang') return;
    res.writeHead(out?.status ?? (status || 200), { 'content-type': out?.contentType ?? 'application/json' });
    res.end(out ? out.body : text);
  });
}
