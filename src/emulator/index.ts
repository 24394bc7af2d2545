/**
 * The Microsoft Graph emulator: a loopback HTTP server implementing the Graph v1.0 subset used for
 * license assignment, as Microsoft documents it. Also the product's built-in demo tenant.
 * Contract: ./CONTRACT.md.
 */
import { randomBytes } from 'node:crypto';
import { Clock, type EmulatorClock } from './clock';
import { type EmulatorContext, type LoggedExchange } from './http/context';
import { demoTenant, DEMO_TENANT_ID } from './demo-tenant';
import { Faults, type FaultOptions } from './http/faults';
import { startServer } from './http/server';
import { createStats, resetStats, type EmulatorStats } from './http/stats';
import { EmulatorTenant, type TenantFixture } from './directory/tenant';
import { ApplicationQuotas, Throttle, type ThrottleOptions } from './http/throttle';
import { TenantFleet } from './partner/tenant-fleet';
import { attachRelationships } from './partner/relationships-api';
import { demoCustomerTenants } from './partner/demo-customers';
import { type TokenGrant } from './identity/token-grant';
import { TokenRegistry, type MintTokenOptions } from './identity/permissions';
import { Replica, type ReplicationLagOptions } from './directory/replication';
import { judgeAssertion } from './identity/federated-sign-in';
import { attachTeams } from './teams/teams-state';

export interface EmulatorOptions {
  /** Default: demoTenant(). */
  tenant?: TenantFixture;
  /**
   * Further tenants behind the same server (customers of a partner, say): a token's tenant (`tid`) picks the one
   * its requests read and change. Default: the demo tenant's three customers when `tenant` is the demo tenant, else
   * none. See docs/tenants.md.
   */
  tenants?: readonly TenantFixture[];
  /** Bearer token to accept, with every permission; default: a random one, exposed as RunningEmulator.token.
   *  Restricted tokens come from RunningEmulator.mintToken. */
  token?: string;
  /**
   * Further bearer tokens of the caller's choosing, delegated, with only these scopes (and directory roles): as
   * RunningEmulator.mintToken, for a test whose account provider hands out a token it names itself.
   */
  delegatedTokens?: readonly {
    readonly token: string;
    readonly scopes: readonly string[];
    readonly directoryRoles?: readonly string[];
  }[];
  /** Default 0 (random); always binds 127.0.0.1. */
  port?: number;
  /** Per request (and per $batch item, in parallel); default 100. In Graph time (divided by clockScale). */
  latencyMs?: number;
  /** 1 = real time; 10 = latency, Retry-After and throttle windows all 10x shorter. Default 1. */
  clockScale?: number;
  /** Default Graph's 3,000 writes / 150 s per app+tenant and 18,000 / 5 min per tenant, per tenant; 35,000 writes /
   *  5 min and 150,000 resource units / 20 s for the app across all tenants. */
  throttle?: false | ThrottleOptions;
  /** 5xx and dropped connections, 0..1, from a seeded PRNG; answers lost after a write was applied. */
  faults?: FaultOptions;
  // --- extensions to the contract ---
  /** UPN or id that `/me` resolves to; unset = app-only, where /me is refused as in Graph. */
  signedInUser?: string;
  /** Order of $batch responses: 'shuffled' (default, deterministic) or 'request'. */
  batchResponseOrder?: 'shuffled' | 'request';
  /** Checks for the token endpoint (POST {origin}/{tenant}/oauth2/v2.0/token); default: any client. */
  clientId?: string;
  clientSecret?: string;
  /**
   * Eventual consistency (replication.ts): each object's writes reach reads (and assignLicense's usage-location
   * and seat checks) after a seeded per-object delay in Graph time. Default: the tenant fixture's
   * `replicationLag` (demoTenant() has DEMO_REPLICATION_LAG); `false` turns it off whatever the fixture says.
   */
  replicationLag?: ReplicationLagOptions | false;
  /** Graph time from the caller, e.g. a ManualClock for tests; replaces clockScale. Default: real time x clockScale. */
  clock?: EmulatorClock;
  /** Graph seconds before Teams sees a new Phone System or Calling Plan license; replaces the fixture's
   *  `teams.licenseLagSeconds` (teams/teams-fixture.ts). */
  teamsLicenseLagSeconds?: number;
  /**
   * Told every Graph request the emulator answers and its answer: plain requests, each `$batch` envelope and
   * each of its items. For tests that check what the engine sends (and what the emulator says) against
   * Graph's published description.
   */
  requestLog?: (exchange: LoggedExchange) => void;
  /**
   * Graph seconds a new application takes to replicate: until then GET/PATCH /applications/{id} are 404 and
   * POST /servicePrincipals for its appId 400 "does not reference a valid application object". Default 0.
   */
  applicationReplicationSeconds?: number;
}

