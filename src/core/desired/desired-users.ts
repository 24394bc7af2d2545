import type { Catalog } from '../catalog/catalog';
import { parsePhoneNumber } from '../format/e164';
import type { Block, NumberLocationDirective, ParsedFile, UserEntry } from '../format/types';
import { buildBlockModel, SkuResolver, type BlockModel } from '../model';
import type { DesiredLicense, DesiredNumber, DesiredUser } from './desired';

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
  // The last line that gives a user a number (or no-number) wins; most files give none.
  const numbers = new Map<string, { entry: UserEntry; block: Block }>();
  for (const [index, block] of parsed.blocks.entries()) {
    for (const entry of block.users) {
      if (entry.number) numbers.set(entry.key, { entry, block });
      const listing = listings.get(entry.key);
      if (!listing) listings.set(entry.key, { user: entry.token.text, line: entry.line + 1, blocks: [index] });
      else if (listing.blocks[listing.blocks.length - 1] !== index) listing.blocks.push(index);
    }
  }
  const merged = new Map<string, Omit<DesiredUser, 'user' | 'line'>>();
  const result: DesiredUser[] = [];
  for (const [key, { user, line, blocks }] of listings) {
    const setKey = blocks.join(',');
    let wanted = merged.get(setKey);
    if (!wanted) merged.set(setKey, (wanted = mergeWants(blocks.map((i) => wants[i]))));
    const numbered = numbers.size > 0 ? numbers.get(key) : undefined;
    const number = numbered && desiredNumber(numbered.entry, numbered.block);
    result.push(number ? { user, line, ...wanted, number } : { user, line, ...wanted });
  }
  return result;
}

/**
 * The number a user line wants, in the canonical form Teams is sent (e164.ts), with the emergency location of
 * its block (the block's last `number-location` with an id). Undefined for a malformed number: the file then
 * has an error, which blocks a run.
 */
function desiredNumber(entry: UserEntry, block: Block): DesiredNumber | undefined {
  const written = entry.number;
  if (!written) return undefined;
  if (written.kind === 'no-number') return { kind: 'none', line: entry.line + 1 };
  const parsed = parsePhoneNumber(written.token.text);
  if (!parsed.ok) return undefined;
  const { e164, extension, canonical } = parsed.number;
  const location = block.directives.filter(
    (d): d is NumberLocationDirective & { id: NonNullable<NumberLocationDirective['id']> } =>
      d.kind === 'number-location' && d.id !== undefined,
  );
  const locationId = location.length > 0 ? location[location.length - 1].id.text : undefined;
  return {
    kind: 'number',
    e164,
    ...(extension ? { extension } : {}),
    canonical,
    ...(locationId ? { locationId } : {}),
    line: entry.line + 1,
  };
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
