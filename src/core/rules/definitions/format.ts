import { defineRules } from '../rule';

/**
 * Lines the parser cannot read (src/core/format): a user, a directive, a group line. The parser
 * reports them before any rule runs and words them itself (`deferred`), so they have no messages here.
 */
export const FORMAT_RULES = defineRules({
  'invalid-user': {
    severity: 'error',
    summary: 'A line that is neither a directive nor a UPN / object id.',
    messages: {},
    fixes: [],
  },
  'unknown-directive': {
    severity: 'error',
    summary: 'A word in directive position that is no keyword (the closest keyword is suggested).',
    messages: {},
    fixes: ['replace'],
  },
  'malformed-directive': {
    severity: 'error',
    summary: 'A directive missing its arguments, e.g. `usage-location` without a code or `disable` without a colon.',
    messages: {},
    fixes: [],
  },
  'invalid-group': {
    severity: 'error',
    summary: 'A `group` line without a display name or object id, or with a quote never closed.',
    messages: {},
    fixes: [],
  },
});
