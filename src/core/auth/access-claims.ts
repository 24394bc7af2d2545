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

const lowerSet = (values: readonly unknown[]) =>
  new Set(values.filter((v): v is string => typeof v === 'string').map((v) => v.toLowerCase()));

/** A JWT's claims, read without verifying them (Graph does that); undefined for an opaque token. */
function claimsOf(token: string | undefined): Record<string, unknown> | undefined {
  const payload = token?.split('.')[1];
  if (!payload) return undefined;
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    return claims !== null && typeof claims === 'object' ? (claims as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The directory id (`tid` claim) of an access token: it names the tenant even when the token came
 * from elsewhere (LICENSES_ACCESS_TOKEN), so journals and set-up can record which tenant it was.
 */
export function tokenTenantId(token: string | undefined): string | undefined {
  const tid = claimsOf(token)?.tid;
  return typeof tid === 'string' && tid ? tid : undefined;
}

export function readAccessClaims(token: string | undefined): AccessClaims | undefined {
  const claims = claimsOf(token) as { scp?: unknown; roles?: unknown; wids?: unknown } | undefined;
  if (!claims) return undefined;
  const wids = Array.isArray(claims.wids) ? { roleTemplateIds: lowerSet(claims.wids) } : {};
  if (typeof claims.scp === 'string')
    return { kind: 'delegated', permissions: lowerSet(claims.scp.split(' ')), ...wids };
  if (Array.isArray(claims.roles)) return { kind: 'app', permissions: lowerSet(claims.roles) };
  return undefined;
}
