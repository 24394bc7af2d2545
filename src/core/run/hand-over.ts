/**
 * A first-in first-out hand-over from one producer to consumers that wait for it: the reads of a
 * run give users as Graph answers them, the planner and the writers take them when they are ready.
 */
export class HandOver<T> implements AsyncIterable<T> {
  private readonly items: T[] = [];
  private readonly waiting: { resolve: (item: T | undefined) => void; reject: (e: unknown) => void }[] = [];
  private closed = false;
  private failure?: { readonly error: unknown };

  give(item: T): void {
    const taker = this.waiting.shift();
    if (taker) taker.resolve(item);
    else this.items.push(item);
  }

  /** No more items: waiting consumers get undefined once the items given are taken. */
  close(): void {
    this.closed = true;
    for (const taker of this.waiting.splice(0)) taker.resolve(undefined);
  }

  /** The producer broke: consumers get its error once the items given are taken. */
  fail(error: unknown): void {
    this.failure = { error };
    this.closed = true;
    for (const taker of this.waiting.splice(0)) taker.reject(error);
  }

  /** The next item, or undefined once closed and empty. */
  take(): Promise<T | undefined> {
    if (this.items.length > 0) return Promise.resolve(this.items.shift());
    if (this.failure) return Promise.reject(this.failure.error);
    if (this.closed) return Promise.resolve(undefined);
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    for (let next = await this.take(); next !== undefined; next = await this.take()) yield next;
  }
}
