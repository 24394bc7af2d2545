import { PLAN_ROWS, SKU_ROWS } from './catalog-data.generated';
import { editDistance } from '../text/distance';
import { isGuid } from '../text/guid';

export interface ServicePlan {
  readonly id: string;
  readonly name: string;
  readonly friendlyName: string;
}

export interface Sku {
  readonly partNumber: string;
  /** Lower-case GUID. */
  readonly skuId: string;
  readonly productName: string;
  readonly productNameFr?: string;
  readonly plans: readonly ServicePlan[];
  readonly planIds: ReadonlySet<string>;
}

/** Part numbers are matched case- and whitespace-insensitively: the official table has stray spaces in a few. */
export const partNumberKey = (s: string): string => s.replace(/\s+/g, '').toUpperCase();

/** MSOnline's AccountSkuId `contoso:ENTERPRISEPACK` means ENTERPRISEPACK: the part after the first colon. */
function splitLegacyPrefix(written: string): { readonly legacyPrefix?: string; readonly name: string } {
  const text = written.trim();
  const colon = text.indexOf(':');
  return colon > 0 ? { legacyPrefix: text.slice(0, colon), name: text.slice(colon + 1).trim() } : { name: text };
}

export const stripLegacyPrefix = (written: string): string => splitLegacyPrefix(written).name;

export type SkuResolution =
  | { kind: 'found'; sku: Sku; legacyPrefix?: string }
  /** MCOPSTN5 is the part number of two SKUs: the tenant decides which one it holds. */
  | { kind: 'ambiguous'; skus: readonly Sku[]; legacyPrefix?: string }
  | { kind: 'unknown'; legacyPrefix?: string };

export class Catalog {
  private readonly byId = new Map<string, Sku>();
  private readonly byPartNumber = new Map<string, Sku[]>();
  private readonly plansById = new Map<string, ServicePlan>();
  private readonly plansByName = new Map<string, ServicePlan[]>();
  /** Per SKU, its plans by upper-case name and id: `disable` lines look plans up word by word. */
  private readonly plansOfSku = new WeakMap<Sku, Map<string, ServicePlan>>();

  constructor(readonly skus: readonly Sku[]) {
    for (const sku of skus) {
      this.byId.set(sku.skuId, sku);
      const key = partNumberKey(sku.partNumber);
      const list = this.byPartNumber.get(key);
      if (list) list.push(sku);
      else this.byPartNumber.set(key, [sku]);
      for (const plan of sku.plans) {
        if (this.plansById.has(plan.id)) continue;
        this.plansById.set(plan.id, plan);
        const nameKey = plan.name.toUpperCase();
        this.plansByName.set(nameKey, [...(this.plansByName.get(nameKey) ?? []), plan]);
      }
    }
  }

  private static builtInCatalog: Catalog | undefined;

  /** Microsoft's official SKU table, generated into the source tree by scripts/generate-catalog.mjs. */
  static builtIn(): Catalog {
    if (!Catalog.builtInCatalog) {
      const plans: ServicePlan[] = PLAN_ROWS.map(([id, name, friendlyName]) => ({ id, name, friendlyName }));
      const skus: Sku[] = SKU_ROWS.map(([partNumber, skuId, productName, planIndexes, productNameFr]) => {
        const skuPlans = planIndexes.map((i) => plans[i]);
        return {
          partNumber,
          skuId,
          productName,
          productNameFr,
          plans: skuPlans,
          planIds: new Set(skuPlans.map((p) => p.id)),
        };
      });
      Catalog.builtInCatalog = new Catalog(skus);
    }
    return Catalog.builtInCatalog;
  }

  skuById(skuId: string): Sku | undefined {
    return this.byId.get(skuId.toLowerCase());
  }

  skusByPartNumber(partNumber: string): readonly Sku[] {
    return this.byPartNumber.get(partNumberKey(partNumber)) ?? [];
  }

