/**
 * The smallest cancellation contract the engine needs. VS Code's `CancellationToken` satisfies it
 * as is; `fromAbortSignal` adapts an `AbortSignal` (CLI, tests).
 */
export interface Cancellation {
  readonly isCancellationRequested: boolean;
  onCancellationRequested(listener: () => void): { dispose(): void };
}

export const neverCancelled: Cancellation = {
  isCancellationRequested: false,
  onCancellationRequested: () => ({ dispose: () => undefined }),
};

export function fromAbortSignal(signal: AbortSignal): Cancellation {
  return {
    get isCancellationRequested() {
      return signal.aborted;
    },
    onCancellationRequested(listener) {
      if (signal.aborted) {
        queueMicrotask(listener);
        return { dispose: () => undefined };
      }
      signal.addEventListener('abort', listener, { once: true });
      return { dispose: () => signal.removeEventListener('abort', listener) };
    },
  };
}

/**
 * The longest delay `setTimeout` takes (2^31 - 1 ms, about 24.8 days): a longer one overflows to
 * 1 ms and fires at once, so a wait made of Graph's numbers would spin instead of waiting.
 */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Waits `ms`; resolves `false` as soon as cancellation is requested, `true` when the time is up.
 * A wait longer than a timer can hold is cut to `MAX_TIMER_MS`, never overflowed; a wait that is
 * not a number is none.
 */
export function sleep(given: number, cancellation: Cancellation = neverCancelled): Promise<boolean> {
  if (cancellation.isCancellationRequested) return Promise.resolve(false);
  const ms = Number.isNaN(given) ? 0 : Math.min(given, MAX_TIMER_MS);
  if (ms <= 0) return Promise.resolve(true);
  return new Promise((resolve) => {
    const subscription = cancellation.onCancellationRequested(() => {
      clearTimeout(timer);
      resolve(false);
    });
    const timer = setTimeout(() => {
      subscription.dispose();
      resolve(true);
    }, ms);
  });
}

/** A cancellation the engine can trigger itself (a journal that cannot be written) as well as the caller. */
export class CancellationSource {
  private cancelled = false;
  private readonly listeners = new Set<() => void>();
  private readonly parentSubscription?: { dispose(): void };
  readonly token: Cancellation;

  constructor(parent: Cancellation = neverCancelled) {
    const isCancelled = () => this.cancelled;
    this.token = {
      get isCancellationRequested() {
        return isCancelled();
      },
      onCancellationRequested: (listener) => {
        if (this.cancelled) {
          queueMicrotask(listener);
          return { dispose: () => undefined };
        }
        this.listeners.add(listener);
        return { dispose: () => this.listeners.delete(listener) };
      },
    };
    if (parent.isCancellationRequested) this.cancelled = true;
    else this.parentSubscription = parent.onCancellationRequested(() => this.cancel());
  }

  cancel(): void {
    if (this.cancelled) return;
    this.cancelled = true;
    for (const l of [...this.listeners]) l();
    this.listeners.clear();
  }

  dispose(): void {
    this.parentSubscription?.dispose();
    this.listeners.clear();
  }
}
