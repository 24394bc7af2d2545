import type { Catalog } from '../catalog/catalog';
import { commentStart, tokens } from '../format/line-scanner';
import type { Token } from '../format/types';
import type { TenantSkus } from '../tenant/tenant-skus';
import { skuMarkdown } from './completion';
import type { TenantGroups } from '../tenant/tenant-groups';
import { groupHoverAt } from './group-editor';

export interface HoverResult {
  readonly markdown: string;
  readonly start: number;
  readonly end: number;
}

/** Hover text for the SKU or service plan under the cursor, if any. */
export function hoverAt(lineText: string, character: number, catalog: Catalog, locale?: string, tenantSkus?: TenantSkus, tenantGroups?: TenantGroups): HoverResult | undefined {
  const onGroupLine = groupHoverAt(lineText, character, tenantGroups, tenantSkus, catalog);
  if (onGroupLine) return onGroupLine;
  const limit = commentStart(lineText);
  if (character >= limit) return undefined;
  const words = tokens(lineText, 0, limit);
  const word = words.find((w) => character >= w.start && character <= w.end);
  if (!word || word === words[0]) return undefined;
  const keyword = words[0].text.toLowerCase();
  if (!['assign', 'add', 'remove', 'disable'].includes(keyword)) return undefined;

  const colon = keyword === 'disable' ? lineText.indexOf(':', words[0].end) : -1;
  const isPlan = colon >= 0 && word.start > colon;
  if (isPlan) return planHover(lineText, words[0], colon, word, catalog);
  const text = word.text.replace(/:$/, '');
  const r = catalog.resolveSku(text);
  const skus = r.kind === 'found' ? [r.sku] : r.kind === 'ambiguous' ? r.skus : [];
  if (skus.length === 0) return undefined;
  return { markdown: skus.map((s) => skuMarkdown(s, locale, tenantSkus?.byIdOrUndefined(s.skuId))).join('\n\n---\n\n'), start: word.start, end: word.end };
}

function planHover(lineText: string, keyword: Token, colon: number, word: Token, catalog: Catalog): HoverResult | undefined {
  const r = catalog.resolveSku(lineText.slice(keyword.end, colon).trim());
  const sku = r.kind === 'found' ? r.sku : r.kind === 'ambiguous' ? r.skus[0] : undefined;
  const plan = sku ? catalog.planInSku(sku, word.text) : catalog.plansNamed(word.text)[0];
  if (!plan) return undefined;
  const holders = catalog.skusWithPlan(plan.name);
  return {
    markdown: [`**${plan.friendlyName}**`, '', `Service plan \`${plan.name}\` · id \`${plan.id}\``, '', `In ${holders.length === 1 ? '1 SKU' : `${holders.length} SKUs`}${holders.length <= 8 ? `: ${holders.map((s) => s.partNumber).join(', ')}` : ''}.`].join('\n'),
    start: word.start,
    end: word.end,
  };
}
