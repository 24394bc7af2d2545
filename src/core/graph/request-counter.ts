import type { Context, Middleware } from '@microsoft/microsoft-graph-client';

/** What actually went over the wire, retries included: the run reports it next to the user count. */
export interface RequestCounts {
  /** HTTP requests sent (a `$batch` envelope counts once). */
  httpRequests: number;
  /** assignLicense and PATCH requests, each `$batch` item counted (Graph's write quota counts them so). */
  writes: number;
}

export const newRequestCounts = (): RequestCounts => ({ httpRequests: 0, writes: 0 });

/** Last before the network, so that every retry is counted. */
export class RequestCounterMiddleware implements Middleware {
  private next?: Middleware;

  constructor(private readonly counts: RequestCounts) {}

  async execute(context: Context): Promise<void> {
    this.counts.httpRequests++;
    const method = (context.options?.method ?? 'GET').toUpperCase();
    const url = typeof context.request === 'string' ? context.request : context.request.url;
    // `$batch` items are counted by the batch executor, which sees inside the envelope.
    if (method !== 'GET' && !/\/\$batch(\?|$)/.test(url)) this.counts.writes++;
    await this.next!.execute(context);
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}
