import { type EmulatorContext } from '../http/context';
import { snapshot } from './replication';
import { type EmulatorSku, type EmulatorUser } from './tenant';

/** The user or SKU as reads see it now (replication.ts): the live object unless a write is still replicating. */
export const visibleUser = (ctx: EmulatorContext, user: EmulatorUser): EmulatorUser =>
  ctx.replica.visible(`user:${user.id}`, user, ctx.clock.now());
export const visibleSku = (ctx: EmulatorContext, sku: EmulatorSku): EmulatorSku =>
  ctx.replica.visible(`sku:${sku.skuId}`, sku, ctx.clock.now());

/**
 * Runs a write against the live tenant and tells the replica which objects it changed: `user` (if given)
 * when `write` reports success, and every SKU whose consumedUnits moved.
 */
export function replicatedWrite<R>(
  ctx: EmulatorContext,
  user: EmulatorUser | undefined,
  write: () => R,
  succeeded: (result: R) => boolean,
): R {
  if (!ctx.replica.enabled) return write();
  const userBefore = user && snapshot(ctx.replica, user);
  const skusBefore = ctx.tenant.skus.map((s) => snapshot(ctx.replica, s));
  const result = write();
  if (!succeeded(result)) return result;
  const now = ctx.clock.now();
  if (user && userBefore) ctx.replica.recordWrite(`user:${user.id}`, userBefore, user, now);
  ctx.tenant.skus.forEach((sku, i) => {
    const before = skusBefore[i];
    if (before.skuId === sku.skuId && before.consumedUnits !== sku.consumedUnits)
      ctx.replica.recordWrite(`sku:${sku.skuId}`, before, sku, now);
  });
  return result;
}
