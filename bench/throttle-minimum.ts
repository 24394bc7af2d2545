import type { WriteBudget } from '../src/core/graph/write-pacer';

/**
 * The least time `writes` can take under token-bucket quotas that start full: what exceeds each
 * bucket's capacity waits for its refill; the slowest bucket decides. In Graph seconds.
 */
export function throttleMinimumSeconds(writes: number, budgets: readonly WriteBudget[]): number {
  return Math.max(0, ...budgets.map((b) => (Math.max(0, writes - b.writes) * b.perSeconds) / b.writes));
}
