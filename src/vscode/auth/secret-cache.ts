import type * as vscode from 'vscode';

/** MSAL's ICachePlugin, persisted in VS Code's SecretStorage (OS keychain), nowhere else. */
export interface CachePlugin {
  beforeCacheAccess(ctx: { tokenCache: { deserialize(s: string): void } }): Promise<void>;
  afterCacheAccess(ctx: { cacheHasChanged: boolean; tokenCache: { serialize(): string } }): Promise<void>;
}

const TOKEN_CACHE_KEY = 'licenses.msal.tokenCache';
export const CLIENT_SECRET_KEY = 'licenses.app.clientSecret';

export function secretStorageCache(secrets: vscode.SecretStorage): CachePlugin {
  return {
    async beforeCacheAccess(ctx) {
      const stored = await secrets.get(TOKEN_CACHE_KEY);
      if (stored) ctx.tokenCache.deserialize(stored);
    },
    async afterCacheAccess(ctx) {
      if (ctx.cacheHasChanged) await secrets.store(TOKEN_CACHE_KEY, ctx.tokenCache.serialize());
    },
  };
}

/** "Sign Out": every secret this extension keeps. */
export async function clearSecrets(secrets: vscode.SecretStorage): Promise<void> {
  await Promise.all([TOKEN_CACHE_KEY, CLIENT_SECRET_KEY].map((k) => secrets.delete(k)));
}
