import type { Context, Middleware } from '@microsoft/microsoft-graph-client';
import { TokenUnavailableError, type AccessTokenProvider } from './access-token';

/**
 * Sets `Authorization: Bearer` on every request. graph-client's own AuthenticationHandler only does
 * so for https:// Graph hosts (or `customHosts`) and deletes the header otherwise (graph-notes §4.5),
 * so an http://127.0.0.1 emulator or a plain-http proxy would never see a token.
 */
export class BearerTokenMiddleware implements Middleware {
  private next?: Middleware;

  constructor(private readonly getAccessToken: AccessTokenProvider) {}

  async execute(context: Context): Promise<void> {
    let token: string;
    try {
      token = await this.getAccessToken();
    } catch (e) {
      throw new TokenUnavailableError(e);
    }
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
