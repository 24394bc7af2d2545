import { defineRules } from '../rule';

/** The `exact` directive (exact-rules.ts). */
export const EXACT_RULES = defineRules({
  'remove-beside-exact': {
    severity: 'warning',
    summary:
      'A `remove` line in an `exact` block: `exact` already removes every direct license the block does not assign.',
    fixes: ['delete-line'],
  },
  'exact-without-assign': {
    severity: 'warning',
    summary: '`exact` for users no block assigns a SKU: every license assigned to them directly is removed.',
    fixes: ['delete-line'],
  },
});
