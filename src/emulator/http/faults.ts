import { Prng } from '../prng';

/**
 * Fault injection, reproducible from a seed. Graph documents 503 Service Unavailable ("You may repeat
 * the request after a delay, the length of which may be specified in a Retry-After header") and 504
 * Gateway Timeout (graph-docs concepts/errors.md); a dropped connection is what a client sees when a
 * proxy or the network fails. These faults strike before the request reaches the tenant, so they never
 * change state.
 *
 * `dropAfterApplyRate` / `dropAfterApply` are the other case: the request is handled (a write is applied)
 * and then the connection is destroyed, so the client never reads the answer. HTTP says a client cannot
 * tell the two apart ("a communication failure occurs before the client is able to read the server's
 * response", RFC 9110 §9.2.2) and only idempotent requests may be repeated blindly; Microsoft Q&A 5529013
 * reports a Graph side effect that happened although the client saw a failure, and a
 * re-sent remove then meets "User does not have a corresponding license." For a $batch the whole envelope's
 * answer is lost after every item ran (a connection carries the envelope, never one item's answer).
 *
 * `itemServerErrorAfterApply(Rate)` is the item-level counterpart: one $batch item runs (its write lands)
 * and its item response is a 503/504 all the same. A 504 Gateway Timeout (graph-docs concepts/errors.md)
 * says the gateway stopped waiting, not that the service behind it did nothing; Microsoft Q&A 5529013
 * reports a $batch item answered with an error (a 429, in Teams) whose side effect had happened. A client that re-sends
 * such
 * an item must expect the write to be there already ([INF] for the exact status Graph sends then).
 *
 * `groupProcessingFails(Rate)` strikes after the write, in the background: a group's assignLicense is
 * accepted (202) and its processing then ends `ProcessingFailed` (group-processing.ts). Microsoft's
 * scripts find "groups with license errors" by that state (entra-docs
 * licensing-powershell-graph-examples.md), and the way out is reprocessing ("trigger the processing of
 * groups that previously failed to fully license all user members", entra-docs
 * licensing-groups-resolve-problems.md, "Force group license processing to resolve errors").
 */
export interface FaultOptions {
  /** Share of requests (plain, $batch envelopes and batch items) answered 503 or 504. 0..1. */
  serverErrorRate?: number;
  /** Share of plain requests and $batch envelopes whose socket is destroyed without an answer. 0..1. */
  dropRate?: number;
  /** Overrides serverErrorRate for items inside a $batch. */
  itemServerErrorRate?: number;
  /**
   * Share of write requests (plain PATCH/POST, and $batch envelopes holding at least one non-GET item)
   * that are handled, writes applied, and then answered by a destroyed connection. 0..1.
   */
  dropAfterApplyRate?: number;
  /**
   * Deterministic version for tests: called for every handled Graph request (plain or $batch envelope,
   * reads too) once its answer is ready; `true` destroys the connection instead of sending it.
   */
  dropAfterApply?: (request: HandledRequest) => boolean;
  /**
   * Share of $batch items that are handled (a write applied) and then answered 503 or 504 in their item
   * response, as if the service failed after the change: the envelope is still 200. 0..1.
   */
  itemServerErrorAfterApplyRate?: number;
  /** Deterministic version: called for every handled $batch item; `true` replaces its answer with a 504. */
  itemServerErrorAfterApply?: (item: HandledRequest) => boolean;
  /** Share of group assignLicense calls whose background processing ends ProcessingFailed. 0..1. */
  groupProcessingFailureRate?: number;
  /**
   * Deterministic version: called with the group's id (lower case) when its assignLicense is accepted; `true` makes
   * that processing fail.
   */
  groupProcessingFails?: (groupId: string) => boolean;
  seed?: number;
}

/** What `dropAfterApply` is shown: the request as received and the answer that would be lost. */
export interface HandledRequest {
  readonly method: string;
  /** Below the version segment: `/users/alice%40contoso.com/assignLicense`, `/$batch`. */
  readonly path: string;
  readonly query: URLSearchParams;
  /** Parsed JSON body (for `/$batch`, the envelope with its `requests`); undefined when none.
   *  For a $batch item (itemServerErrorAfterApply): the item's own path, query and body. */
  readonly body: unknown;
  /** True for a write: a PATCH/POST, or a $batch with at least one non-GET item. */
  readonly isWrite: boolean;
  /** Status and body of the answer that the client will not get. */
  readonly status: number;
  readonly responseBody: unknown;
}

