import { createHash } from 'node:crypto';

/**
 * Eventual consistency, as Microsoft Entra documents it: "A successful write to Microsoft Entra does not
 * guarantee that an immediate read will reflect that change. [...] the write is accepted first and
 * replicated asynchronously across directory replicas. During this replication window, it is normal for
 * a read request to not return the latest data for entities that have been recently updated [...] A
 * recently updated property to not yet be visible" (Microsoft Entra identity blog, "Designing for Eventual
 * Consistency for Microsoft Entra", 2026-03-24).
 *
 * Model: writes always apply to the authoritative state at once (`EmulatorTenant`); each written object
 * (a user, a SKU's counts) becomes visible to reads only `lag` Graph seconds after the write, where `lag`
 * is drawn once per object from the seed, uniformly in [minSeconds, maxSeconds]. Until then a read sees
 * the object as it was before that write. Reads are GET users, GET users/{id}, licenseDetails and
 * subscribedSkus; assignLicense's preconditions (usage location, seats) read the replica too, so a usage
 * location just PATCHed or a seat just freed can still be missing. [INF] one replica for every caller,
 * and no 404 for a new object (the emulator creates none).
 */
export interface ReplicationLagOptions {
  /** Longest delay, in Graph seconds, before a write to an object is visible to reads. */
  readonly maxSeconds: number;
  /** Shortest delay; default 0. Set it to maxSeconds for one known lag on every object. */
  readonly minSeconds?: number;
  /** Picks each object's delay; default 1. */
  readonly seed?: number;
}

interface Version<T> {
  /** Graph-time ms from which reads see `value`. */
  readonly visibleAt: number;
  readonly value: T;
}

interface History<T> {
  /** What replicas show until the first pending version becomes visible. */
  base: T;
  /** Pending writes, oldest first (visibleAt grows: the lag is fixed per object). */
  versions: Version<T>[];
}

export class Replica {
  readonly enabled: boolean;
  private readonly min: number;
  private readonly max: number;
  private readonly seed: number;
  private readonly histories = new Map<string, History<unknown>>();

  constructor(options?: ReplicationLagOptions | false) {
    this.enabled = !!options && options.maxSeconds > 0;
    const max = options ? options.maxSeconds : 0;
    const min = options ? (options.minSeconds ?? 0) : 0;
    if (options && (!(max >= 0) || !(min >= 0) || min > max))
      throw new RangeError(`replicationLag needs 0 <= minSeconds <= maxSeconds, got ${min}..${max}`);
    this.min = min;
    this.max = max;
    this.seed = options ? (options.seed ?? 1) : 1;
  }

  /** Graph seconds a write to `key` takes to reach reads: fixed per object and seed. */
  lagSeconds(key: string): number {
    if (!this.enabled) return 0;
    const h = createHash('sha1').update(`${this.seed}\u0000${key}`).digest();
    const u = h.readUInt32BE(0) / 0x1_0000_0000;
    return this.min + (this.max - this.min) * u;
  }

  /** A write changed `live` (which looked like `before` just prior) at Graph time `now`. */
  recordWrite<T>(key: string, before: T, live: T, now: number): void {
    if (!this.enabled) return;
    let history = this.histories.get(key) as History<T> | undefined;
    if (!history) {
      history = { base: before, versions: [] };
      this.histories.set(key, history as History<unknown>);
    } else {
      this.settle(history, now);
    }
    history.versions.push({ visibleAt: now + this.lagSeconds(key) * 1000, value: structuredClone(live) });
  }

  /** What a read at `now` sees of the object whose authoritative state is `live`. */
  visible<T>(key: string, live: T, now: number): T {
    const history = this.histories.get(key) as History<T> | undefined;
    if (!history) return live;
    this.settle(history, now);
    if (history.versions.length === 0) {
      // Every write has replicated: the live object is what everyone sees (hand edits by tests included).
      this.histories.delete(key);
      return live;
    }
    return history.base;
  }

  /** Folds the versions visible at `now` into the base. */
  private settle<T>(history: History<T>, now: number): void {
    while (history.versions.length && history.versions[0].visibleAt <= now)
      history.base = history.versions.shift()!.value;
  }
}

/** Copies for `recordWrite`'s `before`, taken only when there is a lag to model. */
export function snapshot<T>(replica: Replica, value: T): T {
  return replica.enabled ? structuredClone(value) : value;
}
