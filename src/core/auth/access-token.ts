/**
 * Where bearer tokens come from. The CLI plugs in a fixed token or MSAL app-only sign-in; the
 * VS Code side can plug in MSAL with SecretStorage or VS Code's own `microsoft` provider.
 * Called before every HTTP request: providers are expected to cache (MSAL does).
 */
export type AccessTokenProvider = () => Promise<string>;

/** The provider failed: signing in again is the fix, retrying the request is not. */
export class TokenUnavailableError extends Error {
  override readonly name = 'TokenUnavailable';
  constructor(readonly reason: unknown) {
    super(`Could not get an access token: ${(reason as Error)?.message ?? String(reason)}`);
  }
}
