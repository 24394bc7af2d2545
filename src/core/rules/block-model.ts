import { stripLegacyPrefix, type Catalog, type ServicePlan, type Sku } from '../catalog/catalog';
import { COUNTRY_CODE_MISTAKES, isCountryCode } from '../catalog/countries';
import { shown } from '../format/parse';
import { closest } from '../text/distance';
import type { Block, DisableDirective, Token } from '../format/types';
import { finding, type Finding } from './finding';

/** A SKU as written on an `assign`, `remove` or `disable` line, resolved against the catalog. */
export interface SkuUse {
  readonly line: number;
  readonly token: Token;
  /** As written, without an MSOnline `tenant:` prefix. */
  readonly written: string;
  readonly sku?: Sku;
  /** Identity for comparisons: the skuId when known, else the normalised text. */
  readonly key: string;
}

/** One block's directives, resolved once and shared by every rule. */
export interface BlockModel {
  readonly block: Block;
  readonly assigned: readonly SkuUse[];
  readonly removed: readonly SkuUse[];
  /** skuKey → plan ids the block turns off in that SKU. */
  readonly disabledPlanIds: ReadonlyMap<string, ReadonlySet<string>>;
  readonly disables: readonly { directive: DisableDirective; use: SkuUse }[];
  readonly usageLocation?: string;
  readonly onPremisesPstn: boolean;
}

export function enabledPlans(model: BlockModel, use: SkuUse): readonly ServicePlan[] {
  if (!use.sku) return [];
  const off = model.disabledPlanIds.get(use.key);
  return off ? use.sku.plans.filter((p) => !off.has(p.id)) : use.sku.plans;
}

/** Resolves SKU words, caching per text: a 50,000-user file repeats the same few SKUs. */
export class SkuResolver {
  private readonly cache = new Map<string, { sku?: Sku; written: string; legacyPrefix?: string; ambiguous?: readonly Sku[] }>();
  private suggestionsLeft = 200; // hostile files with thousands of unknown words stay fast

  constructor(private readonly catalog: Catalog) {}

  resolve(line: number, token: Token, findings: Finding[]): SkuUse {
    let hit = this.cache.get(token.text);
    if (!hit) {
      const r = this.catalog.resolveSku(token.text);
      const written = stripLegacyPrefix(token.text);
      hit =
        r.kind === 'found' ? { sku: r.sku, written, legacyPrefix: r.legacyPrefix }
        : r.kind === 'ambiguous' ? { sku: r.skus[0], written, legacyPrefix: r.legacyPrefix, ambiguous: r.skus }
        : { written, legacyPrefix: r.legacyPrefix };
      this.cache.set(token.text, hit);
    }
    if (hit.legacyPrefix !== undefined && hit.sku) {
      findings.push(
        finding(
          'legacy-sku-prefix',
          `"${shown(token.text)}" is MSOnline's AccountSkuId form; Microsoft Graph uses the part number alone: ${hit.sku.partNumber}.`,
          line, token.start, token.end, { replacements: [hit.sku.partNumber] },
        ),
      );
    }
    if (!hit.sku) {
      const best = this.suggestionsLeft-- > 0 ? this.catalog.suggestSkus(hit.written, 1)[0] : undefined;
      findings.push(
        finding(
          'unknown-sku',
          `Unknown SKU "${shown(hit.written)}"${best ? `. Did you mean ${best.partNumber} (${best.productName})?` : ': use a part number such as MCOEV or a skuId.'}`,
          line, token.start, token.end, { unknownSku: hit.written },
        ),
      );
    } else if (hit.ambiguous) {
      findings.push(
        finding(
          'ambiguous-sku',
          `${hit.sku.partNumber} names ${hit.ambiguous.length} SKUs in Microsoft's table (${hit.ambiguous.map((s) => s.productName).join('; ')}); the one your tenant holds is used. Write the skuId to choose.`,
          line, token.start, token.end,
        ),
      );
    }
    return { line, token, written: hit.written, sku: hit.sku, key: hit.sku ? hit.sku.skuId : `text:${hit.written.toUpperCase()}` };
  }
}

