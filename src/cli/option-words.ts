import { Catalog } from '../core/catalog/catalog';
import { COUNTRY_CODE_MISTAKES, isCountryCode } from '../core/catalog/countries';
import type { TenantSkus } from '../core/tenant/tenant-skus';
import type { Translate } from '../core/text/translate';

/** A SKU word given on the command line, and the option it came with (`--assign`), for the message. */
export interface OptionSku {
  readonly option: string;
  readonly word: string;
}

/**
 * What is wrong with the SKU words of `--assign`/`--remove`, located at the option (a plain list's
 * "line 1" is not where the admin wrote them): "--assign: E3 is not a subscription of this tenant.
 * Did you mean ENTERPRISEPACK (Office 365 E3)?". The suggestion is the editor's (part numbers within
 * a small edit distance, product-name words), the tenant's own subscriptions first.
 */
export function optionSkuProblems(
  words: readonly OptionSku[],
  skus: TenantSkus,
  t: Translate,
  catalog: Catalog = Catalog.builtIn(),
): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const { option, word } of words) {
    if (seen.has(`${option} ${word.toUpperCase()}`)) continue;
    seen.add(`${option} ${word.toUpperCase()}`);
    const resolved = skus.resolve(word);
    if (resolved.kind === 'found') continue;
    if (resolved.kind === 'ambiguous') {
      problems.push(
        t(
          '{0}: {1} names {2} subscriptions in this tenant ({3}): give the skuId of the one you mean.',
          option,
          word,
          resolved.skus.length,
          resolved.skus.map((s) => s.skuId).join(', '),
        ),
      );
      continue;
    }
    const suggestions = catalog.suggestSkus(word, 20);
    const held = suggestions.find((s) => skus.resolve(s.skuId).kind === 'found');
    const best = held ?? suggestions[0];
    problems.push(
      best
        ? t(
            '{0}: {1} is not a subscription of this tenant. Did you mean {2} ({3})?',
            option,
            word,
            best.partNumber,
            best.productName,
          )
        : t(
            '{0}: {1} is not a subscription of this tenant. Subscriptions here: {2}.',
            option,
            word,
            skus.sorted.map((s) => s.partNumber).join(', ') || '-',
          ),
    );
  }
  return problems;
}

/** `--usage-location CC`: the code upper-cased, or the message saying why it is not one. */
export function usageLocationOption(
  code: string,
  t: Translate,
): { readonly ok: true; readonly code: string } | { readonly ok: false; readonly message: string } {
  if (/^[a-z]{2}$/i.test(code) && isCountryCode(code)) return { ok: true, code: code.toUpperCase() };
  const meant = COUNTRY_CODE_MISTAKES[code.toUpperCase()];
  return {
    ok: false,
    message: meant
      ? t('--usage-location: "{0}" is not an ISO 3166-1 alpha-2 country code: use {1}.', code, meant)
      : t(
          '--usage-location: "{0}" is not an ISO 3166-1 alpha-2 country code (two letters, such as FR, US or GB).',
          code,
        ),
  };
}
