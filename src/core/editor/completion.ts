import { productNameFor, type Catalog, type Sku } from '../catalog/catalog';
import { COUNTRY_CODES, countryName } from '../catalog/countries';
import { commentStart, tokens } from '../format/line-scanner';
import { seatSummary, unassignableUnits } from '../tenant/seat-arithmetic';
import type { TenantSku, TenantSkus } from '../tenant/tenant-skus';

export type CompletionKind = 'keyword' | 'sku' | 'plan' | 'country' | 'value';

export interface Completion {
  readonly label: string;
  readonly kind: CompletionKind;
  readonly detail?: string;
  /** Markdown. */
  readonly documentation?: string;
  readonly insertText?: string;
  /** Orders the list: tenant SKUs first when signed in. */
  readonly sortText?: string;
}

export interface CompletionContext {
  readonly catalog: Catalog;
  readonly locale?: string;
  /** The tenant's subscriptions, which add their seats; absent when signed out. */
  readonly tenantSkus?: TenantSkus;
}

const KEYWORD_HELP: readonly [string, string, string][] = [
  ['assign', 'assign ', 'SKUs to add to the users below (alias: add). Part numbers, skuIds, separated by spaces or commas.'],
  ['remove', 'remove ', 'SKUs to take away from the users below.'],
  ['disable', 'disable ', 'Service plans to turn off inside a SKU: `disable ENTERPRISEPACK: YAMMER_ENTERPRISE SWAY`.'],
  ['usage-location', 'usage-location ', 'ISO 3166-1 alpha-2 country code, set on users that have none (required before Graph assigns a license).'],
  ['pstn on-premises', 'pstn on-premises', 'The users below are on Direct Routing or on-premises PSTN: Phone System only, never a Calling Plan.'],
];

/** Completions at a cursor position on one line. Pure: the editor adapter only maps kinds and ranges. */
export function completionsAt(lineText: string, character: number, ctx: CompletionContext): Completion[] {
  const before = lineText.slice(0, Math.min(character, commentStart(lineText)));
  if (character > commentStart(lineText)) return [];
  const words = tokens(before);
  const typingWord = before.length > 0 && !/[\s,:]$/.test(before);
  const complete = typingWord ? words.slice(0, -1) : words;

  if (complete.length === 0) {
    return KEYWORD_HELP.map(([label, insertText, documentation]) => ({ label, kind: 'keyword', insertText, documentation, detail: 'directive' }));
  }
  const keyword = complete[0].text.toLowerCase();
  switch (keyword) {
    case 'assign':
    case 'add':
    case 'remove':
      return skuCompletions(ctx);
    case 'disable': {
      const colon = before.indexOf(':', complete[0].end);
      if (colon < 0) return skuCompletions(ctx);
      const skuText = before.slice(complete[0].end, colon).trim();
      const r = ctx.catalog.resolveSku(skuText);
      const sku = r.kind === 'found' ? r.sku : r.kind === 'ambiguous' ? r.skus[0] : undefined;
      return sku ? sku.plans.map((p) => ({ label: p.name, kind: 'plan' as const, detail: p.friendlyName, documentation: `Service plan \`${p.name}\` in ${sku.partNumber}\n\nid \`${p.id}\`` })) : [];
    }
    case 'usage-location':
      if (complete.length > 1) return [];
      return COUNTRY_CODES.map((code) => ({ label: code, kind: 'country' as const, detail: countryName(code, ctx.locale) }));
    case 'pstn':
      return complete.length > 1 ? [] : [{ label: 'on-premises', kind: 'value', detail: 'Direct Routing or on-premises PSTN users' }];
    default:
      return [];
  }
}

const skuListCache = new WeakMap<Catalog, Map<string, Completion[]>>();

function skuCompletions(ctx: CompletionContext): Completion[] {
  const tenant = ctx.tenantSkus;
  if (!tenant) {
    // Signed out, the list depends only on the catalog and the language: build it once.
    let byLocale = skuListCache.get(ctx.catalog);
    if (!byLocale) skuListCache.set(ctx.catalog, (byLocale = new Map()));
    const key = ctx.locale ?? '';
    let list = byLocale.get(key);
    if (!list) byLocale.set(key, (list = ctx.catalog.skus.map((sku) => skuCompletion(sku, ctx.locale))));
    return list;
  }
  return ctx.catalog.skus.map((sku) => skuCompletion(sku, ctx.locale, tenant.byIdOrUndefined(sku.skuId)));
}

function skuCompletion(sku: Sku, locale: string | undefined, seats?: TenantSku): Completion {
  const name = productNameFor(sku, locale);
  // A few part numbers in Microsoft's table hold spaces; the skuId is the only way to write them on a line.
  const insertText = /\s/.test(sku.partNumber) ? sku.skuId : sku.partNumber;
  return {
    label: sku.partNumber,
    kind: 'sku',
    detail: seats ? `${name} (${seatSummary(seats)})` : name,
    documentation: skuMarkdown(sku, locale, seats),
    insertText,
    sortText: `${seats ? '0' : '1'}${sku.partNumber.toLowerCase()}`,
  };
}

export function skuMarkdown(sku: Sku, locale: string | undefined, seats?: TenantSku): string {
  const lines = [`**${productNameFor(sku, locale)}**`, '', `\`${sku.partNumber}\` · skuId \`${sku.skuId}\``];
  if (seats) lines.push('', `Tenant: ${seatSummary(seats)}${unassignableUnits(seats)}`);
  lines.push('', `Service plans (${sku.plans.length}):`, '', ...sku.plans.map((p) => `- \`${p.name}\` ${p.friendlyName}`));
  return lines.join('\n');
}
