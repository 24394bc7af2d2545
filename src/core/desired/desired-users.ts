import type { Catalog } from '../catalog/catalog';
import type { ParsedFile } from '../format/types';
import { buildBlockModel, SkuResolver, type BlockModel } from '../model';
import type { DesiredLicense, DesiredUser } from './desired';

/** What one block gives each of its users, keyed by SKU (the first word wins the position, the last its text). */
export interface BlockWants {
  readonly assign: ReadonlyMap<string, DesiredLicense>;
  readonly remove: ReadonlyMap<string, string>;
  readonly usageLocation?: string;
  readonly onPremisesPstn: boolean;
  readonly exact: boolean;
}

interface Listing {
  readonly user: string;
  readonly line: number;
  readonly blocks: number[];
}

/**
 * What the file wants, per user, merged over every block the user appears in (first appearance
 * order). Linear in the file: each block is reduced once, and users listed in the same blocks share
 * one merge, so a block's SKU list is never copied once per user or per `disable` line.
 */
export function desiredUsers(parsed: ParsedFile, catalog: Catalog): DesiredUser[] {
  const resolver = new SkuResolver(catalog);
  const wants = parsed.blocks.map((block) => blockWants(buildBlockModel(block, resolver)));
  const listings = new Map<string, Listing>();
  for (const [index, block] of parsed.blocks.entries()) {
    for (const entry of block.users) {
      const listing = listings.get(entry.key);
      if (!listing) listings.set(entry.key, { user: entry.token.text, line: entry.line + 1, blocks: [index] });
      else if (listing.blocks[listing.blocks.length - 1] !== index) listing.blocks.push(index);
    }
  }
  const merged = new Map<string, Omit<DesiredUser, 'user' | 'line'>>();
  const result: DesiredUser[] = [];
  for (const { user, line, blocks } of listings.values()) {
    const setKey = blocks.join(',');
    let wanted = merged.get(setKey);
    if (!wanted) merged.set(setKey, (wanted = mergeWants(blocks.map((i) => wants[i]))));
    result.push({ user, line, ...wanted });
  }
  return result;
}

export function blockWants(model: BlockModel): BlockWants {
  const disabled = new Map<string, string[]>();
  for (const { directive, use } of model.disables) {
    const plans = disabled.get(use.key);
    if (plans) for (const p of directive.plans) plans.push(p.text);
    else
      disabled.set(
        use.key,
        directive.plans.map((p) => p.text),
      );
  }
  const assign = new Map<string, DesiredLicense>();
  for (const use of model.assigned) {
    const disabledPlans = disabled.get(use.key);
    assign.set(use.key, { sku: use.written, ...(disabledPlans ? { disabledPlans } : {}) });
  }
  const remove = new Map<string, string>();
  for (const use of model.removed) remove.set(use.key, use.written);
  return {
    assign,
    remove,
    usageLocation: model.usageLocation,
    onPremisesPstn: model.onPremisesPstn,
    exact: model.exact !== undefined,
  };
}

/**
 * Later blocks win for a SKU's entry and for the usage location; Map order keeps first appearance.
 * `exact` in any block makes the SKUs of all the user's blocks the whole set.
 */
function mergeWants(list: readonly BlockWants[]): Omit<DesiredUser, 'user' | 'line'> {
  const assign = new Map<string, DesiredLicense>();
  const remove = new Map<string, string>();
  let usageLocation: string | undefined;
  let onPremisesPstn = false;
  let exact = false;
  for (const w of list) {
    for (const [key, license] of w.assign) assign.set(key, license);
    for (const [key, written] of w.remove) remove.set(key, written);
    if (w.usageLocation) usageLocation = w.usageLocation;
    if (w.onPremisesPstn) onPremisesPstn = true;
    if (w.exact) exact = true;
  }
  return {
    assign: [...assign.values()],
    remove: [...remove.values()],
    ...(usageLocation ? { usageLocation } : {}),
    onPremisesPstn,
    ...(exact ? { exact } : {}),
  };
}
