import type { Catalog } from '../catalog/catalog';
import { COUNTRY_CODE_MISTAKES } from '../catalog/countries';
import { shown } from '../format/parse';
import { firstLineOf, skuUses, type BlockModel, type SkuUse } from '../model';
import { closest } from '../text/distance';
import { count } from '../text/translate';
import { finding } from './finding';
import type { FindingList } from './finding-list';

/**
 * Suggestions scan the whole catalog (unknown SKUs) or a SKU's plans (unknown plans): a hostile file
 * with thousands of unknown words stays linear by suggesting for the first ones only. One budget per
 * validation.
 */
export class Suggestions {
  private skusLeft = 200;
  private plansLeft = 200;

  constructor(private readonly catalog: Catalog) {}

  sku(written: string): { partNumber: string; productName: string } | undefined {
    return this.skusLeft-- > 0 ? this.catalog.suggestSkus(written, 1)[0] : undefined;
  }

  planNames(word: string, names: readonly string[]): string[] {
    return this.plansLeft-- > 0 ? closestNames(word, names) : [];
  }
}

/** What is wrong with the words of one block, each judged on its own: SKUs, plans, country codes. */
export function blockRules(model: BlockModel, suggestions: Suggestions, findings: FindingList): void {
  skuWordRules(model, suggestions, findings);
  unknownPlanRule(model, suggestions, findings);
  usageLocationRule(model, findings);
  disableWithoutAssignRule(model, findings);
  assignAndRemoveInBlockRule(model, findings);
}

/** legacy-sku-prefix, unknown-sku, ambiguous-sku. */
function skuWordRules(model: BlockModel, suggestions: Suggestions, findings: FindingList): void {
  const uses = skuUses(model);
  for (let i = 0; i < uses.length; i++) {
    const { line, token, written, sku, legacyPrefix, ambiguous } = uses[i];
    if (legacyPrefix !== undefined && sku) {
      if (findings.admits('legacy-sku-prefix', line, token.start, token.end)) {
        findings.push(
          finding(
            'legacy-sku-prefix',
            findings.t(
              '"{0}" is MSOnline\'s AccountSkuId form; Microsoft Graph uses the part number alone: {1}.',
              shown(token.text),
              sku.partNumber,
            ),
            line,
            token.start,
            token.end,
            { replacements: [sku.partNumber] },
          ),
        );
      }
    }
    if (!sku) {
      if (findings.admits('unknown-sku', line, token.start, token.end)) {
        const best = suggestions.sku(written);
        const message = best
          ? findings.t('Unknown SKU "{0}". Did you mean {1} ({2})?', shown(written), best.partNumber, best.productName)
          : findings.t('Unknown SKU "{0}": use a part number such as MCOEV or a skuId.', shown(written));
        findings.push(finding('unknown-sku', message, line, token.start, token.end, { unknownSku: written }));
      }
    } else if (ambiguous) {
      if (findings.admits('ambiguous-sku', line, token.start, token.end)) {
        const message = findings.t(
          "{0} names {1} SKUs in Microsoft's table ({2}); the one your tenant holds is used. Write the skuId to choose.",
          sku.partNumber,
          count(findings.t, ambiguous.length),
          ambiguous.map((s) => s.productName).join('; '),
        );
        findings.push(finding('ambiguous-sku', message, line, token.start, token.end));
      }
    }
  }
}

function unknownPlanRule(model: BlockModel, suggestions: Suggestions, findings: FindingList): void {
  for (let i = 0; i < model.disables.length; i++) {
    const { directive, use, unknownPlans } = model.disables[i];
    if (!use.sku || unknownPlans.length === 0) continue;
    const sku = use.sku;
    const names = sku.plans.map((x) => x.name);
    const itsPlans = `${names.slice(0, 12).join(', ')}${names.length > 12 ? ', ...' : ''}`;
    for (let j = 0; j < unknownPlans.length; j++) {
      const p = unknownPlans[j];
      if (findings.admits('unknown-plan', directive.line, p.start, p.end)) {
        findings.push(
          finding(
            'unknown-plan',
            findings.t('{0} has no service plan "{1}". Its plans: {2}.', sku.partNumber, shown(p.text), itsPlans),
            directive.line,
            p.start,
            p.end,
            { replacements: suggestions.planNames(p.text, names) },
          ),
        );
      }
    }
  }
}

