/**
 * Runs `task(0..count-1)` with at most `concurrency` running at once, in index order. A task that
 * wants the pool to stop starting new work returns or checks its own cancellation.
 */
export async function runPool(
  count: number,
  concurrency: number,
  task: (index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next++;
      await task(index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}

/** `[a, b, c, d, e]` by 2 → `[[a, b], [c, d], [e]]`. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
