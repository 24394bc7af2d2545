import type { Catalog } from '../catalog/catalog';
import type { ParsedFile } from '../format/types';
import { buildBlockModel, SkuResolver } from '../model';
import type { DesiredLicense } from './desired';
import { blockWants } from './desired-users';

/**
 * What a `.licenses` file wants for one group (a `group` target line), merged over every block that
 * lists it, as desiredUsers does for users. Group licensing gives members without a usage location
 * the tenant's country, so a group has none.
 */
export interface DesiredGroup {
  /** Display name or object id, as written (without quotes). Compared case-insensitively. */
  readonly group: string;
  /** 1-based line of the group's first appearance. */
  readonly line: number;
  readonly assign: readonly DesiredLicense[];
  /** SKU references to take away from the group. */
  readonly remove: readonly string[];
  /** `pstn on-premises`: the group must not give a Calling Plan. */
  readonly onPremisesPstn: boolean;
}

export function desiredGroups(parsed: ParsedFile, catalog: Catalog): DesiredGroup[] {
  const resolver = new SkuResolver(catalog);
  const byKey = new Map<
    string,
    {
      group: string;
      line: number;
      assign: Map<string, DesiredLicense>;
      remove: Map<string, string>;
      onPremisesPstn: boolean;
    }
  >();
  for (const block of parsed.blocks) {
    if (block.groups.length === 0) continue;
    const wants = blockWants(buildBlockModel(block, resolver));
    for (const entry of block.groups) {
      let merged = byKey.get(entry.key);
      if (!merged)
        byKey.set(
          entry.key,
          (merged = {
            group: entry.token.text,
            line: entry.line + 1,
            assign: new Map(),
            remove: new Map(),
            onPremisesPstn: false,
          }),
        );
      for (const [key, license] of wants.assign) merged.assign.set(key, license);
      for (const [key, written] of wants.remove) merged.remove.set(key, written);
      if (wants.onPremisesPstn) merged.onPremisesPstn = true;
    }
  }
  return [...byKey.values()].map((g) => ({
    group: g.group,
    line: g.line,
    assign: [...g.assign.values()],
    remove: [...g.remove.values()],
    onPremisesPstn: g.onPremisesPstn,
  }));
}

/** Several files name the same group: later files win for a SKU's disabled plans, as for users. */
export function mergeDesiredGroups(lists: readonly (readonly DesiredGroup[])[]): DesiredGroup[] {
  const byKey = new Map<string, DesiredGroup>();
  for (const list of lists) {
    for (const g of list) {
      const key = g.group.toLowerCase();
      const earlier = byKey.get(key);
      if (!earlier) {
        byKey.set(key, g);
        continue;
      }
      const assign = new Map(earlier.assign.map((l) => [l.sku.toUpperCase(), l]));
      for (const l of g.assign) assign.set(l.sku.toUpperCase(), l);
      const remove = new Map(earlier.remove.map((r) => [r.toUpperCase(), r]));
      for (const r of g.remove) remove.set(r.toUpperCase(), r);
      byKey.set(key, {
        ...earlier,
        assign: [...assign.values()],
        remove: [...remove.values()],
        onPremisesPstn: earlier.onPremisesPstn || g.onPremisesPstn,
      });
    }
  }
  return [...byKey.values()];
}
