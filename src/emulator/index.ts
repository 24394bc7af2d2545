/**
 * The Microsoft Graph emulator: a loopback HTTP server implementing the Graph v1.0 subset used for
 * license assignment, as Microsoft documents it. Also the product's built-in demo tenant.
 * Contract: ./CONTRACT.md.
 */
import { randomBytes } from 'node:crypto';
import { Clock, type EmulatorClock } from './clock';
import { type EmulatorContext, type LoggedExchange } from './http/context';
import { demoTenant } from './demo-tenant';
import { Faults, type FaultOptions } from './http/faults';
import { startServer } from './http/server';
import { createStats, resetStats, type EmulatorStats } from './http/stats';
import { EmulatorTenant, type TenantFixture } from './directory/tenant';
import { Throttle, type ThrottleOptions } from './http/throttle';
import { TokenRegistry, type MintTokenOptions } from './identity/permissions';
import { Replica, type ReplicationLagOptions } from './directory/replication';
import { judgeAssertion } from './identity/federated-sign-in';
import { attachTeams } from './teams/teams-state';

export interface EmulatorOptions {
  /** Default: demoTenant(). */
  tenant?: TenantFixture;
  /** Bearer token to accept, with every permission; default: a random one, exposed as RunningEmulator.token.
   *  Restricted tokens come from RunningEmulator.mintToken. */
  token?: string;
  /** Default 0 (random); always binds 127.0.0.1. */
  port?: number;
  /** Per request (and per $batch item, in parallel); default 100. In Graph time (divided by clockScale). */
  latencyMs?: number;
  /** 1 = real time; 10 = latency, Retry-After and throttle windows all 10x shorter. Default 1. */
  clockScale?: number;
  /** Default Graph's 3,000 writes / 150 s per app+tenant and 18,000 / 5 min per tenant. */
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
  /**
   * A further bearer token with only these permissions: `scopes` (+ `directoryRoles`, `signedInUser`) for a
   * delegated token, `roles` for an app-only one. Calls it does not cover answer 403 Authorization_RequestDenied
   * (permissions.ts). `token` itself stays unrestricted.
   */
  mintToken(options: MintTokenOptions): string;
  /**
   * Another app of the tenant writes `count` times now, spending the tenant's shared write quota (18,000 per
   * 5 min for all apps, throttling-limits.md): this client then meets 429s it did not cause.
   */
  spendTenantWrites(count: number): void;
  /**
   * Graph seconds a write to this user (id or UPN) or SKU (id or part number) takes to show in reads; 0 without lag.
   */
  replicationLagSeconds(userOrSku: string): number;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const fixture = options.tenant ?? demoTenant();
  const tenant = new EmulatorTenant(fixture);
  const teamsFixture = fixture.teams ?? { numbers: [] };
  attachTeams(tenant, {
    ...teamsFixture,
    licenseLagSeconds: options.teamsLicenseLagSeconds ?? teamsFixture.licenseLagSeconds,
  });
  const token = options.token ?? `emulator.${randomBytes(24).toString('base64url')}`;
  const seed = options.faults?.seed ?? 1;
  const stats = createStats();
  const tokens = new TokenRegistry();
  // The default token can do everything (as before tokens carried permissions); mintToken makes others.
  tokens.add(token, { kind: 'unrestricted' });
  const ctx: EmulatorContext = {
    tenant,
    clock: options.clock ?? new Clock(options.clockScale ?? 1),
    epochMs: Date.now(),
    throttle: new Throttle(options.throttle ?? {}, tenant.tenantId, tenant.appId, tenant.users.length),
    faults: new Faults(options.faults),
    stats,
    latencyMs: options.latencyMs ?? 100,
    serviceRoot: '',
    signedInUser: options.signedInUser,
    batchResponseOrder: options.batchResponseOrder ?? 'shuffled',
    tokens,
    replica: new Replica(options.replicationLag ?? fixture.replicationLag),
    requestLog: options.requestLog,
    applicationReplicationSeconds: options.applicationReplicationSeconds ?? 0,
  };
  const { server, origin } = await startServer(ctx, {
    token,
    port: options.port ?? 0,
    seed,
    tokenEndpoint: {
      clientId: options.clientId,
      clientSecret: options.clientSecret,
      assertion: (clientId, assertion) => judgeAssertion(tenant, tokens, clientId, assertion),
    },
  });
  ctx.serviceRoot = `${origin}/v1.0`;
  let closing: Promise<void> | undefined;
  return {
    baseUrl: ctx.serviceRoot,
    origin,
    tokenUrl: `${origin}/${tenant.tenantId}/oauth2/v2.0/token`,
    token,
    stats,
    tenant,
    resetStats: () => resetStats(stats),
    mintToken: (o) => tokens.mint(o),
    spendTenantWrites: (count) => ctx.throttle.spendTenantWrites(count, ctx.clock.now()),
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