export interface RunningEmulator {
  /** e.g. http://127.0.0.1:41234/v1.0 (no trailing slash). */
  readonly baseUrl: string;
  readonly token: string;
  /** Live counters. */
  readonly stats: EmulatorStats;
  /** Live state, for tests to inspect or tweak. */
  readonly tenant: EmulatorTenant;
  resetStats(): void;
  close(): Promise<void>;
  // --- extensions ---
  /** e.g. http://127.0.0.1:41234 */
  readonly origin: string;
  /** Client-credentials token endpoint: {origin}/{tenantId}/oauth2/v2.0/token. */
  readonly tokenUrl: string;
  /** The token endpoint of another tenant, by id or verified domain: {origin}/{tenant}/oauth2/v2.0/token. */
  tokenUrlFor(tenant: string): string;
  /** Every tenant's live state, the home tenant first. */
  readonly tenants: readonly EmulatorTenant[];
  /** A tenant's live state by id or verified domain; undefined if the emulator holds no such tenant. */
  tenantOf(idOrDomain: string): EmulatorTenant | undefined;
  /**
   * A further bearer token with only these permissions: `scopes` (+ `directoryRoles`, `signedInUser`) for a
   * delegated token, `roles` for an app-only one. Calls it does not cover answer 403 Authorization_RequestDenied
   * (permissions.ts). `token` itself stays unrestricted. `tenant` (id or domain) is the token's tenant; a delegated
   * token with a `homeTenant` is a partner admin's, reaching `tenant` through GDAP.
   */
  mintToken(options: MintTokenOptions): string;
  /**
   * Another app of the tenant writes `count` times now, spending the tenant's shared write quota (18,000 per
   * 5 min for all apps, throttling-limits.md): this client then meets 429s it did not cause. `tenant`: id or
   * domain of another tenant than the home one.
   */
  spendTenantWrites(count: number, tenant?: string): void;
  /**
   * Graph seconds a write to this user (id or UPN) or SKU (id or part number) takes to show in reads; 0 without lag.
   */
  replicationLagSeconds(userOrSku: string): number;
}

/**
 * demoTenant() built once a day (its sign-in dates count back from the start of the UTC day) and frozen: an emulator
 * copies its fixture into a live state of its own, and tests start hundreds.
 */
let todaysDemo: { readonly day: number; readonly fixture: TenantFixture } | undefined;
function todaysDemoTenant(): TenantFixture {
  const day = Math.floor(Date.now() / 86_400_000);
  if (todaysDemo?.day !== day) todaysDemo = { day, fixture: deepFreeze(demoTenant()) };
  return todaysDemo.fixture;
}

