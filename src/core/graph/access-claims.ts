/**
 * What the access token says it allows, to name what is missing after a 403. Clients are not meant
 * to rely on Graph tokens' contents, so this only ever improves a hint: an opaque or unreadable
 * token gives `undefined` and the generic hint. Nothing is verified and nothing is logged.
 * Claims (Microsoft identity platform, access-token-claims-reference.md): `scp` (delegated scopes,
 * space-separated), `roles` (application permissions), `wids` (the user's active tenant-wide roles
 * as role template ids; a role only eligible in PIM is not there until activated).
 */
export interface AccessClaims {
  readonly kind: 'delegated' | 'app';
  readonly permissions: ReadonlySet<string>;
  /** Present only when the token lists them. */
  readonly roleTemplateIds?: ReadonlySet<string>;
}

const lowerSet = (values: readonly unknown[]) => new Set(values.filter((v): v is string => typeof v === 'string').map((v) => v.toLowerCase()));

export function readAccessClaims(token: string | undefined): AccessClaims | undefined {
  const payload = token?.split('.')[1];
  if (!payload) return undefined;
  let claims: { scp?: unknown; roles?: unknown; wids?: unknown };
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as typeof claims;
  } catch {
    return undefined;
  }
  if (claims === null || typeof claims !== 'object') return undefined;
  const wids = Array.isArray(claims.wids) ? { roleTemplateIds: lowerSet(claims.wids) } : {};
  if (typeof claims.scp === 'string') return { kind: 'delegated', permissions: lowerSet(claims.scp.split(' ')), ...wids };
  if (Array.isArray(claims.roles)) return { kind: 'app', permissions: lowerSet(claims.roles) };
  return undefined;
}
