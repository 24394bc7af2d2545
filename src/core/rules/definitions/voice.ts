import { defineRules } from '../rule';

/** Teams voice and stacking, on the plans each SKU turns on (voice-rules.ts, catalog/licensing-rules.ts). */
export const VOICE_RULES = defineRules({
  'calling-plan-with-onprem-pstn': {
    severity: 'error',
    summary: 'A Calling Plan in a `pstn on-premises` block (Direct Routing users need Phone System only).',
    fixes: ['remove-from-list'],
  },
  'calling-plans-exclusive': {
    severity: 'error',
    summary: 'Two SKUs whose Calling Plan service plans cannot be held together (MCOPSTN1, MCOPSTN2, MCOPSTN5).',
    fixes: ['remove-from-list'],
  },
  'plans-exclusive': {
    severity: 'error',
    summary:
      'Two SKUs with other service plans Microsoft lists as mutually exclusive (e.g. MCOSTANDARD and MCOIMP: E3 with F1).',
    fixes: ['remove-from-list'],
  },
  'redundant-sku': {
    severity: 'information',
    summary: 'A SKU whose service plans another assigned SKU already contains (MCOEV next to E5).',
    fixes: ['remove-from-list'],
  },
});