function usageLocationRule(model: BlockModel, findings: FindingList): void {
  for (let i = 0; i < model.invalidUsageLocations.length; i++) {
    const { line, code } = model.invalidUsageLocations[i];
    if (!findings.admits('invalid-usage-location', line, code.start, code.end)) continue;
    const meant = COUNTRY_CODE_MISTAKES[code.text.toUpperCase()];
    findings.push(
      finding(
        'invalid-usage-location',
        meant
          ? findings.t('"{0}" is not an ISO 3166-1 alpha-2 country code: use {1}.', shown(code.text), meant)
          : findings.t(
              '"{0}" is not an ISO 3166-1 alpha-2 country code (two letters, such as FR, US or GB).',
              shown(code.text),
            ),
        line,
        code.start,
        code.end,
        meant ? { replacements: [meant] } : undefined,
      ),
    );
  }
}

function disableWithoutAssignRule(model: BlockModel, findings: FindingList): void {
  if (model.disables.length === 0) return;
  const assignedKeys = new Set(model.assigned.map((u) => u.key));
  for (let i = 0; i < model.disables.length; i++) {
    const { directive, use } = model.disables[i];
    const sku = use.sku;
    if (!sku || assignedKeys.has(use.key)) continue;
    if (findings.admits('disable-without-assign', directive.line, use.token.start, use.token.end)) {
      findings.push(
        finding(
          'disable-without-assign',
          findings.t(
            "This block does not assign {0}, so this disable changes nothing: add {0} to the block's assign line (users who hold it keep it, with these plans off).",
            sku.partNumber,
          ),
          directive.line,
          use.token.start,
          use.token.end,
          {
            addToAssign: {
              sku: sku.partNumber,
              assignLine: firstLineOf(model.block, 'assign'),
              beforeLine: directive.line,
            },
          },
        ),
      );
    }
  }
}

/** Inside one block; across blocks, user-rules reports it on the user. */
function assignAndRemoveInBlockRule(model: BlockModel, findings: FindingList): void {
  if ((model.block.users.length === 0 && model.block.groups.length === 0) || model.removed.length === 0) return;
  // A map only for long remove lines: most blocks remove one SKU, and a file may hold 26,000 blocks.
  const removedByKey = model.removed.length > 8 ? new Map(model.removed.map((u) => [u.key, u])) : undefined;
  for (let i = 0; i < model.assigned.length; i++) {
    const a = model.assigned[i];
    const r = removedByKey ? removedByKey.get(a.key) : lastRemoved(model.removed, a.key);
    if (r && findings.admits('assign-and-remove', r.line, r.token.start, r.token.end)) {
      findings.push(
        finding(
          'assign-and-remove',
          findings.t('{0} is both assigned and removed in this block.', a.sku?.partNumber ?? a.written),
          r.line,
          r.token.start,
          r.token.end,
          { removeFromList: true },
        ),
      );
    }
  }
}

/** The last removed use of this SKU, as a map built from the list would hold it. */
function lastRemoved(removed: readonly SkuUse[], key: string): SkuUse | undefined {
  for (let i = removed.length - 1; i >= 0; i--) if (removed[i].key === key) return removed[i];
  return undefined;
}

function closestNames(word: string, names: readonly string[]): string[] {
  const w = word.toUpperCase();
  const containing = names.filter((n) => n.toUpperCase().includes(w));
  return [...new Set([...closest(word, names, 3, 3), ...containing])].slice(0, 3);
}
