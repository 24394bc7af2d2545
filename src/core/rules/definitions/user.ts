import { defineRules } from '../rule';

/** A user's blocks together (user-rules.ts). */
export const USER_RULES = defineRules({
  'duplicate-user': {
    severity: 'warning',
    summary: 'The same user twice in one block (case-insensitive).',
    fixes: ['delete-line'],
  },
  'users-without-directives': {
    severity: 'warning',
    summary: 'Users before the first directive of a file that has directives: nothing applies to them.',
    fixes: [],
  },
});
