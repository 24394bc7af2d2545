import type { ServicePlan } from '../catalog/catalog';
import { isCountryCode } from '../catalog/countries';
import type { Block, DisableDirective, ExactDirective, Token, UsageLocationDirective } from '../format/types';
import type { SkuResolver, SkuUse } from './sku-use';

interface DisableUse {
  readonly directive: DisableDirective;
  readonly use: SkuUse;
  /** Plan words the SKU does not contain (none when the SKU itself is unknown). */
  readonly unknownPlans: readonly Token[];
}

/**
 * One block's directives, resolved once and shared by the rules (which raise findings) and the
 * planner (which only needs what the block asks for). Building it never judges the file.
 */
export interface BlockModel {
  readonly block: Block;
  readonly assigned: readonly SkuUse[];
  readonly removed: readonly SkuUse[];
  /** skuKey → plan ids the block turns off in that SKU. */
  readonly disabledPlanIds: ReadonlyMap<string, ReadonlySet<string>>;
  readonly disables: readonly DisableUse[];
  /** The last valid country code of the block. */
  readonly usageLocation?: string;
  /** `usage-location` lines whose code is no ISO 3166-1 alpha-2 code. */
  readonly invalidUsageLocations: readonly (UsageLocationDirective & { readonly code: Token })[];
  readonly onPremisesPstn: boolean;
  /** The block's first `exact` line: its users' direct licenses are exactly what their blocks assign. */
  readonly exact?: ExactDirective;
}

// Shared by every block that has none of a kind: a hostile file holds 26,000 blocks of one line each.
const NONE: readonly never[] = Object.freeze([]);
const NO_DISABLED_PLANS: ReadonlyMap<string, ReadonlySet<string>> = new Map();

/** An array for exactly `size` entries; the shared empty one when there are none (it is never written). */
const sized = <T>(size: number): T[] => (size === 0 ? (NONE as unknown as T[]) : new Array<T>(size));

/**
 * A one-word list kept by the model is written as a literal: V8 learns to allocate a literal
 * site's long-lived objects with the long-lived ones instead of copying them at each collection
 * (it never does for `new Array`), and a hostile file holds 26,000 blocks of one word each.
 */
const kept = <T>(list: T[]): T[] => (list.length === 1 ? [list[0]] : list);

export function buildBlockModel(block: Block, resolver: SkuResolver): BlockModel {
  // Counted first so the lists are made at their size (push reserves room for 16).
  let assignCount = 0;
  let removeCount = 0;
  for (let i = 0; i < block.directives.length; i++) {
    const d = block.directives[i];
    if (d.kind === 'assign') assignCount += d.skus.length;
    else if (d.kind === 'remove') removeCount += d.skus.length;
  }
  const assigned = sized<SkuUse>(assignCount);
  const removed = sized<SkuUse>(removeCount);
  let assignedFilled = 0;
  let removedFilled = 0;
  let disabledPlanIds: Map<string, Set<string>> | undefined;
  let disables: DisableUse[] | undefined;
  let invalidUsageLocations: (UsageLocationDirective & { readonly code: Token })[] | undefined;
  let usageLocation: string | undefined;
  let onPremisesPstn = false;
  let exact: ExactDirective | undefined;

  for (let k = 0; k < block.directives.length; k++) {
    const d = block.directives[k];
    switch (d.kind) {
      case 'assign':
      case 'remove': {
        for (let i = 0; i < d.skus.length; i++) {
          const use = resolver.resolve(d.line, d.skus[i]);
          if (d.kind === 'assign') assigned[assignedFilled++] = use;
          else removed[removedFilled++] = use;
        }
        break;
      }
      case 'disable': {
        if (!d.sku) break;
        const use = resolver.resolve(d.line, d.sku);
        const unknownPlans: Token[] = [];
        (disables ??= []).push({ directive: d, use, unknownPlans });
        if (!use.sku) break;
        disabledPlanIds ??= new Map();
        const off = disabledPlanIds.get(use.key) ?? new Set<string>();
        disabledPlanIds.set(use.key, off);
        for (let j = 0; j < d.plans.length; j++) {
          const p = d.plans[j];
          const plan = resolver.catalog.planInSku(use.sku, p.text);
          if (plan) off.add(plan.id);
          else unknownPlans.push(p);
        }
        break;
      }
      case 'usage-location': {
        if (!d.code) break;
        const code = d.code.text.toUpperCase();
        if (isCountryCode(code)) usageLocation = code;
        else (invalidUsageLocations ??= []).push({ ...d, code: d.code });
        break;
      }
      case 'pstn':
        onPremisesPstn = true;
        break;
      case 'exact':
        exact ??= d;
        break;
    }
  }
  if (
    !disabledPlanIds &&
    !disables &&
    !invalidUsageLocations &&
    usageLocation === undefined &&
    !onPremisesPstn &&
    !exact
  )
    return new PlainBlockModel(block, kept(assigned), kept(removed));
  return {
    block,
    assigned: kept(assigned),
    removed: kept(removed),
    disabledPlanIds: disabledPlanIds ?? NO_DISABLED_PLANS,
    disables: disables ?? NONE,
    usageLocation,
    invalidUsageLocations: invalidUsageLocations ?? NONE,
    onPremisesPstn,
    ...(exact ? { exact } : {}),
  };
}

