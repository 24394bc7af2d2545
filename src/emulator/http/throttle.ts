/**
 * Throttling modelled on Microsoft Graph's "Identity and access service limits" (graph-docs
 * concepts/throttling-limits.md, learn.microsoft.com/graph/throttling-limits), which is where
 * assignLicense and PATCH /users fall: throttling-limits.md has no licence-specific limit.
 *
 *   | limit                     | resource units                          | writes                       |
 *   | application + tenant pair | S <50 users 3,500 / M ≤500 5,000 /      | 3,000 requests per 2 min 30 s |
 *   |                           | L >500 8,000 per 10 s                   |                              |
 *   | tenant (all apps)         | n/a                                     | 18,000 requests per 5 min    |
 *   | application (all tenants) | 150,000 per 20 s                        | 35,000 requests per 5 min    |
 *
 * The service uses token buckets; each request (and each $batch item: "Requests in a batch are
 * evaluated individually against the applicable throttling limits", graph-docs concepts/json-batching.md)
 * takes its cost from every bucket that applies, or from none if one of them is short.
 */

export interface ThrottleOptions {
  /** Write quota per application+tenant pair; default 3,000 per 150 s. */
  appWritesPer150s?: number;
  /** Write quota per tenant, all apps together; default 18,000 per 5 min. */
  tenantWritesPer5min?: number;
  /** Resource-unit quota per application+tenant pair; default by tenant size (3,500 / 5,000 / 8,000 per 10 s). */
  readUnitsPer10s?: number;
  /** Identity and access reports quota per application+tenant pair; default 5 requests per 10 s. */
  reportRequestsPer10s?: number;
  /** Write quota of the application across all tenants; default 35,000 per 5 min. */
  applicationWritesPer5min?: number;
  /** Resource-unit quota of the application across all tenants; default 150,000 per 20 s. */
  applicationUnitsPer20s?: number;
}

/** A bucket that holds at most `capacity` tokens and refills `capacity` tokens per `windowMs` (Graph time). */
export class TokenBucket {
  private tokens: number;
  private last = 0;

  constructor(
    readonly capacity: number,
    readonly windowMs: number,
  ) {
    this.tokens = capacity;
  }

  private refill(now: number): void {
    if (now > this.last) {
      this.tokens = Math.min(this.capacity, this.tokens + ((now - this.last) * this.capacity) / this.windowMs);
      this.last = now;
    }
  }

  /** Graph-time milliseconds until `n` tokens are available; 0 if they are now. */
  waitFor(n: number, now: number): number {
    this.refill(now);
    if (this.tokens >= n) return 0;
    return ((n - this.tokens) * this.windowMs) / this.capacity;
  }

  take(n: number, now: number): void {
    this.refill(now);
    this.tokens -= n;
  }

  available(now: number): number {
    this.refill(now);
    return this.tokens;
  }
}

export type RequestKind = 'read' | 'write';

export type Admission =
  | { readonly ok: true }
  | {
      readonly ok: false;
      /** Whole Graph-time seconds until the request would pass: ceil, at least 1. */
      readonly retryAfterSeconds: number;
      /** x-ms-throttle-scope, e.g. Tenant_Application/ReadWrite/{appId}/{tenantId}. */
      readonly scope: string;
      /** x-ms-throttle-information: WriteLimitExceeded or ResourceUnitLimitExceeded. */
      readonly information: string;
    };

interface Quota {
  readonly bucket: TokenBucket;
  readonly appliesTo: RequestKind | 'all' | 'report';
  readonly cost: (resourceUnits: number) => number;
  readonly scope: string;
  readonly information: string;
}

/**
 * The "application" row of the same table: quotas of one app across all the tenants it calls ("per app across all
 * tenants", throttling-limits.md), one set per emulator, shared by every tenant's Throttle. With one tenant the
 * application+tenant quotas are always reached first (3,000 writes per 150 s < 35,000 per 5 min).
 */
export class ApplicationQuotas {
  readonly quotas: readonly Quota[];

