import { HandOver } from './hand-over';

/**
 * Users cut into chunks of `size` as they arrive, taken by `lanes` workers: what lets a run send its
 * first batches while later users are still being read. Arrivals go into the current chunk; a chunk
 * is handed over once full, and the last one, however small, when the arrivals end.
 */
export async function sendAsTheyArrive<T>(
  arrivals: AsyncIterable<readonly T[]>,
  size: number,
  lanes: number,
  send: (chunk: readonly T[]) => Promise<void>,
): Promise<void> {
  const queue = new HandOver<readonly T[]>();
  const workers = Array.from({ length: Math.max(1, lanes) }, async () => {
    for (let next = await queue.take(); next !== undefined; next = await queue.take()) await send(next);
  });
  let filling: T[] = [];
  try {
    for await (const items of arrivals) {
      for (const item of items) {
        filling.push(item);
        if (filling.length === size) {
          queue.give(filling);
          filling = [];
        }
      }
    }
    if (filling.length > 0) queue.give(filling);
  } finally {
    // Whatever ended the arrivals, the workers finish what they were given and stop.
    queue.close();
    await Promise.all(workers);
  }
}
