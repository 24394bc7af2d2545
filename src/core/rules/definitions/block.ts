import { defineRules } from '../rule';

/** One block at a time: its SKUs, plans, usage location (block-rules.ts, validate.ts). */
export const BLOCK_RULES = defineRules({
  'unknown-sku': {
    severity: 'error',
    summary: 'A SKU that is not in the catalog (fixes: closest part numbers, also by product name: "E3").',
    fixes: ['suggest-sku'],
  },
  'ambiguous-sku': {
    severity: 'information',
    summary: "A part number that names two SKUs in Microsoft's table (MCOPSTN5); the tenant's own SKU is used.",
    fixes: [],
  },
  'legacy-sku-prefix': {
    severity: 'warning',
    summary: 'The retired MSOnline form `tenant:SKU` (AccountSkuId); fix: the plain part number.',
    fixes: ['replace'],
  },
  'assign-and-remove': {
    severity: 'error',
    summary: 'One SKU both assigned and removed for the same user.',
    fixes: ['remove-from-list'],
  },
  'unknown-plan': {
    severity: 'error',
    summary: '`disable` names a service plan that the SKU does not contain.',
    fixes: ['replace'],
  },
  'disable-without-assign': {
    severity: 'warning',
    summary: '`disable` for a SKU the block does not assign (it then changes nothing).',
    fixes: ['add-to-assign'],
  },
  'invalid-usage-location': {
    severity: 'error',
    summary: 'Not an ISO 3166-1 alpha-2 country code.',
    fixes: ['replace'],
  },
  'empty-block': {
    severity: 'warning',
    summary: 'Directives that no user follows.',
    fixes: [],
  },
});