/**
 * A block of SKU lists and users only (no disable, usage-location, pstn or exact line): most blocks, and
 * a hostile file holds 26,000. Its four own fields are what each one keeps alive through the whole
 * validation; what it lacks is answered by its class.
 */
class PlainBlockModel implements BlockModel {
  constructor(
    readonly block: Block,
    readonly assigned: readonly SkuUse[],
    readonly removed: readonly SkuUse[],
  ) {}

  get disabledPlanIds(): ReadonlyMap<string, ReadonlySet<string>> {
    return NO_DISABLED_PLANS;
  }
  get disables(): readonly DisableUse[] {
    return NONE;
  }
  get usageLocation(): undefined {
    return undefined;
  }
  get invalidUsageLocations(): readonly never[] {
    return NONE;
  }
  get onPremisesPstn(): false {
    return false;
  }
  get exact(): undefined {
    return undefined;
  }
}

/**
 * Every SKU word of the block in directive order: assign, remove and disable alike. Made when
 * asked rather than kept in the model (a list per block that removes, kept alive by every
 * validation): each list is in line order and a directive holds one line, so they merge by line.
 */
export function skuUses(model: BlockModel): readonly SkuUse[] {
  const { assigned, removed, disables } = model;
  if (removed.length === 0 && disables.length === 0) return assigned;
  const all = new Array<SkuUse>(assigned.length + removed.length + disables.length);
  let a = 0;
  let r = 0;
  let d = 0;
  for (let n = 0; n < all.length; n++) {
    const aLine = a < assigned.length ? assigned[a].line : Infinity;
    const rLine = r < removed.length ? removed[r].line : Infinity;
    const dLine = d < disables.length ? disables[d].use.line : Infinity;
    all[n] = aLine <= rLine && aLine <= dLine ? assigned[a++] : rLine <= dLine ? removed[r++] : disables[d++].use;
  }
  return all;
}

const NO_PLANS: readonly ServicePlan[] = [];
const enabledByModel = new WeakMap<BlockModel, Map<string, readonly ServicePlan[]>>();

/**
 * The plans a SKU turns on where it is assigned: its plans minus the block's `disable`. The same
 * array for every use of one SKU in a block, so rules can cache what they derive from it.
 */
export function enabledPlans(model: BlockModel, use: SkuUse): readonly ServicePlan[] {
  if (!use.sku) return NO_PLANS;
  const off = model.disabledPlanIds.get(use.key);
  if (!off) return use.sku.plans;
  let byKey = enabledByModel.get(model);
  if (!byKey) enabledByModel.set(model, (byKey = new Map()));
  let plans = byKey.get(use.key);
  if (!plans) byKey.set(use.key, (plans = use.sku.plans.filter((p) => !off.has(p.id))));
  return plans;
}

export function firstLineOf(block: Block, kind: 'assign' | 'remove'): number | undefined {
  return block.directives.find((d) => d.kind === kind)?.line;
}
