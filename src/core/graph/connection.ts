import type { Client } from '@microsoft/microsoft-graph-client';
import { readAccessClaims, type AccessClaims } from '../auth/access-claims';
import type { AccessTokenProvider } from '../auth/access-token';
import { refusedGraphUrl, RefusedEndpointError } from '../auth/endpoint-policy';
import { wallClock, type Clock } from './clock';
import { createGraphClient } from './graph-client';
import type { Redact } from './graph-failure';
import { newRequestCounts, type RequestCounts } from './request-counter';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy';
import { SecretRedactor } from './secret-redactor';
import { GRAPH_WRITE_BUDGETS, WritePacer, type WriteBudget } from './write-pacer';
import { english, type Translate } from '../text/translate';

export interface ConnectOptions {
  /** Graph root with its version: `https://graph.microsoft.com/v1.0`, `http://127.0.0.1:4000/v1.0`. */
  readonly baseUrl: string;
  readonly getAccessToken: AccessTokenProvider;
  /** How the tenant is named in journals, prompts and summaries (tenant id, domain, "demo tenant"). */
  readonly label?: string;
  /** Write quotas to pace against; default Graph's documented ones. `[]` turns pacing off. */
  readonly writeBudgets?: readonly WriteBudget[];
  /**
   * A pacer shared by the connections of one run over several tenants: the application-wide write
   * quota (APPLICATION_WRITE_BUDGETS) that spans them all. Absent: this tenant's quotas only.
   */
  readonly sharedPacer?: WritePacer;
  /** `$batch` requests in flight at once. Default 4: enough to hide latency, gentle on the service. */
  readonly concurrency?: number;
  readonly retry?: Partial<RetryPolicy>;
  /**
   * The language of the messages made from Graph's answers (a refusal's advice, a malformed answer); English when
   * absent.
   */
  readonly t?: Translate;
  /** What retries and the write pacer wait on (clock.ts); the wall clock when absent. */
  readonly clock?: Clock;
}

/** Everything a run needs to talk to one tenant. Keep one per tenant: its pacer remembers the quota used. */
export interface GraphConnection {
  readonly client: Client;
  readonly baseUrl: string;
  readonly label: string;
  readonly pacer: WritePacer;
  readonly retry: RetryPolicy;
  readonly concurrency: number;
  /** What retries and the pacer wait on (ConnectOptions.clock). */
  readonly clock: Clock;
  readonly counts: RequestCounts;
  /** Strips tokens (the ones this connection sent, and anything token-shaped) from Graph's words. */
  readonly redact: Redact;
  /** What the last token sent allows, when it can be read: names what is missing after a 403. */
  accessClaims(): AccessClaims | undefined;
  /** The language of the messages made from Graph's answers (ConnectOptions.t); `english` when none was given. */
  readonly t: Translate;
}

/**
 * Throws `RefusedEndpointError` for a base URL a token must not go to (see endpoint-policy.ts):
 * here rather than in each front end, so that none can bypass it.
 */
export function connectToGraph(options: ConnectOptions): GraphConnection {
  const refused = refusedGraphUrl(options.baseUrl);
  if (refused) throw new RefusedEndpointError(refused);
  const redactor = new SecretRedactor();
  let lastToken: string | undefined;
  const retry: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  const clock = options.clock ?? wallClock;
  const pacer = new WritePacer(
    options.writeBudgets ?? GRAPH_WRITE_BUDGETS,
    clock.now,
    clock.sleep,
    options.sharedPacer,
  );
  const counts = newRequestCounts();
  const client = createGraphClient({
    baseUrl: options.baseUrl,
    getAccessToken: options.getAccessToken,
    retry,
    counts,
    clock,
    onToken: (token) => {
      redactor.remember(token);
      lastToken = token;
    },
    onThrottled: (ms, write) => pacer.pauseFor(ms, write),
  });
  return {
    client,
    baseUrl: options.baseUrl,
    label: options.label ?? new URL(options.baseUrl).host,
    pacer,
    retry,
    concurrency: Math.max(1, options.concurrency ?? 4),
    clock,
    counts,
    redact: (text) => redactor.redact(text),
    accessClaims: () => readAccessClaims(lastToken),
    t: options.t ?? english,
  };
}
