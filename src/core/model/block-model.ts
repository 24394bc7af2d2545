import type { ServicePlan } from '../catalog/catalog';
import { isCountryCode } from '../catalog/countries';
import type { Block, DisableDirective, ExactDirective, Token, UsageLocationDirective } from '../format/types';
import type { SkuResolver, SkuUse } from './sku-use';

export interface DisableUse {
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
  /** Every SKU word of the block in directive order: assign, remove and disable alike. */
  readonly uses: readonly SkuUse[];
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

export function buildBlockModel(block: Block, resolver: SkuResolver): BlockModel {
  // Counted first so the lists are made at their size (push reserves room for 16).
  let assignCount = 0;
  let removeCount = 0;
  let disableCount = 0;
  for (let i = 0; i < block.directives.length; i++) {
    const d = block.directives[i];
    if (d.kind === 'assign') assignCount += d.skus.length;
    else if (d.kind === 'remove') removeCount += d.skus.length;
    else if (d.kind === 'disable' && d.sku) disableCount++;
  }
  const assigned = sized<SkuUse>(assignCount);
  const removed = sized<SkuUse>(removeCount);
  // A block of assign lines only (the common one) lists its words once: `uses` is then `assigned`.
  const onlyAssigned = removeCount === 0 && disableCount === 0;
  const uses = onlyAssigned ? assigned : sized<SkuUse>(assignCount + removeCount + disableCount);
  let usesFilled = 0;
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
          if (!onlyAssigned) uses[usesFilled++] = use;
          if (d.kind === 'assign') assigned[assignedFilled++] = use;
          else removed[removedFilled++] = use;
        }
        break;
      }
      case 'disable': {
        if (!d.sku) break;
        const use = resolver.resolve(d.line, d.sku);
        uses[usesFilled++] = use;
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
  return {
    block,
    uses,
    assigned,
    removed,
    disabledPlanIds: disabledPlanIds ?? NO_DISABLED_PLANS,
    disables: disables ?? NONE,
    usageLocation,
    invalidUsageLocations: invalidUsageLocations ?? NONE,
    onPremisesPstn,
    ...(exact ? { exact } : {}),
  };
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
