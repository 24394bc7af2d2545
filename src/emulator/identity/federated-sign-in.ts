import { directoryAppsOf } from '../directory/directory-apps';
import { type TokenRegistry } from './permissions';
import { type EmulatorTenant } from '../directory/tenant';

/**
 * Workload identity federation as Entra judges it (entra-docs workload-identity-federation.md, "How
 * it works"): the assertion's issuer, subject and audience must match one federated identity
 * credential of the application named by client_id; then an app-only token is issued carrying the
 * application permissions granted to that app's service principal (its `roles`). The emulator reads
 * the assertion's claims without checking its signature (Entra checks it against the issuer's keys).
 * Error codes and texts: the AADSTS700211/700212/700213 and 700016 messages Entra returns.
 */
export function judgeAssertion(
  tenant: EmulatorTenant,
  tokens: TokenRegistry,
  clientId: string,
  assertion: string,
): { token: string } | { code: string; description: string } {
  const apps = directoryAppsOf(tenant);
  const app = apps.applications.find((a) => a.appId === clientId);
  if (!app)
    return {
      code: 'unauthorized_client',
      description: `AADSTS700016: Application with identifier '${clientId}' was not found in the directory.`,
    };
  const claims = readClaims(assertion);
  if (!claims) return { code: 'invalid_client', description: 'AADSTS50027: JWT token is invalid or malformed.' };
  const credentials = apps.federatedCredentials.get(app.id) ?? [];
  const byIssuer = credentials.filter((c) => c.issuer === claims.iss);
  if (!byIssuer.length)
    return {
      code: 'invalid_client',
      description: `AADSTS700211: No matching federated identity record found for presented assertion issuer '${claims.iss}'.`,
    };
  const bySubject = byIssuer.filter((c) => c.subject === claims.sub);
  if (!bySubject.length)
    return {
      code: 'invalid_client',
      description: `AADSTS700213: No matching federated identity record found for presented assertion subject '${claims.sub}'.`,
    };
  if (!bySubject.some((c) => claims.aud.some((a) => c.audiences.includes(a))))
    return {
      code: 'invalid_client',
      description: `AADSTS700212: No matching federated identity record found for presented assertion audience '${claims.aud.join(' ')}'.`,
    };
  return { token: tokens.mint({ roles: apps.grantedRoles(clientId) }) };
}

function readClaims(jwt: string): { iss: string; sub: string; aud: string[] } | undefined {
  try {
    const payload = JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
      iss?: unknown;
      sub?: unknown;
      aud?: unknown;
    };
    const aud =
      typeof payload.aud === 'string'
        ? [payload.aud]
        : Array.isArray(payload.aud)
          ? payload.aud.filter((a): a is string => typeof a === 'string')
          : [];
    return typeof payload.iss === 'string' && typeof payload.sub === 'string'
      ? { iss: payload.iss, sub: payload.sub, aud }
      : undefined;
  } catch {
    return undefined;
  }
}
