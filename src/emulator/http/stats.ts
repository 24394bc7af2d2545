/** Live counters for tests and benchmarks. The object is updated in place (resetStats zeroes it),
 *  so a reference taken once stays current. */
export interface EmulatorStats {
  /** HTTP requests to Graph paths (plain and $batch envelopes, including refused and dropped ones). */
  requests: number;
  /** $batch envelopes received. */
  batches: number;
  /** Items inside accepted $batch envelopes. */
  batchItems: number;
  /** Write requests (assignLicense, PATCH user) that reached the pipeline, plain or batched. */
  writes: number;
  /** Writes that succeeded and so were applied to the tenant. */
  writesApplied: number;
  /** 429 answers (plain and batch items). */
  throttled: number;
  /** 403 Authorization_RequestDenied answers (permissions.ts). */
  denied: number;
  /** Injected 503/504 answers (plain, envelopes and items). */
  serverErrors: number;
  /** Connections destroyed without an answer (before or after handling). */
  dropped: number;
  /** Of those, the ones destroyed after the request was handled (dropAfterApply): writes applied, answer lost. */
  droppedAfterApply: number;
  /** $batch items that ran (writes applied) and were then answered 503/504 (itemServerErrorAfterApply). */
  itemErrorsAfterApply: number;
  /** Requests per route, e.g. "POST /users/{id}/assignLicense"; batch items included. */
  byRoute: Record<string, number>;
  /** Requests to the token endpoint. */
  tokenRequests: number;
}

export function createStats(): EmulatorStats {
  return {
    requests: 0,
    batches: 0,
    batchItems: 0,
    writes: 0,
    writesApplied: 0,
    throttled: 0,
    denied: 0,
    serverErrors: 0,
    dropped: 0,
    droppedAfterApply: 0,
    itemErrorsAfterApply: 0,
    byRoute: {},
    tokenRequests: 0,
  };
}

export function resetStats(stats: EmulatorStats): void {
  Object.assign(stats, createStats(), { byRoute: {} });
}