export type Fault = { readonly kind: 'drop' } | { readonly kind: 'server-error'; readonly status: 503 | 504 };

export class Faults {
  private readonly prng: Prng;
  private readonly serverErrorRate: number;
  private readonly itemServerErrorRate: number;
  private readonly dropRate: number;
  /** Its own sequence, so that turning it on leaves the other faults of a seed where they were. */
  private readonly afterApplyPrng: Prng;
  private readonly dropAfterApplyRate: number;
  private readonly dropAfterApplyHook?: (request: HandledRequest) => boolean;
  private readonly itemAfterApplyPrng: Prng;
  private readonly itemAfterApplyRate: number;
  private readonly itemAfterApplyHook?: (item: HandledRequest) => boolean;
  private readonly groupPrng: Prng;
  private readonly groupFailureRate: number;
  private readonly groupFailureHook?: (groupId: string) => boolean;

  constructor(options: FaultOptions = {}) {
    this.prng = new Prng(options.seed ?? 1);
    this.serverErrorRate = options.serverErrorRate ?? 0;
    this.itemServerErrorRate = options.itemServerErrorRate ?? this.serverErrorRate;
    this.dropRate = options.dropRate ?? 0;
    this.afterApplyPrng = new Prng((options.seed ?? 1) ^ 0x2f6b1c3d);
    this.dropAfterApplyRate = options.dropAfterApplyRate ?? 0;
    this.dropAfterApplyHook = options.dropAfterApply;
    this.itemAfterApplyPrng = new Prng((options.seed ?? 1) ^ 0x6c8e9cf5);
    this.itemAfterApplyRate = options.itemServerErrorAfterApplyRate ?? 0;
    this.itemAfterApplyHook = options.itemServerErrorAfterApply;
    this.groupPrng = new Prng((options.seed ?? 1) ^ 0x1b873593);
    this.groupFailureRate = options.groupProcessingFailureRate ?? 0;
    this.groupFailureHook = options.groupProcessingFails;
  }

  /** When a group's assignLicense is accepted: will its processing end ProcessingFailed? */
  groupProcessingFails(groupId: string): boolean {
    if (this.groupFailureHook?.(groupId)) return true;
    return this.groupFailureRate > 0 && this.groupPrng.next() < this.groupFailureRate;
  }

  /** After a $batch item was handled: answer it with a 5xx although it ran? */
  itemErrorAfterApply(item: HandledRequest): 503 | 504 | undefined {
    if (this.itemAfterApplyHook?.(item)) return 504;
    if (this.itemAfterApplyRate > 0 && this.itemAfterApplyPrng.next() < this.itemAfterApplyRate)
      return this.itemAfterApplyPrng.next() < 0.5 ? 503 : 504;
    return undefined;
  }

  /** After a plain request or a $batch envelope was handled: lose its answer? */
  dropAfterApply(request: HandledRequest): boolean {
    if (this.dropAfterApplyHook?.(request)) return true;
    return request.isWrite && this.dropAfterApplyRate > 0 && this.afterApplyPrng.next() < this.dropAfterApplyRate;
  }

  /** For a plain request or a $batch envelope. */
  forRequest(): Fault | undefined {
    if (this.dropRate > 0 && this.prng.next() < this.dropRate) return { kind: 'drop' };
    return this.serverError(this.serverErrorRate);
  }

  /** For one item inside a $batch (a dropped connection cannot happen to a part of a response). */
  forBatchItem(): Fault | undefined {
    return this.serverError(this.itemServerErrorRate);
  }

  private serverError(rate: number): Fault | undefined {
    if (rate > 0 && this.prng.next() < rate)
      return { kind: 'server-error', status: this.prng.next() < 0.5 ? 503 : 504 };
    return undefined;
  }
}
