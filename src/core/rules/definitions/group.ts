import { defineRules } from '../rule';

/** `group` lines (group-rules.ts). */
export const GROUP_RULES = defineRules({
  'duplicate-group': {
    severity: 'warning',
    summary: 'The same group twice in one block (case-insensitive).',
    messages: { default: 'The group {0} is already listed in this block (line {1}).' },
    fixes: ['delete-line'],
  },
  'usage-location-for-groups': {
    severity: 'warning',
    summary:
      "`usage-location` in a block that holds only groups: it applies to users, and group licensing gives members without one the tenant's country.",
    messages: {
      default:
        "usage-location applies to users, and this block holds only groups: group licensing gives members without a usage location the tenant's country. Set it on the users, or list them in a block of their own.",
    },
    fixes: [],
  },
});
