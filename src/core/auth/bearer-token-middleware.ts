import type { Context, Middleware } from '@microsoft/microsoft-graph-client';
import { TokenUnavailableError, type AccessTokenProvider } from './access-token';
import { refusedGraphUrl, RefusedEndpointError } from './endpoint-policy';

/**
 * Sets `Authorization: Bearer` on every request. graph-client's own AuthenticationHandler only does
 * so for https:// Graph hosts (or `customHosts`) and deletes the header otherwise (its AuthenticationHandler checks the
 * host first),
 * so an http://127.0.0.1 emulator would never see a token. In its place, every request's URL is
 * checked against the endpoint policy (https, or http to loopback) before the token is attached:
 * an `@odata.nextLink` or a front end cannot send it anywhere else. `onToken` sees each token
 * sent, so that the connection can redact an answer echoing it and explain a 403.
 */
export class BearerTokenMiddleware implements Middleware {
  private next?: Middleware;

  constructor(
    private readonly getAccessToken: AccessTokenProvider,
    private readonly onToken?: (token: string) => void,
  ) {}

  async execute(context: Context): Promise<void> {
    const url = typeof context.request === 'string' ? context.request : context.request.url;
    const refused = refusedGraphUrl(url, 'The request URL');
    if (refused) throw new RefusedEndpointError(refused);
    let token: string;
    try {
      token = await this.getAccessToken();
    } catch (e) {
      throw new TokenUnavailableError(e);
    }
    this.onToken?.(token);
    setRequestHeader(context, 'Authorization', `Bearer ${token}`);
    await this.next!.execute(context);
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}

/** graph-client builds `options.headers` as a plain object; a `Headers` instance is handled too. */
export function setRequestHeader(context: Context, name: string, value: string): void {
  context.options = context.options ?? {};
  const headers = context.options.headers as Record<string, string> | Headers | undefined;
  if (headers instanceof Headers) headers.set(name, value);
  else context.options.headers = { ...(headers ?? {}), [name]: value };
}
