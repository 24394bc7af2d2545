import { productNameFor, type Catalog, type Sku } from '../catalog/catalog';
import { COUNTRY_CODES, countryName } from '../catalog/countries';
import { commentStart, tokens } from '../format/line-scanner';
import { seatSummary, unassignableUnits } from '../tenant/seat-arithmetic';
import type { TenantSku, TenantSkus } from '../tenant/tenant-skus';
import { deferred, english, plural, type Translate } from '../text/translate';
import { rankSkus } from './sku-ranking';
import type { TenantGroups } from '../tenant/tenant-groups';
import { groupCompletionList } from './group-editor';
import { numberCompletionList } from './number-editor';
import type { TenantNumbersReader } from '../tenant/tenant-numbers';

export type CompletionKind = 'keyword' | 'sku' | 'plan' | 'country' | 'value';

export interface Completion {
  readonly label: string;
  readonly kind: CompletionKind;
  readonly detail?: string;
  /** Shown on every row of the list (VS Code's label description), not only on the highlighted one. */
  readonly description?: string;
  /** Markdown. */
  readonly documentation?: string;
  readonly insertText?: string;
  /** Orders the list: for SKUs, the ranking of sku-ranking.ts for the word typed. */
  readonly sortText?: string;
  /** What the editor matches the typed word against, when not the label. */
  readonly filterText?: string;
}

export interface CompletionList {
  readonly items: Completion[];
  /**
   * The items were chosen and ranked for the word typed so far: the editor must ask again as the
   * word grows (VS Code re-asks only an incomplete list).
   */
  readonly isIncomplete: boolean;
  /** The characters an item replaces (the word under the cursor), when the items were ranked for it. */
  readonly replace?: { readonly start: number; readonly end: number };
}

export interface CompletionContext {
  readonly catalog: Catalog;
  readonly locale?: string;
  /** The tenant's subscriptions, which add their seats; absent when signed out. */
  readonly tenantSkus?: TenantSkus;
  /** The language of details and documentation; English when absent. */
  readonly t?: Translate;
  /** The tenant's groups, offered after `group ` (group-editor.ts); absent when signed out or unread. */
  readonly tenantGroups?: TenantGroups;
  /** The tenant's telephone numbers, whose free ones are offered after a user (number-editor.ts). */
  readonly tenantNumbers?: TenantNumbersReader;
}

const KEYWORD_HELP: readonly [string, string, string][] = [
  [
    'assign',
    'assign ',
    deferred('SKUs to add to the users below (alias: add). Part numbers, skuIds, separated by spaces or commas.'),
  ],
  ['remove', 'remove ', deferred('SKUs to take away from the users below.')],
  [
    'disable',
    'disable ',
    deferred('Service plans to turn off inside a SKU: `disable ENTERPRISEPACK: YAMMER_ENTERPRISE SWAY`.'),
  ],
  [
    'usage-location',
    'usage-location ',
    deferred('ISO 3166-1 alpha-2 country code, set on users that have none (required before Graph assigns a license).'),
  ],
  [
    'pstn on-premises',
    'pstn on-premises',
    deferred('The users below are on Direct Routing or on-premises PSTN: Phone System only, never a Calling Plan.'),
  ],
  [
    'exact',
    'exact',
    deferred(
      'The SKUs this block assigns are all the licenses the users below hold directly: any other direct license is removed (group licenses stay).',
    ),
  ],
  [
    'number-location',
    'number-location ',
    deferred(
      "The emergency location id (Teams locationId, a GUID) of the telephone numbers given to this block's users.",
    ),
  ],
  [
    'group',
    'group ',
    deferred(
      'A group to license, by display name or object id (quote a name holding " #"): the block\'s directives apply to it as to users; only security groups can be licensed.',
    ),
  ],
];

/** Completions at a cursor position on one line: the items of `completionListAt`. */
export function completionsAt(lineText: string, character: number, ctx: CompletionContext): Completion[] {
  return completionListAt(lineText, character, ctx).items;
}

