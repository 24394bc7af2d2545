import { productLabel } from '../catalog/product-label';
import { english, type Translate } from '../text/translate';

/** What a plan sends a user, or what a run did to one: the words are the same before and after. */
export interface LicenseChange {
  readonly usageLocation?: string;
  readonly added: readonly string[];
  readonly removed: readonly string[];
  /** Removed by `exact` (the file does not name them): said so. */
  readonly removedByExact?: readonly string[];
  /** SKUs whose disabled plans change. */
  readonly updated?: readonly string[];
}

/**
 * `usage location US +ENTERPRISEPACK (Office 365 E3) -STANDARDPACK (Office 365 E1)`: the one
 * wording of a change for the preview, the results, the CLI's plan and result lines and the
 * output channel, with Microsoft's product name beside each part number (in `t`'s language).
 */
export function licenseChangeText(c: LicenseChange, t: Translate = english, locale = t.locale): string {
  const label = (partNumber: string) => productLabel(partNumber, locale);
  const exact = new Set(c.removedByExact ?? []);
  return [
    ...(c.usageLocation ? [t('usage location {0}', c.usageLocation)] : []),
    ...c.added.map((s) => `+${label(s)}`),
    ...c.removed.map((s) => `-${label(s)}${exact.has(s) ? ' (exact)' : ''}`),
    ...(c.updated ?? []).map((s) => t('~{0} (disabled plans)', label(s))),
  ].join(' ');
}
