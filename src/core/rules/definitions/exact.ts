import { defineRules } from '../rule';

/** The `exact` directive (exact-rules.ts). */
export const EXACT_RULES = defineRules({
  'remove-beside-exact': {
    severity: 'warning',
    summary:
      'A `remove` line in an `exact` block: `exact` already removes every direct license the block does not assign.',
    messages: {
      default:
        'This block says exact: every direct license it does not assign is removed already, so this remove line is redundant.',
    },
    fixes: ['delete-line'],
    fixTitles: { 'delete-line': 'Delete the redundant remove line' },
  },
  'exact-without-assign': {
    severity: 'warning',
    summary: '`exact` for users no block assigns a SKU: every license assigned to them directly is removed.',
    messages: {
      everyUser: {
        one: 'exact with no assign removes every license assigned directly to the {0} user of this block (licenses from groups stay). Add an assign line, or delete exact.',
        other:
          'exact with no assign removes every license assigned directly to the {0} users of this block (licenses from groups stay). Add an assign line, or delete exact.',
      },
      someUsers:
        'exact with no assign removes every license assigned directly to {0} of the {1} users of this block (those no other block assigns a SKU; licenses from groups stay).',
    },
    fixes: ['delete-line'],
    fixTitles: { 'delete-line': 'Delete exact (keep the licenses the file does not name)' },
  },
});
