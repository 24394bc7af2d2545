import type { Catalog } from '../catalog/catalog';
import { COUNTRY_CODE_MISTAKES } from '../catalog/countries';
import { shown } from '../format/parse';
import { firstLineOf, skuUses, type BlockModel, type SkuUse } from '../model';
import { closest } from '../text/distance';
import { count } from '../text/translate';
import { BLOCK_RULES } from './definitions/block';
import { finding } from './finding';
import { say } from './rule';
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

const UNKNOWN_SKU = BLOCK_RULES['unknown-sku'];
const USAGE_LOCATION = BLOCK_RULES['invalid-usage-location'];

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
            say(findings.t, BLOCK_RULES['legacy-sku-prefix'], 'default', shown(token.text), sku.partNumber),
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
          ? say(findings.t, UNKNOWN_SKU, 'withSuggestion', shown(written), best.partNumber, best.productName)
          : say(findings.t, UNKNOWN_SKU, 'default', shown(written));
        findings.push(finding('unknown-sku', message, line, token.start, token.end, { unknownSku: written }));
      }
    } else if (ambiguous) {
      if (findings.admits('ambiguous-sku', line, token.start, token.end)) {
        const message = say(
          findings.t,
          BLOCK_RULES['ambiguous-sku'],
          'default',
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
            say(findings.t, BLOCK_RULES['unknown-plan'], 'default', sku.partNumber, shown(p.text), itsPlans),
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
          ? say(findings.t, USAGE_LOCATION, 'withSuggestion', shown(code.text), meant)
          : say(findings.t, USAGE_LOCATION, 'default', shown(code.text)),
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
          say(findings.t, BLOCK_RULES['disable-without-assign'], 'default', sku.partNumber),
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
          say(findings.t, BLOCK_RULES['assign-and-remove'], 'inBlock', a.sku?.partNumber ?? a.written),
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
