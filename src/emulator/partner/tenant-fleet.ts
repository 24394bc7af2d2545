import { type EmulatorContext } from '../http/context';
import { fail, Messages, type Failure } from '../http/errors';
import { type TokenGrant } from '../identity/token-grant';
import { type TenantFixture } from '../directory/tenant';
import { type AppConsentFixture } from './gdap-fixture';
import { gdapRoles } from './relationships';
import { graphNow, relationshipsOf } from './relationships-api';
import { attachTenantLookup, type TenantInformation } from './tenant-information-api';

/**
 * Several tenants behind one emulator. Each tenant has its own context (directory, licensing, Teams state,
 * replication, and its own application+tenant and tenant throttle quotas); the clock, the statistics, the faults,
 * the token registry and the application-wide quotas are shared. A request is served from the tenant its token
 * names (`tid`, token-grant.ts); the default token names the home tenant.
 */
export class TenantFleet {
  private readonly contexts = new Map<string, EmulatorContext>();
  private readonly fixtures = new Map<string, TenantFixture>();
  private readonly domains = new Map<string, string>();

  constructor(readonly home: EmulatorContext) {}

  add(ctx: EmulatorContext, fixture: TenantFixture): void {
    const id = ctx.tenant.tenantId;
    if (this.contexts.has(id)) throw new Error(`Two emulated tenants have the id ${id}`);
    this.contexts.set(id, ctx);
    this.fixtures.set(id, fixture);
    for (const domain of domainsOf(fixture)) {
      if (!this.domains.has(domain)) this.domains.set(domain, id);
    }
    // Any tenant looks up every tenant behind the server by domain (findTenantInformationByDomainName).
    attachTenantLookup(ctx.tenant, (domain) => this.information(domain));
  }

  /** A tenant by one of its verified domains (not its id), as findTenantInformationByDomainName answers it. */
  information(domain: string): TenantInformation | undefined {
    const id = this.domains.get(domain.trim().toLowerCase());
    const fixture = id === undefined ? undefined : this.fixtures.get(id);
    const ctx = id === undefined ? undefined : this.contexts.get(id);
    if (!fixture || !ctx) return undefined;
    return {
      tenantId: id!,
      displayName: ctx.tenant.accountName,
      defaultDomainName: domainsOf(fixture)[0] ?? domain,
      federationBrandName: null,
    };
  }

  /** Tenant id for an id or a verified domain (any case); undefined when the emulator holds no such tenant. */
  resolve(idOrDomain: string): string | undefined {
    const key = idOrDomain.trim().toLowerCase();
    return this.contexts.has(key) ? key : this.domains.get(key);
  }

  context(tenantId: string): EmulatorContext | undefined {
    return this.contexts.get(tenantId.toLowerCase());
  }

  get tenantIds(): string[] {
    return [...this.contexts.keys()];
  }

  /**
   * The consent of the emulator's app (`appId` undefined) or of another app in a tenant: the home tenant consents
   * to every app; another tenant to those its fixture lists (gdap-fixture.ts AppConsentFixture).
   */
  consent(tenantId: string, appId: string | undefined): AppConsentFixture | undefined {
    const ctx = this.context(tenantId);
    if (!ctx) return undefined;
    const wanted = (appId ?? this.home.tenant.appId).toLowerCase();
    if (ctx === this.home) return { appId: wanted };
    return this.fixtures.get(ctx.tenant.tenantId)?.consentedApps?.find((c) => c.appId.toLowerCase() === wanted);
  }

  /**
   * Which tenant serves a request with this grant, and the grant as that tenant sees it. A partner admin's delegated
   * token in a customer tenant (homeTenantId ≠ tenantId) carries the roles of the partner's active GDAP
   * relationships with the customer; with none active, every call is refused 403 Authorization_RequestDenied
   * ([INF]: Graph's answer to a caller without rights in the tenant, json-batching.md 403 item).
   */
  route(grant: TokenGrant): { ctx: EmulatorContext; grant: TokenGrant } | Failure {
    const ctx = grant.tenantId ? this.context(grant.tenantId) : this.home;
    if (!ctx) return fail(401, 'InvalidAuthenticationToken', Messages.tokenInvalid);
    if (grant.kind !== 'delegated' || !grant.homeTenantId || grant.homeTenantId === ctx.tenant.tenantId)
      return { ctx, grant };
    const partner = this.context(grant.homeTenantId);
    const roles = partner && gdapRoles(relationshipsOf(partner.tenant), ctx.tenant.tenantId, graphNow(ctx));
    if (!roles) return fail(403, 'Authorization_RequestDenied', Messages.insufficientPrivileges);
    return { ctx, grant: { ...grant, directoryRoles: roles } };
  }
}

/** The fixture's verified domains, else the domains of its users' UPNs. */
function domainsOf(fixture: TenantFixture): string[] {
  if (fixture.domains) return fixture.domains.map((d) => d.toLowerCase());
  // Without splitting each UPN: the emulator starts with every user of the fixture (thousands, hundreds of times).
  const domains = new Set<string>();
  for (const { userPrincipalName: upn } of fixture.users) {
    const at = upn.indexOf('@');
    if (at < 0) continue;
    const next = upn.indexOf('@', at + 1);
    const domain = upn.slice(at + 1, next < 0 ? undefined : next);
    if (domain !== '') domains.add(domain.toLowerCase());
  }
  return [...domains];
}
