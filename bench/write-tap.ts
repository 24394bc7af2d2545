/**
 * Watches this process's `fetch` (which graph-client uses on Node ≥ 20) for the `$batch` envelopes
 * that carry writes: how many went out, when the first left and when the last answer came back.
 * The engine's own counters cannot tell a write envelope from a re-read envelope sent in between.
 */
export interface WriteTap {
  /** `$batch` envelopes with at least one assignLicense or PATCH item, retries included. */
  readonly envelopes: number;
  /** performance.now() when the first left; undefined: none did. */
  readonly firstSentAt?: number;
  /** performance.now() when the last one's answer arrived. */
  readonly lastAnsweredAt?: number;
  stop(): void;
}

const WRITE_ITEM = /"method"\s*:\s*"(POST|PATCH)"/;

export function tapWrites(): WriteTap {
  const original = globalThis.fetch;
  const tap = {
    envelopes: 0,
    firstSentAt: undefined as number | undefined,
    lastAnsweredAt: undefined as number | undefined,
    stop: () => {
      globalThis.fetch = original;
    },
  };
  globalThis.fetch = async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const carriesWrites = /\/\$batch(\?|$)/.test(url) && typeof init?.body === 'string' && WRITE_ITEM.test(init.body);
    if (!carriesWrites) return original(input, init);
    tap.envelopes++;
    tap.firstSentAt ??= performance.now();
    const response = await original(input, init);
    // The body is read by the caller; the answer's headers are here, which is when Graph has answered.
    tap.lastAnsweredAt = performance.now();
    return response;
  };
  return tap;
}
