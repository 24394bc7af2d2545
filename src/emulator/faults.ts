import { Prng } from './prng';

/**
 * Fault injection, reproducible from a seed. Graph documents 503 Service Unavailable ("You may repeat
 * the request after a delay, the length of which may be specified in a Retry-After header") and 504
 * Gateway Timeout (graph-docs concepts/errors.md); a dropped connection is what a client sees when a
 * proxy or the network fails. A faulted request is answered before it reaches the tenant, so it never
 * changes state.
 */
export interface FaultOptions {
  /** Share of requests (plain, $batch envelopes and batch items) answered 503 or 504. 0..1. */
  serverErrorRate?: number;
  /** Share of plain requests and $batch envelopes whose socket is destroyed without an answer. 0..1. */
  dropRate?: number;
  /** Overrides serverErrorRate for items inside a $batch. */
  itemServerErrorRate?: number;
  seed?: number;
}

export type Fault = { readonly kind: 'drop' } | { readonly kind: 'server-error'; readonly status: 503 | 504 };

export class Faults {
  private readonly prng: Prng;
  private readonly serverErrorRate: number;
  private readonly itemServerErrorRate: number;
  private readonly dropRate: number;

  constructor(options: FaultOptions = {}) {
    this.prng = new Prng(options.seed ?? 1);
    this.serverErrorRate = options.serverErrorRate ?? 0;
    this.itemServerErrorRate = options.itemServerErrorRate ?? this.serverErrorRate;
    this.dropRate = options.dropRate ?? 0;
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
    if (rate > 0 && this.prng.next() < rate) return { kind: 'server-error', status: this.prng.next() < 0.5 ? 503 : 504 };
    return undefined;
  }
}