export function buildBlockModel(block: Block, resolver: SkuResolver, catalog: Catalog, findings: Finding[]): BlockModel {
  const assigned: SkuUse[] = [];
  const removed: SkuUse[] = [];
  const disabledPlanIds = new Map<string, Set<string>>();
  const disables: { directive: DisableDirective; use: SkuUse }[] = [];
  let usageLocation: string | undefined;
  let onPremisesPstn = false;

  for (const d of block.directives) {
    switch (d.kind) {
      case 'assign':
        for (const t of d.skus) assigned.push(resolver.resolve(d.line, t, findings));
        break;
      case 'remove':
        for (const t of d.skus) removed.push(resolver.resolve(d.line, t, findings));
        break;
      case 'disable': {
        if (!d.sku) break;
        const use = resolver.resolve(d.line, d.sku, findings);
        disables.push({ directive: d, use });
        if (!use.sku) break;
        const off = disabledPlanIds.get(use.key) ?? new Set<string>();
        disabledPlanIds.set(use.key, off);
        for (const p of d.plans) {
          const plan = catalog.planInSku(use.sku, p.text);
          if (plan) off.add(plan.id);
          else {
            const names = use.sku.plans.map((x) => x.name);
            findings.push(
              finding(
                'unknown-plan',
                `${use.sku.partNumber} has no service plan "${shown(p.text)}". Its plans: ${names.slice(0, 12).join(', ')}${names.length > 12 ? ', ...' : ''}.`,
                d.line, p.start, p.end, { replacements: closestNames(p.text, names) },
              ),
            );
          }
        }
        break;
      }
      case 'usage-location': {
        if (!d.code) break;
        const code = d.code.text.toUpperCase();
        if (isCountryCode(code)) usageLocation = code;
        else {
          const meant = COUNTRY_CODE_MISTAKES[code];
          findings.push(
            finding(
              'invalid-usage-location',
              `"${shown(d.code.text)}" is not an ISO 3166-1 alpha-2 country code${meant ? `: use ${meant}` : ' (two letters, such as FR, US or GB)'}.`,
              d.line, d.code.start, d.code.end, meant ? { replacements: [meant] } : undefined,
            ),
          );
        }
        break;
      }
      case 'pstn':
        onPremisesPstn = true;
        break;
    }
  }
  const model: BlockModel = { block, assigned, removed, disabledPlanIds, disables, usageLocation, onPremisesPstn };

  const assignedKeys = new Set(assigned.map((u) => u.key));
  for (const { directive, use } of disables) {
    if (use.sku && !assignedKeys.has(use.key)) {
      findings.push(
        finding(
          'disable-without-assign',
          `This block does not assign ${use.sku.partNumber}, so this disable changes nothing: add ${use.sku.partNumber} to the block's assign line (users who hold it keep it, with these plans off).`,
          directive.line, use.token.start, use.token.end,
          { addToAssign: { sku: use.sku.partNumber, assignLine: firstLineOf(block, 'assign'), beforeLine: directive.line } },
        ),
      );
    }
  }
  const removedByKey = new Map(removed.map((u) => [u.key, u]));
  for (const a of assigned) {
    const r = removedByKey.get(a.key);
    if (r && block.users.length > 0) {
      findings.push(
        finding('assign-and-remove', `${a.sku?.partNumber ?? a.written} is both assigned and removed in this block.`, r.line, r.token.start, r.token.end, { removeFromList: true }),
      );
    }
  }
  return model;
}

export function firstLineOf(block: Block, kind: 'assign' | 'remove'): number | undefined {
  return block.directives.find((d) => d.kind === kind)?.line;
}

function closestNames(word: string, names: readonly string[]): string[] {
  const w = word.toUpperCase();
  const containing = names.filter((n) => n.toUpperCase().includes(w));
  return [...new Set([...closest(word, names, 3, 3), ...containing])].slice(0, 3);
}
