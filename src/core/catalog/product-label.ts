import { Catalog, productNameFor } from './catalog';

/**
 * A part number as an admin reads it on a page or a CLI line: `ENTERPRISEPACK (Office 365 E3)`,
 * with Microsoft's product name in the UI language when the catalog knows the SKU; the part number
 * alone when it does not (a new SKU) or when the part number is ambiguous (MCOPSTN5 names two).
 */
export function productLabel(partNumber: string, locale?: string, catalog: Catalog = Catalog.builtIn()): string {
  const name = productName(partNumber, locale, catalog);
  return name ? `${partNumber} (${name})` : partNumber;
}

/** Microsoft's product name for a part number, when exactly one SKU of the catalog has it. */
export function productName(
  partNumber: string,
  locale?: string,
  catalog: Catalog = Catalog.builtIn(),
): string | undefined {
  const skus = catalog.skusByPartNumber(partNumber);
  if (skus.length !== 1) return undefined;
  const name = productNameFor(skus[0], locale);
  return name && name.toUpperCase() !== partNumber.toUpperCase() ? name : undefined;
}

/**
 * A free or self-service SKU (FLOW_FREE, POWERAPPS_VIRAL, a trial): Microsoft grants thousands of
 * seats at no cost, so its seat count is not on the same scale as the subscriptions paid for.
 */
export function isFreeSku(partNumber: string, catalog: Catalog = Catalog.builtIn()): boolean {
  if (/(^|_)(FREE|VIRAL|TRIAL|EXPLORATORY)(_|$)/i.test(partNumber)) return true;
  const name = productName(partNumber, 'en', catalog);
  return name !== undefined && /\b(free|trial)\b/i.test(name);
}
