import { defineRules } from '../rule';

/** An exclusion met across a user's blocks (user-rules.ts): `{3}` is the rule's default message. */
const ACROSS_BLOCKS = '{0}, across its blocks (lines {1} and {2}): {3}';

/** Teams voice and stacking, on the plans each SKU turns on (voice-rules.ts, catalog/licensing-rules.ts). */
export const VOICE_RULES = defineRules({
  'calling-plan-with-onprem-pstn': {
    severity: 'error',
    summary: 'A Calling Plan in a `pstn on-premises` block (Direct Routing users need Phone System only).',
    messages: {
      default:
        '{0} contains a Calling Plan, but this block is "pstn on-premises": Direct Routing and on-premises PSTN users get Phone System (MCOEV) only, never a Calling Plan.',
    },
    fixes: ['remove-from-list'],
  },
  'calling-plans-exclusive': {
    severity: 'error',
    summary: 'Two SKUs whose Calling Plan service plans cannot be held together (MCOPSTN1, MCOPSTN2, MCOPSTN5).',
    messages: {
      default:
        '{0} ({1}) and {2} ({3}) cannot be held by the same user: Microsoft lists these {4} service plans as mutually exclusive. Keep one Calling Plan, or disable one plan.',
      acrossBlocks: ACROSS_BLOCKS,
    },
    fixes: ['remove-from-list'],
  },
  'plans-exclusive': {
    severity: 'error',
    summary:
      'Two SKUs with other service plans Microsoft lists as mutually exclusive (e.g. MCOSTANDARD and MCOIMP: E3 with F1).',
    messages: {
      default:
        '{0} ({1}) and {2} ({3}) cannot be held by the same user: Microsoft lists these {4} service plans as mutually exclusive. Keep one, or disable one plan.',
      acrossBlocks: ACROSS_BLOCKS,
    },
    fixes: ['remove-from-list'],
  },
  'redundant-sku': {
    severity: 'information',
    summary: 'A SKU whose service plans another assigned SKU already contains (MCOEV next to E5).',
    messages: { default: '{0} already includes everything in {1} ({2}): this SKU uses a seat for nothing.' },
    fixes: ['remove-from-list'],
  },
});
