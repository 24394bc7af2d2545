import { type EmulatorContext } from '../http/context';
import { fail, Messages, type Failure } from '../http/errors';
import { jsonResponse, type GraphRequest, type GraphResponse } from '../directory/exchange';
import { type EmulatorTenant } from '../directory/tenant';

/** A tenant as findTenantInformationByDomainName answers it (resources/tenantinformation.md). */
export interface TenantInformation {
  readonly tenantId: string;
  readonly displayName: string;
  readonly defaultDomainName: string;
  readonly federationBrandName: string | null;
}

/** What each tenant of the emulator can look up by domain: every tenant behind the server (tenant-fleet.ts). */
const LOOKUPS = new WeakMap<EmulatorTenant, (domain: string) => TenantInformation | undefined>();

export function attachTenantLookup(
  tenant: EmulatorTenant,
  lookup: (domain: string) => TenantInformation | undefined,
): void {
  LOOKUPS.set(tenant, lookup);
}

/**
 * GET /tenantRelationships/findTenantInformationByDomainName(domainName='{domainName}') (v1.0,
 * tenantrelationship-findtenantinformationbydomainname.md): "Given a domain name, search for a tenant and read its
 * tenantInformation": 200 with `tenantId`, `displayName`, `defaultDomainName`, `federationBrandName` (the page's
 * example, `federationBrandName: null`). Any tenant behind the server, by any of its verified domains, any case.
 * A domain no tenant holds: 404 `Request_ResourceNotFound` (graph-docs concepts/errors.md, "404 Not Found: The
 * requested resource doesn't exist"; [INF] the code and text, Graph's answer for a directory object not found).
 */
function findByDomainName(ctx: EmulatorContext, _req: GraphRequest, params: string[]): GraphResponse | Failure {
  const domain = params[0];
  const found = LOOKUPS.get(ctx.tenant)?.(domain);
  if (!found) return fail(404, 'Request_ResourceNotFound', Messages.resourceNotFound(domain));
  return jsonResponse(200, {
    '@odata.context': `${ctx.serviceRoot}/$metadata#microsoft.graph.tenantInformation`,
    ...found,
  });
}

export const TENANT_INFORMATION_ROUTES = [
  {
    method: 'GET',
    segments: ['tenantRelationships', 'findTenantInformationByDomainName', '{id}'],
    kind: 'read' as const,
    // [INF] not in the Identity and access cost table: a path not listed costs 1.
    resourceUnits: 1,
    handle: findByDomainName,
  },
];
