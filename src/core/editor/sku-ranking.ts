import { partNumberKey, productNameFor, type Catalog, type Sku } from '../catalog/catalog';

/*
 * Orders the catalog's SKUs for the word an admin is typing after `assign`/`remove`, so that what
 * they mean comes first: "E3" gives ENTERPRISEPACK (Office 365 E3) then SPE_E3 (Microsoft 365 E3),
 * "phone" MCOEV, "calling" the Calling Plans, "audio" Audio Conferencing, "téléphon" (French) MCOEV.
 *
 * The order, best first (each step only breaks ties of the one before):
 * 1. the tenant's own SKUs (when signed in): only those can be assigned;
 * 2. how the word matches (see `Tier`): the part number itself, a whole word of the product name,
 *    a part-number prefix, a word prefix, a part of the part number; a word that the product name
 *    negates ("E5 without Audio Conferencing" for "audio") comes last;
 * 3. common SKUs: those translated in scripts/data/product-names.fr.json, which lists the suites and
 *    Teams voice SKUs admins assign most (every other row of Microsoft's table is a variant,
 *    a government cloud or a rarity);
 * 4. a base SKU before its variants: a part number that extends another one after an underscore
 *    (ENTERPRISEPREMIUM_NOPSTNCONF, MCOEV_GOV) comes after the SKU it varies;
 * 5. fewer service plans: typing a product word means the product, not a bundle holding it
 *    (MCOEV before Teams Phone with Calling Plan, Office 365 E3 before Microsoft 365 E3);
 * 6. the shorter product name (the base product before "… for GCC", "… (no Teams)"), then the part number.
 * With nothing typed yet there is no tier, and steps 5–6 become the product name's alphabetical order.
 * Both the English and the French product names match in any UI language; the UI's name decides step 6.
 */

const enum Tier {
  PartNumber = 0,
  NameWord = 1,
  PartNumberPrefix = 2,
  NameWordPrefix = 3,
  InPartNumber = 4,
  Negated = 5,
}

interface NameWord {
  readonly text: string;
  /** After "without", "no", "sans", "w/o" up to the closing parenthesis or "with": what the SKU lacks. */
  readonly negated: boolean;
}

interface Entry {
  readonly sku: Sku;
  readonly key: string;
  readonly words: readonly NameWord[];
  readonly common: boolean;
  readonly variant: boolean;
  readonly name: string;
}

/** Lower case without accents: "téléphon" finds "Téléphone", "telephon" too. */
const foldForMatch = (s: string): string => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

const NEGATIONS = new Set(['without', 'no', 'sans', 'w/o']);
const NEGATION_ENDS = new Set(['with', 'avec']);

/** The words of a product name, each marked when the name says the SKU lacks it. */
export function nameWords(productName: string): NameWord[] {
  const words: NameWord[] = [];
  let negated = false;
  for (const piece of foldForMatch(productName).match(/w\/o|[\p{L}\p{N}]+|\)/gu) ?? []) {
    if (piece === ')') negated = false;
    else if (NEGATIONS.has(piece)) negated = true;
    else if (NEGATION_ENDS.has(piece)) negated = false;
    else words.push({ text: piece, negated });
  }
  return words;
}

const collators = new Map<string, Intl.Collator>();
const collatorFor = (locale: string | undefined): Intl.Collator => {
  let c = collators.get(locale ?? '');
  if (!c) collators.set(locale ?? '', (c = new Intl.Collator(locale, { sensitivity: 'base', numeric: true })));
  return c;
};

const indexCache = new WeakMap<Catalog, Map<string, readonly Entry[]>>();

function entries(catalog: Catalog, locale: string | undefined): readonly Entry[] {
  let byLocale = indexCache.get(catalog);
  if (!byLocale) indexCache.set(catalog, (byLocale = new Map()));
  const localeKey = locale ?? '';
  let list = byLocale.get(localeKey);
  if (!list) {
    const keys = new Set(catalog.skus.map((sku) => foldForMatch(partNumberKey(sku.partNumber))));
    list = catalog.skus.map((sku) => ({
      sku,
      key: foldForMatch(partNumberKey(sku.partNumber)),
      variant: isVariant(foldForMatch(partNumberKey(sku.partNumber)), keys),
      words: [...nameWords(sku.productName), ...(sku.productNameFr ? nameWords(sku.productNameFr) : [])],
      common: sku.productNameFr !== undefined,
      name: productNameFor(sku, locale),
    }));
    byLocale.set(localeKey, list);
  }
  return list;
}

/** ENTERPRISEPREMIUM_NOPSTNCONF varies ENTERPRISEPREMIUM: some part before an underscore is another part number. */
function isVariant(key: string, keys: ReadonlySet<string>): boolean {
  for (let i = key.indexOf('_'); i > 0; i = key.indexOf('_', i + 1)) if (keys.has(key.slice(0, i))) return true;
  return false;
}

function tierOf(entry: Entry, word: string): Tier | undefined {
  if (entry.key === word || entry.sku.skuId === word) return Tier.PartNumber;
  let best: Tier | undefined;
  const better = (t: Tier) => (best === undefined || t < best ? (best = t) : best);
  for (const w of entry.words) {
    if (w.text === word) better(w.negated ? Tier.Negated : Tier.NameWord);
    else if (w.text.startsWith(word)) better(w.negated ? Tier.Negated : Tier.NameWordPrefix);
  }
  if (entry.key.startsWith(word)) better(Tier.PartNumberPrefix);
  else if (entry.key.includes(word)) better(Tier.InPartNumber);
  return best;
}

/**
 * The SKUs matching `typed` (all of them when it is empty), best first. `inTenant` says which SKUs
 * the signed-in tenant holds. Pure and cheap (one pass over ~600 SKUs): the editor asks again at
 * every keystroke.
 */
export function rankSkus(
  catalog: Catalog,
  typed: string,
  locale: string | undefined,
  inTenant: (sku: Sku) => boolean = () => false,
): Sku[] {
  // Typed as written in a file: `contoso:E3` and part numbers with stray spaces match like the rules read them.
  const word = foldForMatch(partNumberKey(typed.includes(':') ? typed.slice(typed.indexOf(':') + 1) : typed));
  const scored: { entry: Entry; tenant: number; tier: number }[] = [];
  for (const entry of entries(catalog, locale)) {
    const tier = word ? tierOf(entry, word) : 0;
    if (tier !== undefined) scored.push({ entry, tenant: inTenant(entry.sku) ? 0 : 1, tier });
  }
  const collator = word ? undefined : collatorFor(locale);
  scored.sort(
    (a, b) =>
      a.tenant - b.tenant ||
      a.tier - b.tier ||
      Number(b.entry.common) - Number(a.entry.common) ||
      Number(a.entry.variant) - Number(b.entry.variant) ||
      (word
        ? a.entry.sku.plans.length - b.entry.sku.plans.length || a.entry.name.length - b.entry.name.length
        : collator!.compare(a.entry.name, b.entry.name)) ||
      a.entry.sku.partNumber.localeCompare(b.entry.sku.partNumber),
  );
  return scored.map((s) => s.entry.sku);
}
