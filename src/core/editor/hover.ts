import type { Catalog } from '../catalog/catalog';
import { commentStart, tokens } from '../format/line-scanner';
import type { Token } from '../format/types';
import type { TenantSkus } from '../tenant/tenant-skus';
import { english, plural, type Translate } from '../text/translate';
import { skuMarkdown } from './completion';
import type { TenantGroups } from '../tenant/tenant-groups';
import { groupHoverAt } from './group-editor';
import { numberHoverAt } from './number-editor';
import type { TenantNumbersReader } from '../tenant/tenant-numbers';
import { isTenantKeyword, tenantForm } from '../format/tenant-line';
import { markdownCode, markdownText } from '../text/tenant-text';

export interface HoverResult {
  readonly markdown: string;
  readonly start: number;
  readonly end: number;
}

/**
 * Signed in: the display name of the tenant a `tenant` line names (by id or domain), when the
 * session can reach it; undefined when it cannot or does not know.
 */
export type TenantNameOf = (idOrDomain: string) => string | undefined;

/**
 * Hover text for the SKU, service plan, group, telephone number or `number-location` under the cursor, or the tenant
 * of a `tenant` line, if any.
 */
export function hoverAt(
  lineText: string,
  character: number,
  catalog: Catalog,
  locale?: string,
  tenantSkus?: TenantSkus,
  t: Translate = english,
  tenantGroups?: TenantGroups,
  tenantNumbers?: TenantNumbersReader,
  tenantName?: TenantNameOf,
): HoverResult | undefined {
  const onGroupLine = groupHoverAt(lineText, character, tenantGroups, tenantSkus, catalog, t);
  if (onGroupLine) return onGroupLine;
  const onNumber = numberHoverAt(lineText, character, tenantNumbers, t, locale);
  if (onNumber) return onNumber;
  const limit = commentStart(lineText);
  if (character >= limit) return undefined;
  const words = tokens(lineText, 0, limit);
  const word = words.find((w) => character >= w.start && character <= w.end);
  if (words.length === 2 && word && isTenantKeyword(words[0].text)) return tenantHover(words[1], t, tenantName);
  if (!word || word === words[0]) return undefined;
  const keyword = words[0].text.toLowerCase();
  if (!['assign', 'add', 'remove', 'disable'].includes(keyword)) return undefined;

  const colon = keyword === 'disable' ? lineText.indexOf(':', words[0].end) : -1;
  const isPlan = colon >= 0 && word.start > colon;
  if (isPlan) return planHover(lineText, words[0], colon, word, catalog, t);
  const text = word.text.replace(/:$/, '');
  const r = catalog.resolveSku(text);
  const skus = r.kind === 'found' ? [r.sku] : r.kind === 'ambiguous' ? r.skus : [];
  if (skus.length === 0) return undefined;
  return {
    markdown: skus.map((s) => skuMarkdown(s, locale, tenantSkus?.byIdOrUndefined(s.skuId), t)).join('\n\n---\n\n'),
    start: word.start,
    end: word.end,
  };
}

/** The tenant a file is for: its name when signed in to it, else what the line gives and how it is read. */
function tenantHover(word: Token, t: Translate, tenantName?: TenantNameOf): HoverResult | undefined {
  const form = tenantForm(word.text);
  if (!form) return undefined;
  const name = tenantName?.(word.text);
  const what =
    form === 'id'
      ? t('This file is written to the tenant with id {0}.', markdownCode(word.text))
      : t('This file is written to the tenant with the domain {0}.', markdownCode(word.text));
  return {
    markdown: [...(name ? [`**${markdownText(name)}**`, ''] : []), what].join('\n'),
    start: word.start,
    end: word.end,
  };
}

function planHover(
  lineText: string,
  keyword: Token,
  colon: number,
  word: Token,
  catalog: Catalog,
  t: Translate,
): HoverResult | undefined {
  const r = catalog.resolveSku(lineText.slice(keyword.end, colon).trim());
  const sku = r.kind === 'found' ? r.sku : r.kind === 'ambiguous' ? r.skus[0] : undefined;
  const plan = sku ? catalog.planInSku(sku, word.text) : catalog.plansNamed(word.text)[0];
  if (!plan) return undefined;
  const holders = catalog.skusWithPlan(plan.name);
  return {
    markdown: [
      `**${plan.friendlyName}**`,
      '',
      t('Service plan `{0}` · id `{1}`', plan.name, plan.id),
      '',
      inSkus(
        holders.map((s) => s.partNumber),
        t,
      ),
    ].join('\n'),
    start: word.start,
    end: word.end,
  };
}

/** "In 1 SKU: MCOEV.", "In 3 SKUs: …", or only the count past 8. */
function inSkus(partNumbers: readonly string[], t: Translate): string {
  const n = partNumbers.length;
  if (n > 8) return plural(t, n, 'In {0} SKU.', 'In {0} SKUs.');
  return plural(t, n, 'In {0} SKU: {1}.', 'In {0} SKUs: {1}.', partNumbers.join(', '));
}