  /** Resolves a SKU as written in a file: part number, skuId GUID, or MSOnline's `tenant:PART` form. */
  resolveSku(written: string): SkuResolution {
    const { legacyPrefix, name } = splitLegacyPrefix(written);
    if (isGuid(name)) {
      const sku = this.skuById(name);
      return sku ? { kind: 'found', sku, legacyPrefix } : { kind: 'unknown', legacyPrefix };
    }
    const matches = this.skusByPartNumber(name);
    if (matches.length === 1) return { kind: 'found', sku: matches[0], legacyPrefix };
    if (matches.length > 1) return { kind: 'ambiguous', skus: matches, legacyPrefix };
    return { kind: 'unknown', legacyPrefix };
  }

  planById(id: string): ServicePlan | undefined {
    return this.plansById.get(id.toLowerCase());
  }

  plansNamed(name: string): readonly ServicePlan[] {
    return this.plansByName.get(name.trim().toUpperCase()) ?? [];
  }

  /** A plan of this SKU, by name (case-insensitive) or id. */
  planInSku(sku: Sku, nameOrId: string): ServicePlan | undefined {
    let plans = this.plansOfSku.get(sku);
    if (!plans) {
      plans = new Map();
      for (const p of sku.plans) {
        // The first plan in the SKU's order wins a key, name or id, as a search in order would.
        for (const key of [p.name.toUpperCase(), p.id.toUpperCase()]) if (!plans.has(key)) plans.set(key, p);
      }
      this.plansOfSku.set(sku, plans);
    }
    return plans.get(nameOrId.trim().toUpperCase());
  }

  /** SKUs holding a plan of this name. */
  skusWithPlan(planName: string): Sku[] {
    const ids = new Set(this.plansNamed(planName).map((p) => p.id));
    return this.skus.filter((s) => [...ids].some((id) => s.planIds.has(id)));
  }

  /** Each SKU's part-number key and product-name words, split once: validation asks for up to 200 suggestions. */
  private suggestionIndex:
    { readonly sku: Sku; readonly key: string; readonly productWords: readonly string[] }[] | undefined;

  /**
   * Part numbers an admin probably meant: close in spelling, or whose product name contains every
   * word typed ("E3" finds ENTERPRISEPACK "Office 365 E3" and SPE_E3 "Microsoft 365 E3").
   */
  suggestSkus(written: string, count = 5): Sku[] {
    const query = partNumberKey(written.includes(':') ? written.slice(written.indexOf(':') + 1) : written);
    if (!query) return [];
    const words = written
      .toLowerCase()
      .split(/[\s_:,-]+/)
      .filter(Boolean);
    const scored: { sku: Sku; score: number }[] = [];
    this.suggestionIndex ??= this.skus.map((sku) => ({
      sku,
      key: partNumberKey(sku.partNumber),
      productWords: sku.productName.toLowerCase().split(/[\s()_,-]+/),
    }));
    for (const { sku, key, productWords } of this.suggestionIndex) {
      const distance = editDistance(query, key, 3);
      let score = distance <= 3 ? distance : Number.POSITIVE_INFINITY;
      if (words.length && words.every((w) => productWords.includes(w))) {
        // Shorter product names first: "Office 365 E3" before "Office 365 E3 (no Teams)".
        score = Math.min(score, 1 + sku.productName.length / 100);
      }
      if (score !== Number.POSITIVE_INFINITY) scored.push({ sku, score });
    }
    return scored
      .sort((a, b) => a.score - b.score || a.sku.partNumber.localeCompare(b.sku.partNumber))
      .slice(0, count)
      .map((s) => s.sku);
  }
}

/** The product name in the UI language: French where the catalog has one and VS Code runs in French. */
export function productNameFor(sku: Sku, locale: string | undefined): string {
  return locale?.toLowerCase().startsWith('fr') && sku.productNameFr ? sku.productNameFr : sku.productName;
}
