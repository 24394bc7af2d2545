import { defineRules } from '../rule';

/** One block at a time: its SKUs, plans, usage location (block-rules.ts, validate.ts). */
export const BLOCK_RULES = defineRules({
  'unknown-sku': {
    severity: 'error',
    summary: 'A SKU that is not in the catalog (fixes: closest part numbers, also by product name: "E3").',
    messages: {
      withSuggestion: 'Unknown SKU "{0}". Did you mean {1} ({2})?',
      default: 'Unknown SKU "{0}": use a part number such as MCOEV or a skuId.',
    },
    fixes: ['suggest-sku'],
  },
  'ambiguous-sku': {
    severity: 'information',
    summary: "A part number that names two SKUs in Microsoft's table (MCOPSTN5); the tenant's own SKU is used.",
    messages: {
      default:
        "{0} names {1} SKUs in Microsoft's table ({2}); the one your tenant holds is used. Write the skuId to choose.",
    },
    fixes: [],
  },
  'legacy-sku-prefix': {
    severity: 'warning',
    summary: 'The retired MSOnline form `tenant:SKU` (AccountSkuId); fix: the plain part number.',
    messages: {
      default: '"{0}" is MSOnline\'s AccountSkuId form; Microsoft Graph uses the part number alone: {1}.',
    },
    fixes: ['replace'],
  },
  'assign-and-remove': {
    severity: 'error',
    summary: 'One SKU both assigned and removed for the same user.',
    messages: {
      inBlock: '{0} is both assigned and removed in this block.',
      acrossBlocks: '{0} gets {1} both assigned and removed across its blocks; keep one.',
    },
    fixes: ['remove-from-list'],
  },
  'unknown-plan': {
    severity: 'error',
    summary: '`disable` names a service plan that the SKU does not contain.',
    messages: { default: '{0} has no service plan "{1}". Its plans: {2}.' },
    fixes: ['replace'],
  },
  'disable-without-assign': {
    severity: 'warning',
    summary: '`disable` for a SKU the block does not assign (it then changes nothing).',
    messages: {
      default:
        "This block does not assign {0}, so this disable changes nothing: add {0} to the block's assign line (users who hold it keep it, with these plans off).",
    },
    fixes: ['add-to-assign'],
  },
  'invalid-usage-location': {
    severity: 'error',
    summary: 'Not an ISO 3166-1 alpha-2 country code.',
    messages: {
      withSuggestion: '"{0}" is not an ISO 3166-1 alpha-2 country code: use {1}.',
      default: '"{0}" is not an ISO 3166-1 alpha-2 country code (two letters, such as FR, US or GB).',
    },
    fixes: ['replace'],
  },
  'empty-block': {
    severity: 'warning',
    summary: 'Directives that no user follows.',
    messages: { default: 'No user follows these directives: list the users below them, one per line.' },
    fixes: [],
  },
});