  constructor(options: ThrottleOptions | false, appId: string) {
    if (options === false) {
      this.quotas = [];
      return;
    }
    this.quotas = [
      {
        bucket: new TokenBucket(options.applicationUnitsPer20s ?? 150_000, 20_000),
        appliesTo: 'all',
        cost: (ru) => ru,
        // [INF] scope naming: the documented Tenant_Application/... pattern without a tenant.
        scope: `Application/Read/${appId}`,
        information: 'ResourceUnitLimitExceeded',
      },
      {
        bucket: new TokenBucket(options.applicationWritesPer5min ?? 35_000, 300_000),
        appliesTo: 'write',
        cost: () => 1,
        scope: `Application/ReadWrite/${appId}`,
        information: 'WriteLimitExceeded',
      },
    ];
  }
}

export class Throttle {
  private readonly quotas: Quota[];

  constructor(
    options: ThrottleOptions | false,
    tenantId: string,
    appId: string,
    userCount: number,
    application?: ApplicationQuotas,
  ) {
    if (options === false) {
      this.quotas = [];
      return;
    }
    // Tenant size classes of the resource-unit quota (throttling-limits.md, "Identity and access").
    const units = options.readUnitsPer10s ?? (userCount < 50 ? 3500 : userCount <= 500 ? 5000 : 8000);
    this.quotas = [
      {
        bucket: new TokenBucket(units, 10_000),
        appliesTo: 'all',
        cost: (ru) => ru,
        // [INF] scope naming follows the documented Tenant_Application/ReadWrite/{appId}/{tenantId} example.
        scope: `Tenant_Application/Read/${appId}/${tenantId}`,
        information: 'ResourceUnitLimitExceeded',
      },
      {
        bucket: new TokenBucket(options.appWritesPer150s ?? 3000, 150_000),
        appliesTo: 'write',
        cost: () => 1,
        // [DOC] x-ms-throttle-scope example in throttling-limits.md.
        scope: `Tenant_Application/ReadWrite/${appId}/${tenantId}`,
        information: 'WriteLimitExceeded',
      },
      (this.tenantWrites = {
        bucket: new TokenBucket(options.tenantWritesPer5min ?? 18000, 300_000),
        appliesTo: 'write',
        cost: () => 1,
        scope: `Tenant/ReadWrite/${tenantId}`,
        information: 'WriteLimitExceeded',
      }),
      {
        // throttling-limits.md, "Identity and access reports service limits": 5 requests per 10 seconds per app
        // per tenant. [INF] listing users with $select=signInActivity (sign-in log data, AuditLog.Read.All) counts
        // against it as well as against the resource units.
        bucket: new TokenBucket(options.reportRequestsPer10s ?? 5, 10_000),
        appliesTo: 'report',
        cost: () => 1,
        scope: `Tenant_Application/Read/${appId}/${tenantId}`,
        information: 'ReportRequestLimitExceeded',
      },
      ...(application?.quotas ?? []),
    ];
  }

  private tenantWrites?: Quota;

  /**
   * Another application of the same tenant writes `count` times now: the tenant's write quota is shared by
   * every app ("tenant | 18,000 requests per 5 minutes", all apps), so this one meets 429s it did not cause.
   */
  spendTenantWrites(count: number, now: number): void {
    this.tenantWrites?.bucket.take(count, now);
  }

  /** Takes the request's cost from every applicable bucket, or refuses it and takes nothing. `reporting`: the
   *  request also counts against the reports quota. */
  admit(kind: RequestKind, resourceUnits: number, now: number, reporting = false): Admission {
    const applicable = this.quotas.filter(
      (q) => q.appliesTo === 'all' || q.appliesTo === kind || (reporting && q.appliesTo === 'report'),
    );
    let worst: { quota: Quota; wait: number } | undefined;
    for (const quota of applicable) {
      const wait = quota.bucket.waitFor(quota.cost(resourceUnits), now);
      if (wait > 0 && (!worst || wait > worst.wait)) worst = { quota, wait };
    }
    if (worst) {
      return {
        ok: false,
        retryAfterSeconds: Math.max(1, Math.ceil(worst.wait / 1000)),
        scope: worst.quota.scope,
        information: worst.quota.information,
      };
    }
    for (const quota of applicable) quota.bucket.take(quota.cost(resourceUnits), now);
    return { ok: true };
  }
}
