import { defineRules } from '../rule';

/** `group` lines (group-rules.ts). */
export const GROUP_RULES = defineRules({
  'duplicate-group': {
    severity: 'warning',
    summary: 'The same group twice in one block (case-insensitive).',
    fixes: ['delete-line'],
  },
  'usage-location-for-groups': {
    severity: 'warning',
    summary:
      "`usage-location` in a block that holds only groups: it applies to users, and group licensing gives members without one the tenant's country.",
    fixes: [],
  },
});
