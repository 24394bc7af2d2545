import { defineRules } from '../rule';

/** A user's blocks together (user-rules.ts). */
export const USER_RULES = defineRules({
  'duplicate-user': {
    severity: 'warning',
    summary: 'The same user twice in one block (case-insensitive).',
    messages: { default: '{0} is already listed in this block (line {1}).' },
    fixes: ['delete-line'],
  },
  'users-without-directives': {
    severity: 'warning',
    summary: 'Users before the first directive of a file that has directives: nothing applies to them.',
    messages: {
      default: {
        one: '{0} user comes before the first directive, so nothing applies to it: directives apply to the users that follow them.',
        other:
          '{0} users come before the first directive, so nothing applies to them: directives apply to the users that follow them.',
      },
    },
    fixes: [],
  },
});
