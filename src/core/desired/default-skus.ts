import type { DesiredUser } from './desired';
import { stripLegacyPrefix } from '../catalog/catalog';

/**
 * A plain list of UPNs (no directives) gets its licenses from the command line
 * (`--assign SKU,... --remove SKU,...`, `--usage-location CC`); users the file already gives
 * licenses (or a usage location) to keep theirs.
 */
export function withDefaultSkus(
  users: readonly DesiredUser[],
  defaults: { assign?: readonly string[]; remove?: readonly string[]; usageLocation?: string },
): DesiredUser[] {
  const assign = (defaults.assign ?? []).map(stripLegacyPrefix).filter(Boolean);
  const remove = (defaults.remove ?? []).map(stripLegacyPrefix).filter(Boolean);
  return users.map((u) => ({
    ...u,
    assign: u.assign.length === 0 ? assign.map((sku) => ({ sku })) : u.assign,
    remove: u.remove.length === 0 ? remove : u.remove,
    ...(defaults.usageLocation && !u.usageLocation ? { usageLocation: defaults.usageLocation } : {}),
  }));
}

/** `A,B , c` → ['A', 'B', 'c']. */
export const splitSkuList = (text: string): string[] =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