/** Frozen all the way down: a fixture the emulator (or a test) writes to instead of its live state fails at once. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/** The demo's customer fixtures, built once per app id: each emulator copies them into its live state. */
const DEMO_CUSTOMER_FIXTURES = new Map<string, readonly TenantFixture[]>();
function demoCustomersOf(appId: string): readonly TenantFixture[] {
  let fixtures = DEMO_CUSTOMER_FIXTURES.get(appId);
  if (!fixtures) DEMO_CUSTOMER_FIXTURES.set(appId, (fixtures = deepFreeze(demoCustomerTenants(appId))));
  return fixtures;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const fixture = options.tenant ?? todaysDemoTenant();
  const token = options.token ?? `emulator.${randomBytes(24).toString('base64url')}`;
  const seed = options.faults?.seed ?? 1;
  const stats = createStats();
  const tokens = new TokenRegistry();
  // The default token can do everything (as before tokens carried permissions); mintToken makes others.
  tokens.add(token, { kind: 'unrestricted' });
  for (const d of options.delegatedTokens ?? [])
    tokens.add(d.token, { kind: 'delegated', scopes: [...d.scopes], directoryRoles: [...(d.directoryRoles ?? [])] });
  const clock = options.clock ?? new Clock(options.clockScale ?? 1);
  const faults = new Faults(options.faults);
  const epochMs = Date.now();
  const homeAppId = (fixture.appId ?? '00000000-0000-0000-0000-000000000001').toLowerCase();
  const application = new ApplicationQuotas(options.throttle ?? {}, homeAppId);
  const others = options.tenants ?? (fixture.tenantId === DEMO_TENANT_ID ? demoCustomersOf(homeAppId) : []);
  const contextOf = (f: TenantFixture, home: boolean): EmulatorContext => {
    const tenant = new EmulatorTenant(home ? f : { ...f, appId: homeAppId });
    const teamsFixture = f.teams ?? { numbers: [] };
    attachTeams(tenant, {
      ...teamsFixture,
      licenseLagSeconds: options.teamsLicenseLagSeconds ?? teamsFixture.licenseLagSeconds,
    });
    attachRelationships(tenant, f.delegatedAdminRelationships ?? []);
    return {
      tenant,
      clock,
      epochMs,
      throttle: new Throttle(options.throttle ?? {}, tenant.tenantId, tenant.appId, tenant.users.length, application),
      faults,
      stats,
      latencyMs: options.latencyMs ?? 100,
      serviceRoot: '',
      signedInUser: home ? options.signedInUser : undefined,
      batchResponseOrder: options.batchResponseOrder ?? 'shuffled',
      tokens,
      replica: new Replica(options.replicationLag ?? f.replicationLag),
      requestLog: options.requestLog,
      applicationReplicationSeconds: options.applicationReplicationSeconds ?? 0,
    };
  };
  const ctx = contextOf(fixture, true);
  const tenant = ctx.tenant;
  const fleet = new TenantFleet(ctx);
  fleet.add(ctx, fixture);
  for (const other of others) fleet.add(contextOf(other, false), other);
  const tenantOrThrow = (name: string) => {
    const id = fleet.resolve(name);
    if (id === undefined) throw new Error(`No tenant ${name} behind this emulator`);
    return fleet.context(id)!;
  };
  const { server, origin } = await startServer(ctx, {
    token,
    port: options.port ?? 0,
    seed,
    route: (grant) => fleet.route(grant),
    tokenEndpoint: {
      clientId: options.clientId,
      clientSecret: options.clientSecret,
      assertion: (clientId, assertion) => judgeAssertion(tenant, tokens, clientId, assertion),
      tenantToken: (name, appId) => tenantToken(fleet, tokens, name, appId),
    },
  });
  for (const id of fleet.tenantIds) fleet.context(id)!.serviceRoot = `${origin}/v1.0`;
  let closing: Promise<void> | undefined;
  return {
    baseUrl: ctx.serviceRoot,
    origin,
    tokenUrl: `${origin}/${tenant.tenantId}/oauth2/v2.0/token`,
    tokenUrlFor: (name) => `${origin}/${encodeURIComponent(name)}/oauth2/v2.0/token`,
    tenants: fleet.tenantIds.map((id) => fleet.context(id)!.tenant),
    tenantOf: (name) => {
      const id = fleet.resolve(name);
      return id === undefined ? undefined : fleet.context(id)?.tenant;
    },
    token,
    stats,
    tenant,
    resetStats: () => resetStats(stats),
    mintToken: (o) => tokens.mint(o, (name) => fleet.resolve(name)),
    spendTenantWrites: (count, name) => {
      const target = name === undefined ? ctx : tenantOrThrow(name);
      target.throttle.spendTenantWrites(count, clock.now());
    },
    replicationLagSeconds: (object) => {
      const user = tenant.findUser(object);
      if (user) return ctx.replica.lagSeconds(`user:${user.id}`);
      const sku = tenant.findSku(object);
      if (sku) return ctx.replica.lagSeconds(`sku:${sku.skuId}`);
      throw new Error(`No user or SKU ${object} in the emulated tenant`);
    },
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

/**
 * The client-credentials token of a tenant other than the home one. A name the emulator does not hold: AADSTS90002
 * when it is a tenant id or a domain ("InvalidTenantName - The tenant name wasn't found in the data store. Check to
 * make sure you have the correct tenant ID", entra-docs reference-error-codes.md, learn.microsoft.com/entra/
 * identity-platform/reference-error-codes); any other segment (`organizations`, `common`) is served by the home
 * tenant, as before several tenants. An app without consent in the tenant: AADSTS700016
 * ("UnauthorizedClient_DoesNotMatchRequest - The application wasn't found in the directory/tenant. This can happen
 * if the application has not been installed by the administrator of the tenant or consented to by any user in the
 * tenant", same page). Consented: a token for that tenant with the consented permissions.
 */
function tenantToken(
  fleet: TenantFleet,
  tokens: TokenRegistry,
  name: string,
  appId: string | undefined,
): { token: string } | { status: number; code: string; description: string } | undefined {
  const id = fleet.resolve(name);
  if (id === undefined) {
    const looksLikeTenant =
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(name) || name.includes('.');
    if (!looksLikeTenant) return undefined;
    return {
      status: 400,
      code: 'invalid_request',
      description: `AADSTS90002: Tenant '${name}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`,
    };
  }
  if (id === fleet.home.tenant.tenantId) return undefined;
  const consent = fleet.consent(id, appId);
  if (!consent) {
    const app = appId ?? fleet.home.tenant.appId;
    return {
      status: 400,
      code: 'unauthorized_client',
      description:
        `AADSTS700016: Application with identifier '${app}' was not found in the directory '${name}'. This can ` +
        'happen if the application has not been installed by the administrator of the tenant or consented to by ' +
        'any user in the tenant. You may have sent your authentication request to the wrong tenant.',
    };
  }
  const grant: TokenGrant =
    consent.roles === undefined
      ? { kind: 'unrestricted', tenantId: id }
      : { kind: 'application', roles: [...consent.roles], tenantId: id };
  return { token: tokens.issue(grant) };
}

export {
  demoTenant,
  DEMO_REPLICATION_LAG,
  ALL_SALES_GROUP_ID,
  PHONE_PILOT_GROUP_ID,
  E5_PILOT_GROUP_ID,
  VOICE_ROLLOUT_GROUP_ID,
  SALES_INTERNS_GROUP_ID,
  MARKETING_GROUP_ID,
  NEWSLETTER_GROUP_ID,
  DEMO_TENANT_ID,
  DEMO_APP_ID,
  DEFAULT_DEMO_USERS,
  type DemoTenantOptions,
} from './demo-tenant';
export { catalogSku } from './licensing/catalog-skus';
export { ManualClock, type EmulatorClock } from './clock';
export type { EmulatorStats } from './http/stats';
export type { LoggedExchange } from './http/context';
export type { ThrottleOptions } from './http/throttle';
export type { FaultOptions, HandledRequest } from './http/faults';
export type { MintTokenOptions } from './identity/permissions';
export type { ReplicationLagOptions } from './directory/replication';
export { ENDPOINT_PERMISSIONS } from './identity/permissions';
export type {
  TenantFixture,
  SkuFixture,
  UserFixture,
  GroupFixture,
  LicenseFixture,
  ServicePlanFixture,
  EmulatorUser,
  EmulatorSku,
  EmulatorGroup,
  LicenseAssignment,
  AssignmentState,
  AssignmentError,
  GroupLicenseErrorFixture,
  GroupLicenseError,
  GroupAssignment,
  CapabilityStatus,
} from './directory/tenant';
export type { CatalogSkuOptions } from './licensing/catalog-skus';
export type { TeamsFixture, NumberFixture, NumberType } from './teams/teams-fixture';
export { EmulatorTenant } from './directory/tenant';
export type { RelationshipFixture, RelationshipStatus, AppConsentFixture } from './partner/gdap-fixture';
export { demoCustomerTenants, DEMO_CUSTOMERS, type DemoCustomer } from './partner/demo-customers';
