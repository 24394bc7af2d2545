import type { ServicePlan } from '../catalog/catalog';
import { isCountryCode } from '../catalog/countries';
import type { Block, DisableDirective, Token, UsageLocationDirective } from '../format/types';
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
}

export function buildBlockModel(block: Block, resolver: SkuResolver): BlockModel {
  const uses: SkuUse[] = [];
  const assigned: SkuUse[] = [];
  const removed: SkuUse[] = [];
  const disabledPlanIds = new Map<string, Set<string>>();
  const disables: DisableUse[] = [];
  const invalidUsageLocations: (UsageLocationDirective & { readonly code: Token })[] = [];
  let usageLocation: string | undefined;
  let onPremisesPstn = false;
  const resolve = (line: number, token: Token) => {
    const use = resolver.resolve(line, token);
    uses.push(use);
    return use;
  };

  for (const d of block.directives) {
    switch (d.kind) {
      case 'assign':
        for (const t of d.skus) assigned.push(resolve(d.line, t));
        break;
      case 'remove':
        for (const t of d.skus) removed.push(resolve(d.line, t));
        break;
      case 'disable': {
        if (!d.sku) break;
        const use = resolve(d.line, d.sku);
        const unknownPlans: Token[] = [];
        disables.push({ directive: d, use, unknownPlans });
        if (!use.sku) break;
        const off = disabledPlanIds.get(use.key) ?? new Set<string>();
        disabledPlanIds.set(use.key, off);
        for (const p of d.plans) {
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
        else invalidUsageLocations.push({ ...d, code: d.code });
        break;
      }
      case 'pstn':
        onPremisesPstn = true;
        break;
    }
  }
  return { block, uses, assigned, removed, disabledPlanIds, disables, usageLocation, invalidUsageLocations, onPremisesPstn };
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