/** Completions at a cursor position on one line. Pure: the editor adapter only maps kinds and ranges. */
export function completionListAt(lineText: string, character: number, ctx: CompletionContext): CompletionList {
  const items = (list: Completion[]): CompletionList => ({ items: list, isIncomplete: false });
  const onGroupLine = groupCompletionList(lineText, character, ctx.tenantGroups, ctx.tenantSkus, ctx.catalog, ctx.t);
  if (onGroupLine) return onGroupLine;
  const onUserLine = numberCompletionList(lineText, character, ctx.tenantNumbers, ctx.t, ctx.locale);
  if (onUserLine) return onUserLine;
  const before = lineText.slice(0, Math.min(character, commentStart(lineText)));
  if (character > commentStart(lineText)) return items([]);
  const words = tokens(before);
  const typingWord = before.length > 0 && !/[\s,:]$/.test(before);
  const complete = typingWord ? words.slice(0, -1) : words;
  // The word being typed: from its start to the cursor, and on to its end (the part an item replaces).
  const wordStart = typingWord ? words[words.length - 1].start : character;
  let wordEnd = character;
  while (wordEnd < lineText.length && !/[\s,:#]/.test(lineText[wordEnd])) wordEnd++;
  const skus = () => skuCompletions(ctx, lineText.slice(wordStart, character), { start: wordStart, end: wordEnd });
  const t = ctx.t ?? english;

  if (complete.length === 0) {
    return items(
      KEYWORD_HELP.map(([label, insertText, documentation]) => ({
        label,
        kind: 'keyword',
        insertText,
        documentation: t(documentation),
        detail: t('directive'),
      })),
    );
  }
  const keyword = complete[0].text.toLowerCase();
  switch (keyword) {
    case 'assign':
    case 'add':
    case 'remove':
      return skus();
    case 'disable': {
      const colon = before.indexOf(':', complete[0].end);
      if (colon < 0) return skus();
      const skuText = before.slice(complete[0].end, colon).trim();
      const r = ctx.catalog.resolveSku(skuText);
      const sku = r.kind === 'found' ? r.sku : r.kind === 'ambiguous' ? r.skus[0] : undefined;
      return items(
        sku
          ? sku.plans.map((p) => ({
              label: p.name,
              kind: 'plan' as const,
              detail: p.friendlyName,
              documentation: t('Service plan `{0}` in {1}', p.name, sku.partNumber) + `\n\nid \`${p.id}\``,
            }))
          : [],
      );
    }
    case 'usage-location':
      if (complete.length > 1) return items([]);
      return items(
        COUNTRY_CODES.map((code) => ({ label: code, kind: 'country' as const, detail: countryName(code, ctx.locale) })),
      );
    case 'pstn':
      return items(
        complete.length > 1
          ? []
          : [{ label: 'on-premises', kind: 'value', detail: t('Direct Routing or on-premises PSTN users') }],
      );
    default:
      return items([]);
  }
}

/**
 * The SKUs matching the word typed, in the order of sku-ranking.ts. VS Code orders the matches of a
 * word by its own fuzzy score first and by sortText only among equal scores; so each item's
 * filterText starts with the very text typed (every kept item then scores the same and our order
 * holds), followed by the part number and product names for the editor's own re-filtering
 * between two keystrokes.
 */
function skuCompletions(
  ctx: CompletionContext,
  typed: string,
  replace: { start: number; end: number },
): CompletionList {
  const tenant = ctx.tenantSkus;
  const t = ctx.t ?? english;
  const ranked = rankSkus(
    ctx.catalog,
    typed,
    ctx.locale,
    tenant ? (sku) => tenant.byIdOrUndefined(sku.skuId) !== undefined : undefined,
  );
  const width = String(ranked.length).length;
  const items = ranked.map((sku, rank) => {
    const seats = tenant?.byIdOrUndefined(sku.skuId);
    const item = seats ? skuCompletion(sku, ctx.locale, t, seats) : catalogSkuCompletion(sku, ctx.locale, t);
    const names = sku.productNameFr ? `${sku.productName} ${sku.productNameFr}` : sku.productName;
    return {
      ...item,
      sortText: String(rank).padStart(width, '0'),
      filterText: `${typed ? `${typed} ` : ''}${sku.partNumber} ${names}`,
    };
  });
  return { items, isIncomplete: true, replace };
}

const catalogItems = new WeakMap<Sku, Map<string, Completion>>();

/**
 * Without seats an item depends only on the SKU and the languages: built once, the list is re-asked at every keystroke.
 */
function catalogSkuCompletion(sku: Sku, locale: string | undefined, t: Translate): Completion {
  let byLocale = catalogItems.get(sku);
  if (!byLocale) catalogItems.set(sku, (byLocale = new Map()));
  const key = `${locale ?? ''}|${t.locale ?? ''}`;
  let item = byLocale.get(key);
  if (!item) byLocale.set(key, (item = skuCompletion(sku, locale, t)));
  return item;
}

function skuCompletion(sku: Sku, locale: string | undefined, t: Translate, seats?: TenantSku): Completion {
  const name = productNameFor(sku, locale);
  // A few part numbers in Microsoft's table hold spaces; the skuId is the only way to write them on a line.
  const insertText = /\s/.test(sku.partNumber) ? sku.skuId : sku.partNumber;
  const detail = seats ? `${name} (${seatSummary(seats, t)})` : name;
  return {
    label: sku.partNumber,
    kind: 'sku',
    detail,
    description: detail,
    documentation: skuMarkdown(sku, locale, seats, t),
    insertText,
  };
}

export function skuMarkdown(sku: Sku, locale: string | undefined, seats?: TenantSku, t: Translate = english): string {
  const lines = [`**${productNameFor(sku, locale)}**`, '', `\`${sku.partNumber}\` · skuId \`${sku.skuId}\``];
  if (seats) lines.push('', t('Tenant: {0}', seatSummary(seats, t) + unassignableUnits(seats, t)));
  lines.push(
    '',
    plural(t, sku.plans.length, 'Service plan ({0}):', 'Service plans ({0}):'),
    '',
    ...sku.plans.map((p) => `- \`${p.name}\` ${p.friendlyName}`),
  );
  return lines.join('\n');
}
